"""Everything a petition page shows besides the petition row, read in a fixed number of
queries, for the staff screens (the API reads the same rows through its DataLoaders)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta

from models import (
    Assessment,
    Assignment,
    CooperationOpinion,
    DutyItem,
    Evaluation,
    Event,
    Extension,
    Material,
    Petition,
    Reply,
    Review,
    Topic,
    Unit,
    User,
)
from resolvers.base import scoped
from resolvers.catalog import catalog
from resolvers.duplicates import merged_into
from resolvers.reads import get_petition, list_duty_items
from resolvers.units import unit_names
from workflow.actors import Actor
from workflow.enums import Action, ExtensionStatus, ReplyStatus
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
    materials: list[Material] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    units: dict[int, Unit] = field(default_factory=dict)
    users: dict[int, str] = field(default_factory=dict)
    topic_path: str = ""
    duplicate_of: Petition | None = None
    duplicates: list[Petition] = field(default_factory=list)  # merged into this one

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
        rec.materials = await Material.filter(petition_id=p.id).order_by("id")
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
        user_ids |= _ids(rec.materials, "recorded_by_id")
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
        else:
            [rec.duplicates] = await merged_into(actor, [p.id])
    rec.units = {u.id: u for u in await Unit.filter(id__in=list(unit_ids))}
    return rec


async def duty_items_with_units() -> list[tuple[DutyItem, str]]:
    """Every duty item with its unit's name, for citing one in a return."""
    items = await list_duty_items()
    names = await unit_names({i.unit_id for i in items})
    return [(i, names.get(i.unit_id, "")) for i in items]


async def topic_names() -> dict[int, str]:
    return {i: t.name for i, t in (await catalog()).topics.items()}


@dataclass
class Related:
    """What a dispatcher weighs at triage: the same petitioner's other petitions (by phone)
    and recent ones from the same place, among those the dispatcher may see."""

    same_petitioner: list[Petition] = field(default_factory=list)
    same_place: list[Petition] = field(default_factory=list)


RELATED_LIMIT = 10
SAME_PLACE_DAYS = 90


async def related_petitions(actor: Actor, p: Petition) -> Related:
    mine = scoped(actor).exclude(id=p.id)
    same_phone = await (
        mine.filter(petitioner_phone=p.petitioner_phone).order_by("-id").limit(RELATED_LIMIT)
    )
    place = {"community_id": p.community_id} if p.community_id else {"street_id": p.street_id}
    same_place: list[Petition] = []
    if p.community_id or p.street_id:
        since = p.created_at - timedelta(days=SAME_PLACE_DAYS)
        same_place = await (
            mine.filter(created_at__gte=since, **place)
            .exclude(petitioner_phone=p.petitioner_phone)
            .order_by("-id")
            .limit(RELATED_LIMIT)
        )
    return Related(list(same_phone), list(same_place))


async def escalation_suggestion(petition_id: int) -> int | None:
    """The city department the district named when it escalated the petition (the city
    dispatcher's form starts from it)."""
    event = (
        await Event.filter(petition_id=petition_id, action=Action.ESCALATE).order_by("-id").first()
    )
    unit = (event.payload or {}).get("suggestedUnit") if event else None
    return int(unit["id"]) if isinstance(unit, dict) and "id" in unit else None
