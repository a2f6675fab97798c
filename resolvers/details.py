"""Everything a petition page shows besides the petition row, read in a fixed number of
queries, for the staff screens (the API reads the same rows through its DataLoaders)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from models import (
    Assessment,
    Assignment,
    CooperationOpinion,
    DutyItem,
    Evaluation,
    Event,
    Extension,
    Petition,
    Reply,
    Review,
    Topic,
    Unit,
    User,
)
from resolvers.reads import get_petition, list_duty_items
from resolvers.units import unit_names
from workflow.actors import Actor
from workflow.enums import ExtensionStatus, ReplyStatus
from workflow.errors import WorkflowError


def _ids(rows: Sequence[object], *fields: str) -> set[int]:
    return {v for r in rows for f in fields if isinstance(v := getattr(r, f, None), int)}


@dataclass
class PetitionRecord:
    assignments: list[Assignment] = field(default_factory=list)
    replies: list[Reply] = field(default_factory=list)
    reviews: list[Review] = field(default_factory=list)
    extensions: list[Extension] = field(default_factory=list)
    evaluations: list[Evaluation] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    opinions: list[CooperationOpinion] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    units: dict[int, Unit] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)
    topic_path: str = ""
    duplicate_of: Petition | None = None

    @property
    def pending_extension(self) -> Extension | None:
        return next((x for x in self.extensions if x.status == ExtensionStatus.PENDING), None)

    @property
    def sent_reply(self) -> Reply | None:
        return next((r for r in reversed(self.replies) if r.status == ReplyStatus.SENT), None)


async def petition_record(actor: Actor, p: Petition, full: bool = True) -> PetitionRecord:
    """`full=False` reads only what an action form needs (extensions, replies, units)."""
    rec = PetitionRecord(
        replies=await Reply.filter(petition_id=p.id).order_by("id"),
        extensions=await Extension.filter(petition_id=p.id).order_by("id"),
    )
    unit_ids = _ids([p], "district_id", "platform_id", "street_id", "community_id")
    unit_ids |= _ids([p], "handling_unit_id")
    if full:
        rec.assignments = await Assignment.filter(petition_id=p.id).order_by("id")
        rec.reviews = await Review.filter(reply_id__in=[r.id for r in rec.replies]).order_by("id")
        rec.evaluations = await Evaluation.filter(petition_id=p.id).order_by("id")
        rec.assessments = await Assessment.filter(petition_id=p.id).order_by("id")
        rec.opinions = await CooperationOpinion.filter(petition_id=p.id).order_by("id")
        rec.events = await Event.filter(petition_id=p.id).order_by("id")
        unit_ids |= _ids(rec.events, "actor_unit_id")
        unit_ids |= _ids(rec.assignments, "unit_id", "assigned_by_unit_id")
        unit_ids |= _ids(
            [*rec.replies, *rec.extensions, *rec.evaluations, *rec.assessments, *rec.opinions],
            "unit_id",
        )
        user_ids = _ids(rec.assignments, "assigned_by_id", "accepted_by_id")
        user_ids |= _ids(rec.reviews, "reviewer_id") | _ids(rec.evaluations, "recorded_by_id")
        user_ids |= _ids([*rec.replies, *rec.opinions], "author_id")
        user_ids |= _ids(rec.extensions, "requested_by_id", "decided_by_id")
        rec.users = {
            u["id"]: u["display_name"]
            for u in await User.filter(id__in=user_ids).values("id", "display_name")
        }
        topic = await Topic.get_or_none(id=p.topic_id) if p.topic_id else None
        parent = await Topic.get_or_none(id=topic.parent_id) if topic and topic.parent_id else None
        rec.topic_path = " › ".join(t.name for t in (parent, topic) if t)
        if p.duplicate_of_id:
            try:
                rec.duplicate_of = await get_petition(actor, p.duplicate_of_id)
            except WorkflowError:
                rec.duplicate_of = None  # merged into a petition this actor may not see
    rec.units = {u.id: u for u in await Unit.filter(id__in=list(unit_ids))}
    return rec


async def duty_items_with_units() -> list[tuple[DutyItem, str]]:
    """Every duty item with its unit's name, for citing one in a return."""
    items = await list_duty_items()
    names = await unit_names({i.unit_id for i in items})
    return [(i, names.get(i.unit_id, "")) for i in items]


async def topic_names() -> dict[int, str]:
    return {t.id: t.name for t in await Topic.all()}
