"""The life of a petition (DOMAIN §5) as data, and who may take each step (DOMAIN §6).

`TRANSITIONS` says which states an action may start from and lead to; `ROLES` says which
roles may take it; `refusal()` adds the relation between the actor's unit and the petition.
`allowed_actions()` is derived from those three and drives both the API's `availableActions`
and the buttons the staff screens show.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from workflow.actors import ROLE_ORDER, Actor, UnitRef
from workflow.enums import (
    DEPARTMENT_KINDS,
    OPEN_STATES,
    WATCH_ACTIONS,
    Action,
    ReviewStage,
    Role,
    Scope,
    State,
    UnitKind,
)

S = State
A = Action

_WITHDRAWABLE = (S.TRIAGE, S.ASSIGNED, S.HANDLING, S.UNIT_REVIEW, S.PLATFORM_REVIEW)

TRANSITIONS: dict[tuple[State, Action], frozenset[State]] = {
    (S.TRIAGE, A.DISPATCH): frozenset({S.ASSIGNED}),
    (S.TRIAGE, A.ESCALATE): frozenset({S.TRIAGE}),
    (S.TRIAGE, A.SEND_BACK): frozenset({S.TRIAGE}),
    (S.TRIAGE, A.REJECT): frozenset({S.CLOSED}),
    (S.TRIAGE, A.MERGE): frozenset({S.CLOSED}),
    (S.ASSIGNED, A.RECALL): frozenset({S.TRIAGE}),
    (S.ASSIGNED, A.ACCEPT): frozenset({S.HANDLING}),
    (S.ASSIGNED, A.ESCALATE): frozenset({S.ASSIGNED, S.TRIAGE}),
    (S.HANDLING, A.ESCALATE): frozenset({S.ASSIGNED, S.TRIAGE}),
    (S.ASSIGNED, A.RETURN): frozenset({S.TRIAGE}),
    (S.HANDLING, A.RETURN): frozenset({S.TRIAGE}),
    (S.HANDLING, A.REQUEST_EXTENSION): frozenset({S.HANDLING}),
    (S.HANDLING, A.DECIDE_EXTENSION): frozenset({S.HANDLING}),
    (S.HANDLING, A.ADD_COOPERATION_OPINION): frozenset({S.HANDLING}),
    (S.HANDLING, A.SUBMIT_REPLY): frozenset({S.UNIT_REVIEW}),
    (S.UNIT_REVIEW, A.TAKE_BACK_REPLY): frozenset({S.HANDLING}),
    (S.ASSIGNED, A.FIRST_CONTACT): frozenset({S.ASSIGNED}),
    (S.HANDLING, A.FIRST_CONTACT): frozenset({S.HANDLING}),
    (S.UNIT_REVIEW, A.REVIEW_REPLY): frozenset({S.UNIT_REVIEW, S.PLATFORM_REVIEW, S.HANDLING}),
    (S.PLATFORM_REVIEW, A.REVIEW_REPLY): frozenset(
        {S.PLATFORM_REVIEW, S.AWAITING_EVALUATION, S.HANDLING}
    ),
    (S.AWAITING_EVALUATION, A.EVALUATE): frozenset({S.CLOSED, S.TRIAGE, S.PENDING_ASSESSMENT}),
    (S.AWAITING_EVALUATION, A.CLOSE_UNEVALUATED): frozenset({S.CLOSED}),
    (S.PENDING_ASSESSMENT, A.ASSESS): frozenset({S.CLOSED}),
    **{(s, A.URGE): frozenset({s}) for s in OPEN_STATES},
    **{(s, A.WITHDRAW): frozenset({S.CLOSED}) for s in _WITHDRAWABLE},
    **{(s, A.ADD_MATERIAL): frozenset({s}) for s in OPEN_STATES},
}

ROLES: dict[Action, frozenset[Role]] = {
    A.SUBMIT: frozenset({Role.PETITIONER, Role.DISPATCHER, Role.GRID_WORKER, Role.HANDLER}),
    A.DISPATCH: frozenset({Role.DISPATCHER}),
    A.ESCALATE: frozenset({Role.DISPATCHER, Role.HANDLER}),
    A.SEND_BACK: frozenset({Role.DISPATCHER}),
    A.RETURN: frozenset({Role.HANDLER}),
    A.REJECT: frozenset({Role.DISPATCHER}),
    A.MERGE: frozenset({Role.DISPATCHER}),
    A.RECALL: frozenset({Role.DISPATCHER}),
    A.ACCEPT: frozenset({Role.HANDLER}),
    A.REQUEST_EXTENSION: frozenset({Role.HANDLER}),
    A.DECIDE_EXTENSION: frozenset({Role.DISPATCHER}),
    A.ADD_COOPERATION_OPINION: frozenset({Role.HANDLER}),
    A.SUBMIT_REPLY: frozenset({Role.HANDLER}),
    A.TAKE_BACK_REPLY: frozenset({Role.HANDLER}),
    A.FIRST_CONTACT: frozenset({Role.HANDLER}),
    A.REVIEW_REPLY: frozenset({Role.REVIEWER, Role.HEAD, Role.DISPATCHER}),
    A.EVALUATE: frozenset({Role.PETITIONER, Role.DISPATCHER}),
    A.CLOSE_UNEVALUATED: frozenset({Role.SYSTEM}),
    A.ASSESS: frozenset({Role.DISPATCHER}),
    A.URGE: frozenset({Role.SUPERVISOR}),
    # The petitioner (through an app), or the district platform recording their request.
    A.WITHDRAW: frozenset({Role.PETITIONER, Role.DISPATCHER}),
    A.ADD_MATERIAL: frozenset({Role.PETITIONER, Role.DISPATCHER}),
}

# The actions a petition page may offer; SUBMIT and the system's sweep are not among them.
PETITION_ACTIONS: tuple[Action, ...] = tuple(
    a
    for a in Action
    if a not in (A.SUBMIT, A.CLOSE_UNEVALUATED, A.VIEW_PERSONAL_DATA, A.ATTACH)
    and a not in WATCH_ACTIONS
)


@dataclass(frozen=True)
class PetitionView:
    """What the rules need to know about a petition, loaded by resolvers/."""

    state: State
    round: int
    district_id: int
    platform: UnitRef
    handling_unit: UnitRef | None = None
    cooperating_unit_ids: frozenset[int] = field(default_factory=frozenset)
    # Cooperating units that have not yet given their opinion in this round.
    awaiting_opinion_unit_ids: frozenset[int] = field(default_factory=frozenset)
    review_stage: ReviewStage | None = None
    reply_author_id: int | None = None
    # Who already signed the reply under review off at a unit stage: the second stage needs
    # somebody else (DOMAIN §6, the two unit reviews are two people).
    unit_reviewer_ids: frozenset[int] = field(default_factory=frozenset)
    pending_extension: bool = False
    # Whether the platform itself put the current lead assignment there (not an escalation
    # from a community to its street): only its own dispatch can be recalled.
    dispatched_by_platform: bool = False


def _at(actor: Actor, unit: UnitRef | None) -> bool:
    return unit is not None and actor.unit.id == unit.id


def _at_district_platform(actor: Actor, view: PetitionView) -> bool:
    return actor.unit.kind is UnitKind.DISTRICT_PLATFORM and actor.unit.id == view.district_id


def _dispatcher_at_platform(actor: Actor, view: PetitionView) -> str | None:
    if actor.has(Role.DISPATCHER) and _at(actor, view.platform):
        return None
    return "只有当前平台的派单员可以执行此操作"


def _handler_at_lead(actor: Actor, view: PetitionView) -> str | None:
    if actor.has(Role.HANDLER) and _at(actor, view.handling_unit):
        return None
    return "只有承办单位的经办人可以执行此操作"


def _escalate(actor: Actor, view: PetitionView) -> str | None:
    if view.state is S.TRIAGE:
        if view.platform.kind is not UnitKind.DISTRICT_PLATFORM:
            return "市级平台的诉求不能再上报"
        return _dispatcher_at_platform(actor, view)
    reason = _handler_at_lead(actor, view)
    if reason:
        return reason
    assert view.handling_unit is not None
    if view.handling_unit.kind not in (UnitKind.COMMUNITY, UnitKind.STREET):
        return "部门不能上报，请退回平台"
    return None


def _send_back(actor: Actor, view: PetitionView) -> str | None:
    if view.platform.kind is not UnitKind.CITY_PLATFORM:
        return "只有市级平台可以发回区级平台"
    return _dispatcher_at_platform(actor, view)


def _return(actor: Actor, view: PetitionView) -> str | None:
    reason = _handler_at_lead(actor, view)
    if reason:
        return reason
    assert view.handling_unit is not None
    if view.handling_unit.kind not in DEPARTMENT_KINDS:
        return "镇街和社区不能退回，请上报"
    return None


def _recall(actor: Actor, view: PetitionView) -> str | None:
    if not view.dispatched_by_platform:
        return "只能收回本平台派出的工单"
    return _dispatcher_at_platform(actor, view)


def _request_extension(actor: Actor, view: PetitionView) -> str | None:
    if view.pending_extension:
        return "已有待审批的延期申请"
    return _handler_at_lead(actor, view)


def _decide_extension(actor: Actor, view: PetitionView) -> str | None:
    if not view.pending_extension:
        return "没有待审批的延期申请"
    return _dispatcher_at_platform(actor, view)


def _opinion(actor: Actor, view: PetitionView) -> str | None:
    if actor.has(Role.HANDLER) and actor.unit.id in view.cooperating_unit_ids:
        return None
    return "只有协办单位的经办人可以提出协办意见"


def _submit_reply(actor: Actor, view: PetitionView) -> str | None:
    reason = _handler_at_lead(actor, view)
    if reason:
        return reason
    if view.awaiting_opinion_unit_ids:
        return "协办单位尚未全部提出意见"
    return None


def _take_back_reply(actor: Actor, view: PetitionView) -> str | None:
    if actor.user_id is None or actor.user_id != view.reply_author_id:
        return "只有答复的撰写人可以收回答复"
    if view.review_stage not in (ReviewStage.UNIT_REVIEWER, ReviewStage.UNIT_HEAD):
        return "答复不在单位审核中"
    if view.unit_reviewer_ids:
        return "答复已有人审核，不能收回"
    return _handler_at_lead(actor, view)


def _review(actor: Actor, view: PetitionView) -> str | None:
    stage = view.review_stage
    if stage in (ReviewStage.UNIT_REVIEWER, ReviewStage.UNIT_HEAD):
        role = Role.REVIEWER if stage is ReviewStage.UNIT_REVIEWER else Role.HEAD
        if not (actor.has(role) and _at(actor, view.handling_unit)):
            return "只有承办单位的审核人或负责人可以审核"
        if actor.user_id is not None and actor.user_id == view.reply_author_id:
            return "答复的撰写人不能审核自己的答复"
        if actor.user_id is not None and actor.user_id in view.unit_reviewer_ids:
            return "两级审核须由不同人员完成，你已审核过这份答复"
        return None
    if stage is ReviewStage.CITY_PLATFORM:
        if actor.has(Role.DISPATCHER) and actor.unit.kind is UnitKind.CITY_PLATFORM:
            return None
        return "此阶段由市级平台审核"
    if stage is ReviewStage.DISTRICT_PLATFORM:
        if actor.has(Role.DISPATCHER) and _at_district_platform(actor, view):
            return None
        return "此阶段由区级平台审核"
    return "答复不在审核中"


def _for_the_petitioner(actor: Actor, view: PetitionView) -> str | None:
    """The petitioner's own steps: taken by them with their verified token — which petitions
    are theirs is the scope's business (their phone, resolvers.base.scoped) — or recorded by
    the district platform after a call (回访)."""
    if actor.has(Role.PETITIONER):
        return None
    if actor.has(Role.DISPATCHER) and _at_district_platform(actor, view):
        return None
    return "只有诉求人或区级平台（回访记录）可以执行此操作"


def _urge(actor: Actor, view: PetitionView) -> str | None:
    if actor.has(Role.SUPERVISOR) and actor.unit.kind is UnitKind.CITY_PLATFORM:
        return None
    return "只有市级督办人员可以督办"


def _anyone_with_role(actor: Actor, view: PetitionView) -> str | None:
    return None


_RELATIONS = {
    A.DISPATCH: _dispatcher_at_platform,
    A.ESCALATE: _escalate,
    A.SEND_BACK: _send_back,
    A.RETURN: _return,
    A.REJECT: _dispatcher_at_platform,
    A.MERGE: _dispatcher_at_platform,
    A.RECALL: _recall,
    A.ACCEPT: _handler_at_lead,
    A.REQUEST_EXTENSION: _request_extension,
    A.DECIDE_EXTENSION: _decide_extension,
    A.ADD_COOPERATION_OPINION: _opinion,
    A.SUBMIT_REPLY: _submit_reply,
    A.TAKE_BACK_REPLY: _take_back_reply,
    A.FIRST_CONTACT: _handler_at_lead,
    A.REVIEW_REPLY: _review,
    A.EVALUATE: _for_the_petitioner,
    A.CLOSE_UNEVALUATED: _anyone_with_role,
    A.ASSESS: _dispatcher_at_platform,
    A.URGE: _urge,
    A.WITHDRAW: _for_the_petitioner,
    A.ADD_MATERIAL: _for_the_petitioner,
}


@dataclass(frozen=True)
class Refusal:
    wrong_state: bool
    message: str


def authorising_role(action: Action, view: PetitionView, actor: Actor) -> Role | None:
    """The one role that allows `actor` to take `action` now, or None. A user holding several
    roles is judged role by role, so that the timeline records the role that actually
    authorised the step (a head who is also a reviewer signs a reviewer's stage as REVIEWER)."""
    if (view.state, action) not in TRANSITIONS:
        return None
    relation = _RELATIONS[action]
    for role in sorted(actor.roles & ROLES[action], key=ROLE_ORDER.index):
        if relation(replace(actor, roles=frozenset({role})), view) is None:
            return role
    return None


def refusal(action: Action, view: PetitionView, actor: Actor) -> Refusal | None:
    """Why `actor` may not take `action` on the petition now, or None if they may."""
    if not actor.roles & ROLES[action]:
        return Refusal(False, "你的角色无权执行此操作")
    if (view.state, action) not in TRANSITIONS:
        return Refusal(True, f"诉求当前状态为{view.state.value}，不能执行此操作")
    if authorising_role(action, view, actor) is not None:
        return None
    return Refusal(False, _RELATIONS[action](actor, view) or "你的角色无权执行此操作")


def leads_to(state: State, action: Action, to_state: State) -> bool:
    """Whether the table lets `action` take a petition from `state` to `to_state`."""
    return to_state in TRANSITIONS.get((state, action), frozenset())


def may_submit(actor: Actor) -> bool:
    """Petitions come in at the districts: district and grassroots staff and grid workers take
    them in for people; machine clients need the submit scope (the 12345 hotline, linked to
    the city platform, hands petitions over to a district). Staff at the city level never take
    petitions directly (DOMAIN §2: the city platform 不直接受理群众诉求)."""
    if actor.is_machine:
        return Scope.PETITION_SUBMIT in actor.scopes
    if actor.unit.district_id is None:
        return False
    return bool(actor.roles & ROLES[A.SUBMIT])


def submitting_role(actor: Actor) -> Role:
    """The role recorded on the intake event."""
    granted = sorted(actor.roles & ROLES[A.SUBMIT], key=ROLE_ORDER.index)
    return granted[0] if granted and not actor.is_machine else actor.recorded_role


# The step a role is there for comes first (an open form); the exceptions follow, folded.
MAIN_ACTIONS: tuple[Action, ...] = (
    A.DISPATCH,
    A.ACCEPT,
    A.SUBMIT_REPLY,
    A.ADD_COOPERATION_OPINION,
    A.REVIEW_REPLY,
    A.DECIDE_EXTENSION,
    A.EVALUATE,
    A.ASSESS,
    A.URGE,
)


def allowed_actions(view: PetitionView, actor: Actor) -> list[Action]:
    """The steps the actor may take now, the main one first."""
    allowed = [a for a in PETITION_ACTIONS if authorising_role(a, view, actor) is not None]
    main = [a for a in MAIN_ACTIONS if a in allowed]
    return main + [a for a in allowed if a not in main]
