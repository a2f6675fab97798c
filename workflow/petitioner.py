"""The petitioner's view of a petition (DOMAIN §6, 一个门出): one rule, used by every path that
serves a petitioner — their own token, a district app, the 12345 hotline.

The view is built from an explicit whitelist: the facts below are all it is ever given, so
nothing the staff record holds (replies under review or rejected, review notes, assessments,
referrals, urges, internal notes, the timeline, staff names, anyone else's personal data) can
reach a petitioner by accident. Milestones come from the petition's own rows (intake, lead
assignments, sent replies, evaluations, closure), never from the timeline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum

from workflow.actors import Actor
from workflow.attachments import AttachmentOwner, petitioner_may_see_attachment
from workflow.enums import (
    Action,
    ApiClientKind,
    AssignmentRole,
    Closure,
    EvaluationSource,
    ReplyStatus,
    Resolution,
    Role,
    Satisfaction,
    State,
)
from workflow.errors import invalid
from workflow.transitions import ROLES, TRANSITIONS, PetitionView, authorising_role


class PetitionerStatus(StrEnum):
    RECEIVED = "RECEIVED"
    IN_PROGRESS = "IN_PROGRESS"
    REPLIED = "REPLIED"
    CLOSED = "CLOSED"


STATUS_WORDS: dict[PetitionerStatus, str] = {
    PetitionerStatus.RECEIVED: "已受理",
    PetitionerStatus.IN_PROGRESS: "办理中",
    PetitionerStatus.REPLIED: "已答复",
    PetitionerStatus.CLOSED: "已办结",
}

# Every state in plain words. Reviews are handling as far as the petitioner is concerned;
# waiting for the platform's assessment of the unit is not their business: they were answered.
STATUS_OF_STATE: dict[State, PetitionerStatus] = {
    State.TRIAGE: PetitionerStatus.RECEIVED,
    State.ASSIGNED: PetitionerStatus.IN_PROGRESS,
    State.HANDLING: PetitionerStatus.IN_PROGRESS,
    State.UNIT_REVIEW: PetitionerStatus.IN_PROGRESS,
    State.PLATFORM_REVIEW: PetitionerStatus.IN_PROGRESS,
    State.AWAITING_EVALUATION: PetitionerStatus.REPLIED,
    State.PENDING_ASSESSMENT: PetitionerStatus.REPLIED,
    State.CLOSED: PetitionerStatus.CLOSED,
}

# How it ended, in words that name no assessment or internal decision.
CLOSURE_WORDS: dict[Closure, str] = {
    Closure.EVALUATED: "已评价，办结",
    Closure.NOT_EVALUATED: "评价期满未评价，办结",
    Closure.INVALID: "不予受理",
    Closure.DUPLICATE: "与相同诉求合并办理",
    Closure.WITHDRAWN: "已撤回",
    Closure.ASSESSED: "办结",
}

# A petition closed like this will never be answered: nothing may be merged into it, and the
# petitioners merged into it before it ended learn only that it ended.
UNANSWERED_CLOSURES = frozenset({Closure.INVALID, Closure.WITHDRAWN, Closure.DUPLICATE})

# While a unit's clock runs the petitioner is told when the answer is due.
_DEADLINE_SHOWN = frozenset(
    {State.ASSIGNED, State.HANDLING, State.UNIT_REVIEW, State.PLATFORM_REVIEW}
)


class MilestoneKind(StrEnum):
    RECEIVED = "RECEIVED"
    MERGED = "MERGED"  # handled together with an earlier petition about the same problem
    DISPATCHED = "DISPATCHED"
    REPLIED = "REPLIED"
    EVALUATED = "EVALUATED"
    CLOSED = "CLOSED"


_MILESTONE_ORDER = tuple(MilestoneKind)


# ---- what the rule is given (filled by resolvers/ from the rows, nothing else) ------------


@dataclass(frozen=True)
class PetitionFacts:
    tracking_code: str
    title: str
    content: str
    state: State
    closure: Closure | None
    created_at: datetime
    closed_at: datetime | None
    deadline: datetime | None
    evaluation_due_at: datetime | None
    handling_unit_id: int | None


@dataclass(frozen=True)
class ReplyFacts:
    round: int
    status: ReplyStatus
    unit_id: int
    sent_at: datetime | None
    petitioner_situation: str
    policy_basis: str
    handling_result: str
    responsible_person: str
    contact_phone: str


@dataclass(frozen=True)
class AssignmentFacts:
    unit_id: int
    role: AssignmentRole
    assigned_at: datetime


@dataclass(frozen=True)
class EvaluationFacts:
    round: int
    satisfaction: Satisfaction
    resolution: Resolution
    comment: str
    source: EvaluationSource
    created_at: datetime


@dataclass(frozen=True)
class MaterialFacts:
    id: int
    text: str
    created_at: datetime
    by_petitioner: bool


@dataclass(frozen=True)
class AttachmentFacts:
    """A file of the petition or of one of its replies. `own_petition` is False for the files
    of the petition a merged petition follows; `reply_status`/`reply_round` are the reply's
    when the file belongs to one (the reader need load only sent replies: others stay None)."""

    id: int
    owner: AttachmentOwner
    by_petitioner: bool
    own_petition: bool
    reply_status: ReplyStatus | None
    reply_round: int | None
    filename: str
    content_type: str
    size: int
    has_thumbnail: bool
    created_at: datetime


# ---- what the petitioner sees -------------------------------------------------------------


@dataclass(frozen=True)
class SentReply:
    round: int
    unit_name: str
    sent_at: datetime
    petitioner_situation: str
    policy_basis: str
    handling_result: str
    responsible_person: str
    contact_phone: str


@dataclass(frozen=True)
class Milestone:
    kind: MilestoneKind
    at: datetime
    text: str
    unit_name: str | None = None


@dataclass(frozen=True)
class PetitionerFile:
    """A file the petitioner may see and download: their own, or one sent with a reply."""

    id: int
    filename: str
    content_type: str
    size: int
    from_reply: bool
    reply_round: int | None
    has_thumbnail: bool
    created_at: datetime


def petitioner_files(attachments: Sequence[AttachmentFacts]) -> tuple[PetitionerFile, ...]:
    """Only what `petitioner_may_see_attachment` allows, in upload order."""
    return tuple(
        PetitionerFile(
            id=a.id,
            filename=a.filename,
            content_type=a.content_type,
            size=a.size,
            from_reply=a.owner is AttachmentOwner.REPLY,
            reply_round=a.reply_round if a.owner is AttachmentOwner.REPLY else None,
            has_thumbnail=a.has_thumbnail,
            created_at=a.created_at,
        )
        for a in sorted(attachments, key=lambda a: a.id)
        if petitioner_may_see_attachment(a.owner, a.reply_status, a.by_petitioner, a.own_petition)
    )


@dataclass(frozen=True)
class PetitionerView:
    tracking_code: str
    title: str
    content: str
    submitted_at: datetime
    status: PetitionerStatus
    status_text: str
    closure_text: str | None
    closed_at: datetime | None
    handling_unit_name: str | None
    deadline: datetime | None
    evaluation_due_at: datetime | None
    replies: tuple[SentReply, ...]
    milestones: tuple[Milestone, ...]
    evaluations: tuple[EvaluationFacts, ...]
    materials: tuple[MaterialFacts, ...]
    attachments: tuple[PetitionerFile, ...] = ()


def petitioner_view(
    p: PetitionFacts,
    replies: Sequence[ReplyFacts],
    assignments: Sequence[AssignmentFacts],
    evaluations: Sequence[EvaluationFacts],
    materials: Sequence[MaterialFacts],
    unit_names: Mapping[int, str],
    survivor: PetitionFacts | None = None,
    evaluation_window: timedelta = timedelta(days=7),
    attachments: Sequence[AttachmentFacts] = (),
) -> PetitionerView:
    """`survivor`: for a petition merged into another (closed DUPLICATE), the petition that
    carries its handling; `replies` and `assignments` are then the survivor's, while
    `evaluations` and `materials` stay the petitioner's own. `attachments`: the files of the
    petition and of its replies (and, when merged, of the survivor's replies, marked as not
    the petitioner's own petition); only those the petitioner may see are kept."""
    merged = survivor is not None and p.closure is Closure.DUPLICATE
    # Another petition's files reach a petitioner only through the merge they follow.
    files = petitioner_files([a for a in attachments if merged or a.own_petition])
    if survivor is not None and merged:
        view = _merged_view(
            p, survivor, replies, assignments, evaluations, materials, unit_names, evaluation_window
        )
        return replace(view, attachments=files)
    status = STATUS_OF_STATE[p.state]
    closed = p.state is State.CLOSED
    sent = _sent(replies, unit_names)
    closure_text = CLOSURE_WORDS[p.closure] if closed and p.closure else None
    milestones = _handling_milestones(p, sent, assignments, evaluations, unit_names)
    if closed and p.closed_at is not None:
        milestones.append(
            Milestone(MilestoneKind.CLOSED, p.closed_at, closure_text or STATUS_WORDS[status])
        )
    milestones.sort(key=lambda m: (m.at, _MILESTONE_ORDER.index(m.kind)))
    handling = unit_names.get(p.handling_unit_id) if p.handling_unit_id and not closed else None
    return PetitionerView(
        tracking_code=p.tracking_code,
        title=p.title,
        content=p.content,
        submitted_at=p.created_at,
        status=status,
        status_text=STATUS_WORDS[status],
        closure_text=closure_text,
        closed_at=p.closed_at if closed else None,
        handling_unit_name=handling,
        deadline=p.deadline if p.state in _DEADLINE_SHOWN else None,
        evaluation_due_at=p.evaluation_due_at if p.state is State.AWAITING_EVALUATION else None,
        replies=tuple(sent),
        milestones=tuple(milestones),
        evaluations=tuple(evaluations),
        materials=tuple(materials),
        attachments=files,
    )


def _sent(
    replies: Sequence[ReplyFacts], unit_names: Mapping[int, str], own: bool = True
) -> list[SentReply]:
    """Replies the platform sent. Merged petitioners (`own=False`) get them without the
    basic situation, which describes the surviving petition's petitioner, not them."""
    return [
        SentReply(
            round=r.round,
            unit_name=unit_names.get(r.unit_id, ""),
            sent_at=r.sent_at,
            petitioner_situation=r.petitioner_situation if own else "",
            policy_basis=r.policy_basis,
            handling_result=r.handling_result,
            responsible_person=r.responsible_person,
            contact_phone=r.contact_phone,
        )
        for r in replies
        if r.status is ReplyStatus.SENT and r.sent_at is not None
    ]


def _handling_milestones(
    p: PetitionFacts,
    sent: Sequence[SentReply],
    assignments: Sequence[AssignmentFacts],
    evaluations: Sequence[EvaluationFacts],
    unit_names: Mapping[int, str],
) -> list[Milestone]:
    milestones = [Milestone(MilestoneKind.RECEIVED, p.created_at, "已受理")]
    for a in assignments:
        if a.role is AssignmentRole.LEAD:
            name = unit_names.get(a.unit_id, "")
            milestones.append(
                Milestone(MilestoneKind.DISPATCHED, a.assigned_at, f"已派单至{name}", name)
            )
    for r in sent:
        milestones.append(Milestone(MilestoneKind.REPLIED, r.sent_at, "已答复", r.unit_name))
    for e in evaluations:
        milestones.append(Milestone(MilestoneKind.EVALUATED, e.created_at, "已评价"))
    return milestones


def merged_reply_due(
    sent: Sequence[ReplyFacts], own: Sequence[EvaluationFacts], window: timedelta
) -> tuple[int, datetime] | None:
    """A merged petitioner may evaluate the surviving petition's latest sent reply once,
    within the evaluation window counted from its sending: (its round, until when)."""
    latest = max(
        (r for r in sent if r.status is ReplyStatus.SENT and r.sent_at is not None),
        key=lambda r: (r.round, r.sent_at),
        default=None,
    )
    if latest is None or latest.sent_at is None or any(e.round == latest.round for e in own):
        return None
    return latest.round, latest.sent_at + window


def _merged_view(
    p: PetitionFacts,
    survivor: PetitionFacts,
    replies: Sequence[ReplyFacts],
    assignments: Sequence[AssignmentFacts],
    evaluations: Sequence[EvaluationFacts],
    materials: Sequence[MaterialFacts],
    unit_names: Mapping[int, str],
    window: timedelta,
) -> PetitionerView:
    """Merged (合并办理): the petitioner follows the surviving petition's handling in plain
    words — its state, unit, deadline and sent replies — and keeps their own submission,
    evaluations and material. Nothing else of the surviving petition is given here."""
    ended = survivor.state is State.CLOSED
    status = PetitionerStatus.CLOSED if ended else STATUS_OF_STATE[survivor.state]
    sent = _sent(replies, unit_names, own=False)
    # The survivor's steps from before this petition came in are not this petitioner's story
    # (a reply sent earlier is still theirs to read and judge: it stays in `replies`).
    milestones = [
        m
        for m in _handling_milestones(p, sent, assignments, evaluations, unit_names)
        if m.at >= p.created_at
    ]
    if p.closed_at is not None:
        milestones.append(
            Milestone(MilestoneKind.MERGED, p.closed_at, CLOSURE_WORDS[Closure.DUPLICATE])
        )
    closed_at = (survivor.closed_at or p.closed_at) if ended else None
    if closed_at is not None:
        milestones.append(Milestone(MilestoneKind.CLOSED, closed_at, STATUS_WORDS[status]))
    milestones.sort(key=lambda m: (m.at, _MILESTONE_ORDER.index(m.kind)))
    due = merged_reply_due(replies, evaluations, window)
    return PetitionerView(
        tracking_code=p.tracking_code,
        title=p.title,
        content=p.content,
        submitted_at=p.created_at,
        status=status,
        status_text=STATUS_WORDS[status],
        closure_text=CLOSURE_WORDS[Closure.DUPLICATE],
        closed_at=closed_at,
        handling_unit_name=(
            unit_names.get(survivor.handling_unit_id)
            if survivor.handling_unit_id and not ended
            else None
        ),
        deadline=survivor.deadline if survivor.state in _DEADLINE_SHOWN else None,
        evaluation_due_at=due[1] if due else None,
        replies=tuple(sent),
        milestones=tuple(milestones),
        evaluations=tuple(evaluations),
        materials=tuple(materials),
    )


PETITIONER_STEPS: tuple[Action, ...] = (Action.EVALUATE, Action.WITHDRAW, Action.ADD_MATERIAL)


def petitioner_actions(
    state: State,
    actor: Actor,
    merged_due: datetime | None = None,
    now: datetime | None = None,
    merged: bool = False,
) -> list[Action]:
    """The steps a verified petitioner may take now, from the transition table. Whose petition
    it is was settled by the scope (their phone); a channel reading for them takes none."""
    if not actor.has(Role.PETITIONER):
        return []
    if merged:  # their one step is judging the answer sent for the surviving petition
        due = merged_due is not None and now is not None and now < merged_due
        return [Action.EVALUATE] if due else []
    return [
        a for a in PETITIONER_STEPS if (state, a) in TRANSITIONS and Role.PETITIONER in ROLES[a]
    ]


def merged_evaluator_role(view: PetitionView, actor: Actor) -> Role | None:
    """Who may evaluate the answer a merged petition received: whoever could evaluate it if
    it were awaiting its own evaluation (the petitioner, or the district platform recording
    a callback)."""
    return authorising_role(Action.EVALUATE, replace(view, state=State.AWAITING_EVALUATION), actor)


# ---- proving who they are -----------------------------------------------------------------

MOBILE = re.compile(r"^1[3-9]\d{9}$")


def mobile_number(raw: str, field: str = "phone") -> str:
    """The 11-digit mobile number a one-time code can be sent to, as intake stores it:
    full-width digits, spaces, dashes and a +86 prefix are forgiven."""
    text = unicodedata.normalize("NFKC", raw or "")
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not MOBILE.match(digits):
        raise invalid(field, "请填写正确的11位手机号")
    return digits


def may_start_verification(actor: Actor) -> bool:
    """A district app (its key is public) starts a petitioner's verification; nothing else
    does: staff and the hotline need no petitioner token."""
    return actor.client_kind is ApiClientKind.DISTRICT_APP
