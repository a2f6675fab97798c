"""The words of DOMAIN.md §1 as enums. Migrations import these: keep them here."""

from __future__ import annotations

from enum import StrEnum


class UnitKind(StrEnum):
    CITY_PLATFORM = "CITY_PLATFORM"
    CITY_DEPARTMENT = "CITY_DEPARTMENT"
    DISTRICT_PLATFORM = "DISTRICT_PLATFORM"
    DISTRICT_DEPARTMENT = "DISTRICT_DEPARTMENT"
    STREET = "STREET"
    COMMUNITY = "COMMUNITY"


PLATFORM_KINDS = frozenset({UnitKind.CITY_PLATFORM, UnitKind.DISTRICT_PLATFORM})
DEPARTMENT_KINDS = frozenset({UnitKind.CITY_DEPARTMENT, UnitKind.DISTRICT_DEPARTMENT})


class Role(StrEnum):
    HANDLER = "HANDLER"
    REVIEWER = "REVIEWER"
    HEAD = "HEAD"
    DISPATCHER = "DISPATCHER"
    SUPERVISOR = "SUPERVISOR"
    INSPECTOR = "INSPECTOR"
    GRID_WORKER = "GRID_WORKER"
    ADMIN = "ADMIN"
    # Not grantable to staff: a petitioner acting with the token their one-time code bought.
    PETITIONER = "PETITIONER"
    # Not grantable: the sweeper that closes unevaluated petitions.
    SYSTEM = "SYSTEM"
    # Not grantable: a machine client acting through its API key on its own account (the
    # event also names the key and its client kind).
    API_CLIENT = "API_CLIENT"


class Scope(StrEnum):
    """What a machine client (API key) may do; bound to the key's unit."""

    PETITION_SUBMIT = "PETITION_SUBMIT"
    # Legacy: keys made before petitioners proved who they are carry these. They grant nothing
    # now (a tracking code and a phone are no proof); kept so stored keys still parse.
    PETITION_TRACK = "PETITION_TRACK"
    PETITION_EVALUATE = "PETITION_EVALUATE"
    PETITION_READ = "PETITION_READ"
    PETITION_HANDLE = "PETITION_HANDLE"


class ApiClientKind(StrEnum):
    DISTRICT_APP = "DISTRICT_APP"
    DEPARTMENT_SYSTEM = "DEPARTMENT_SYSTEM"
    HOTLINE = "HOTLINE"


API_CLIENT_SCOPES: dict[ApiClientKind, frozenset[Scope]] = {
    # A district app's key ships inside the app, so it is public: it submits and starts a
    # petitioner's verification; the petitioner's token carries the petitioner's power.
    ApiClientKind.DISTRICT_APP: frozenset({Scope.PETITION_SUBMIT}),
    ApiClientKind.DEPARTMENT_SYSTEM: frozenset({Scope.PETITION_READ, Scope.PETITION_HANDLE}),
    ApiClientKind.HOTLINE: frozenset({Scope.PETITION_SUBMIT, Scope.PETITION_READ}),
}


class PetitionerType(StrEnum):
    CITIZEN = "CITIZEN"
    ENTERPRISE = "ENTERPRISE"
    UNIT = "UNIT"


class Category(StrEnum):
    LIVELIHOOD = "LIVELIHOOD"
    DEVELOPMENT = "DEVELOPMENT"
    ENFORCEMENT = "ENFORCEMENT"


class Kind(StrEnum):
    CONSULTATION = "CONSULTATION"
    SUGGESTION = "SUGGESTION"
    COMPLAINT = "COMPLAINT"


class Complexity(StrEnum):
    SIMPLE = "SIMPLE"
    NORMAL = "NORMAL"
    COMPLEX = "COMPLEX"


class Channel(StrEnum):
    WECHAT = "WECHAT"
    DISTRICT_APP = "DISTRICT_APP"
    HOTLINE_12345 = "HOTLINE_12345"
    WEBSITE = "WEBSITE"
    GRID = "GRID"
    WALK_IN = "WALK_IN"
    DEPARTMENT_SYSTEM = "DEPARTMENT_SYSTEM"


class State(StrEnum):
    TRIAGE = "TRIAGE"
    ASSIGNED = "ASSIGNED"
    HANDLING = "HANDLING"
    UNIT_REVIEW = "UNIT_REVIEW"
    PLATFORM_REVIEW = "PLATFORM_REVIEW"
    AWAITING_EVALUATION = "AWAITING_EVALUATION"
    PENDING_ASSESSMENT = "PENDING_ASSESSMENT"
    CLOSED = "CLOSED"


OPEN_STATES = frozenset(s for s in State if s is not State.CLOSED)
# States in which a handling unit's clock runs (lights and overdue apply).
CLOCK_STATES = frozenset({State.ASSIGNED, State.HANDLING, State.UNIT_REVIEW})


class Closure(StrEnum):
    EVALUATED = "EVALUATED"  # both marks positive
    NOT_EVALUATED = "NOT_EVALUATED"
    INVALID = "INVALID"
    DUPLICATE = "DUPLICATE"
    WITHDRAWN = "WITHDRAWN"
    ASSESSED = "ASSESSED"


class Action(StrEnum):
    SUBMIT = "SUBMIT"
    DISPATCH = "DISPATCH"
    ESCALATE = "ESCALATE"
    SEND_BACK = "SEND_BACK"
    RETURN = "RETURN"
    REJECT = "REJECT"
    MERGE = "MERGE"
    RECALL = "RECALL"  # 收回/改派: the dispatching platform takes an unaccepted dispatch back
    ACCEPT = "ACCEPT"
    REQUEST_EXTENSION = "REQUEST_EXTENSION"
    DECIDE_EXTENSION = "DECIDE_EXTENSION"
    ADD_COOPERATION_OPINION = "ADD_COOPERATION_OPINION"
    SUBMIT_REPLY = "SUBMIT_REPLY"
    TAKE_BACK_REPLY = "TAKE_BACK_REPLY"  # the author takes a reply back before any review
    FIRST_CONTACT = "FIRST_CONTACT"  # 先行联系: the unit first contacted the petitioner
    REVIEW_REPLY = "REVIEW_REPLY"
    EVALUATE = "EVALUATE"
    CLOSE_UNEVALUATED = "CLOSE_UNEVALUATED"
    ASSESS = "ASSESS"
    URGE = "URGE"
    WITHDRAW = "WITHDRAW"
    # The petitioner adds a text note to their petition (新增材料); no state change.
    ADD_MATERIAL = "ADD_MATERIAL"
    # Timeline-only: reading personal data is recorded too (全程留痕).
    VIEW_PERSONAL_DATA = "VIEW_PERSONAL_DATA"
    # Timeline-only: files added to the petition, a reply or a review.
    ATTACH = "ATTACH"
    # Timeline-only, recorded by the deadline watch: the light turned YELLOW, the deadline
    # passed, the handling unit was reminded, an assignment was not accepted in time.
    LIGHT_YELLOW = "LIGHT_YELLOW"
    OVERDUE = "OVERDUE"
    DEADLINE_REMINDER = "DEADLINE_REMINDER"
    ACCEPT_OVERDUE = "ACCEPT_OVERDUE"


# What the deadline watch records: no state change, nobody's button.
WATCH_ACTIONS = frozenset(
    {Action.LIGHT_YELLOW, Action.OVERDUE, Action.DEADLINE_REMINDER, Action.ACCEPT_OVERDUE}
)


class AssignmentRole(StrEnum):
    LEAD = "LEAD"
    COOPERATING = "COOPERATING"


class AssignmentEnd(StrEnum):
    REPLIED = "REPLIED"
    ESCALATED = "ESCALATED"
    RETURNED = "RETURNED"
    CLOSED = "CLOSED"
    RECALLED = "RECALLED"


class ReviewStage(StrEnum):
    UNIT_REVIEWER = "UNIT_REVIEWER"
    UNIT_HEAD = "UNIT_HEAD"
    CITY_PLATFORM = "CITY_PLATFORM"
    DISTRICT_PLATFORM = "DISTRICT_PLATFORM"


class Decision(StrEnum):
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"


class ReplyStatus(StrEnum):
    IN_REVIEW = "IN_REVIEW"
    SENT = "SENT"
    REJECTED = "REJECTED"
    TAKEN_BACK = "TAKEN_BACK"  # its author took it back before any review


class ContactMethod(StrEnum):
    PHONE = "PHONE"
    VISIT = "VISIT"
    SMS = "SMS"
    OTHER = "OTHER"


class ExtensionStatus(StrEnum):
    PENDING = "PENDING"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    LAPSED = "LAPSED"  # its unit's assignment ended before the platform decided
    WITHDRAWN = "WITHDRAWN"  # the unit submitted its reply while the request was pending


class Satisfaction(StrEnum):
    SATISFIED = "SATISFIED"
    BASICALLY_SATISFIED = "BASICALLY_SATISFIED"
    UNSATISFIED = "UNSATISFIED"


class Resolution(StrEnum):
    RESOLVED = "RESOLVED"
    BASICALLY_RESOLVED = "BASICALLY_RESOLVED"
    UNRESOLVED = "UNRESOLVED"


class EvaluationSource(StrEnum):
    PETITIONER = "PETITIONER"
    STAFF_CALLBACK = "STAFF_CALLBACK"


class AssessmentResult(StrEnum):
    FULFILLED = "FULFILLED"
    NOT_FULFILLED = "NOT_FULFILLED"


class Light(StrEnum):
    BLUE = "BLUE"
    YELLOW = "YELLOW"
    RED = "RED"


class ReferralState(StrEnum):
    """A referral (问责移交) after two failed assessments: received, then concluded."""

    OPEN = "OPEN"
    ACKNOWLEDGED = "ACKNOWLEDGED"
    CONCLUDED = "CONCLUDED"


class ReferralStep(StrEnum):
    CREATE = "CREATE"
    ACKNOWLEDGE = "ACKNOWLEDGE"
    CONCLUDE = "CONCLUDE"


class AuditAction(StrEnum):
    """What an administrator changed (the admin audit record, models.AdminAudit)."""

    UNIT_CREATED = "UNIT_CREATED"
    USER_CREATED = "USER_CREATED"
    ROLE_GRANTED = "ROLE_GRANTED"
    GRANT_ENDED = "GRANT_ENDED"
    API_KEY_CREATED = "API_KEY_CREATED"
    API_KEY_REVOKED = "API_KEY_REVOKED"
    CALENDAR_CHANGED = "CALENDAR_CHANGED"
    CALENDAR_OVERRIDE_DELETED = "CALENDAR_OVERRIDE_DELETED"
    USER_DEACTIVATED = "USER_DEACTIVATED"
    USER_REACTIVATED = "USER_REACTIVATED"
    PASSWORD_RESET = "PASSWORD_RESET"
    # Not a change but a use of personal data outside one petition's page, recorded the same
    # way: a search by a petitioner's phone or name, an export with unmasked phones and names.
    PERSONAL_DATA_SEARCHED = "PERSONAL_DATA_SEARCHED"
    PERSONAL_DATA_EXPORTED = "PERSONAL_DATA_EXPORTED"


class StatScope(StrEnum):
    """What a set of measures is about. Daily rollup rows exist for every scope but CITY,
    which is the sum of the districts."""

    CITY = "CITY"
    DISTRICT = "DISTRICT"
    STREET = "STREET"
    UNIT = "UNIT"
    TOPIC = "TOPIC"
    CHANNEL = "CHANNEL"


class NotificationKind(StrEnum):
    NEW_ASSIGNMENT = "NEW_ASSIGNMENT"
    YELLOW = "YELLOW"
    RED = "RED"
    DEADLINE_REMINDER = "DEADLINE_REMINDER"
    ACCEPT_OVERDUE = "ACCEPT_OVERDUE"
    URGED = "URGED"
    REVIEW_WAITING = "REVIEW_WAITING"
    EXTENSION_DECIDED = "EXTENSION_DECIDED"
    REFERRAL = "REFERRAL"


class WarningKind(StrEnum):
    SURGE_TOPIC = "SURGE_TOPIC"
    SURGE_STREET = "SURGE_STREET"
    REPEAT_PETITIONER = "REPEAT_PETITIONER"
    REPEAT_PLACE = "REPEAT_PLACE"
    MOST_OVERDUE = "MOST_OVERDUE"
    MOST_RETURNS = "MOST_RETURNS"
