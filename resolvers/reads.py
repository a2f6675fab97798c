"""Reading petitions: one, by tracking code, a filtered page, and the timeline."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from enum import StrEnum
from typing import Any

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

import settings
from models import Assignment, DutyItem, Event, Extension, Petition, Topic, Unit
from resolvers import search
from resolvers.base import record_event, scoped
from resolvers.calendar import load_calendar
from resolvers.identity_search import (
    IdentityMatch,
    identity_match,
    petition_ids,
    record_identity_search,
)
from resolvers.paging import (
    Count,
    capped_count,
    cursor_at,
    encode_rank_cursor,
    newest_first,
    soonest_first,
)
from resolvers.text import clean_text, fits
from workflow.actors import Actor
from workflow.deadlines import MAX_OVERDUE_DAYS, overdue_cutoff
from workflow.enums import (
    CLOCK_STATES,
    Action,
    AssignmentRole,
    Category,
    Channel,
    ExtensionStatus,
    Kind,
    Light,
    ReviewStage,
    Role,
    State,
    UnitKind,
)
from workflow.errors import (
    PASSWORD_CHANGE_MESSAGE,
    ErrorCode,
    FieldErrors,
    WorkflowError,
    invalid,
    not_allowed,
    not_found,
)
from workflow.privacy import petitioner_view_only, sees_identity


def _staff_reader(actor: Actor) -> None:
    """The staff record (reviews, timeline, assessments, staff names) is never served to a
    petitioner or a petitioner channel: they read resolvers.petitioner's view instead."""
    if petitioner_view_only(actor):
        raise not_allowed(
            "诉求人和诉求人渠道（区级App、12345热线）请使用 myPetitions / petitionByTrackingCode"
        )


async def get_petition(actor: Actor, petition_id: int) -> Petition:
    if petitioner_view_only(actor):
        raise not_found()
    petition = await scoped(actor).filter(id=petition_id).first()
    if petition is None:
        raise not_found()
    return petition


async def visible_petitions(actor: Actor, ids: list[int]) -> list[Petition | None]:
    """Each of `ids` if the actor may see it (for batch loading), None otherwise."""
    rows = {p.id: p for p in await scoped(actor).filter(id__in=ids)}
    return [rows.get(i) for i in ids]


async def find_by_tracking_code(actor: Actor, code: str) -> Petition | None:
    """A petition the actor (staff) may see, named by its tracking code."""
    text = code.strip().upper()
    if petitioner_view_only(actor) or not text or not fits(Petition, "tracking_code", text):
        return None
    return await scoped(actor).filter(tracking_code=text).first()


async def record_personal_data_view(actor: Actor, petition: Petition, now: datetime) -> None:
    """Reading a petitioner's name and phone is itself on the timeline (全程留痕)."""
    if actor.has(Role.PETITIONER):
        return
    async with in_transaction() as conn:
        await record_event(conn, petition.id, actor, Action.VIEW_PERSONAL_DATA, now, None, None)


def identity_visible(actor: Actor, petition: Petition) -> bool:
    return sees_identity(
        actor,
        petition.district_id,
        petition.platform_id,
        petition.handling_unit_id,
        petition.anonymous,
    )


@dataclass(frozen=True)
class PetitionFilter:
    states: list[State] | None = None
    district_id: int | None = None
    unit_id: int | None = None  # current handling unit
    category: Category | None = None
    kind: Kind | None = None
    topic_id: int | None = None  # a first-level topic includes its children
    light: Light | None = None
    overdue: bool | None = None
    round: int | None = None
    text: str | None = None
    created_from: datetime | None = None
    created_to: datetime | None = None
    deadline_from: datetime | None = None
    deadline_to: datetime | None = None
    street_id: int | None = None
    community_id: int | None = None
    channel: Channel | None = None
    urged: bool | None = None  # urged (督办) at least once, or never
    overdue_days: int | None = None  # overdue by at least this many working days
    # Work-queue filters (see workflow/queues.py).
    platform_id: int | None = None  # in this platform's inbox, or dispatched by it
    review_stages: list[ReviewStage] | None = None
    cooperating_unit_id: int | None = None  # an active cooperating assignment
    pending_extension: bool | None = None


# Page numbers reach this many rows in (ten pages of the largest page size); beyond, by cursor.
MAX_SKIP = 1000


class Order(StrEnum):
    NEWEST = "NEWEST"
    DEADLINE = "DEADLINE"  # soonest first; petitions without a running clock last
    WAITING = "WAITING"  # longest in the platform's inbox first (triage)


@dataclass(frozen=True)
class Page:
    items: list[Petition]
    has_next: bool
    end_cursor: str | None
    count: Count | None  # None unless asked for (see count_petitions)

    @property
    def total(self) -> int | None:
        return self.count.value if self.count else None


def _clock_running() -> Q:
    return Q(state__in=[s.value for s in CLOCK_STATES], deadline__isnull=False)


def _light_filter(light: Light, now: datetime) -> Q:
    if light is Light.RED:
        return _clock_running() & Q(deadline__lte=now)
    if light is Light.YELLOW:
        return _clock_running() & Q(deadline__gt=now, yellow_at__lte=now)
    return _clock_running() & Q(deadline__gt=now) & (Q(yellow_at__gt=now) | Q(yellow_at=None))


async def _topic_ids(topic_id: int) -> list[int]:
    children: list[int] = await Topic.filter(  # type: ignore[assignment]
        parent_id=topic_id
    ).values_list("id", flat=True)
    return [topic_id, *children]


def _check(flt: PetitionFilter) -> None:
    """Every bad value of the filter at once, each named by its field."""
    errors = FieldErrors()
    if flt.round is not None and flt.round not in (1, 2):
        errors.add("round", "办理轮次只能是1（首次办理）或2（二次办理）")
    if flt.overdue_days is not None and not 1 <= flt.overdue_days <= MAX_OVERDUE_DAYS:
        errors.add("overdueDays", f"超期工作日数须在1至{MAX_OVERDUE_DAYS}之间")
    for start, end, field in (
        (flt.created_from, flt.created_to, "createdTo"),
        (flt.deadline_from, flt.deadline_to, "deadlineTo"),
    ):
        if start is not None and end is not None and end < start:
            errors.add(field, "结束时间不能早于开始时间")
    errors.raise_if_any()


async def filtered_petitions(
    actor: Actor,
    flt: PetitionFilter,
    now: datetime,
    searched: list[IdentityMatch] | None = None,
) -> Any:
    """The petitions the actor may see that match the filter, as one query set. A search by
    a phone or name is appended to `searched` (for the caller to record)."""
    _staff_reader(actor)
    _check(flt)
    qs = scoped(actor)
    if flt.states:
        qs = qs.filter(state__in=[s.value for s in flt.states])
    for column, value in (
        ("district_id", flt.district_id),
        ("handling_unit_id", flt.unit_id),
        ("category", flt.category),
        ("kind", flt.kind),
        ("round", flt.round),
        ("street_id", flt.street_id),
        ("community_id", flt.community_id),
        ("channel", flt.channel),
    ):
        if value is not None:
            qs = qs.filter(**{column: value})
    if flt.topic_id is not None:
        qs = qs.filter(topic_id__in=await _topic_ids(flt.topic_id))
    if flt.light is not None:
        qs = qs.filter(_light_filter(flt.light, now))
    if flt.overdue is True:
        qs = qs.filter(_light_filter(Light.RED, now))
    elif flt.overdue is False:
        qs = qs.exclude(_light_filter(Light.RED, now))
    if flt.overdue_days is not None:
        cutoff = overdue_cutoff(await load_calendar(), now, flt.overdue_days)
        qs = qs.filter(_clock_running() & Q(deadline__lte=cutoff))
    if flt.urged is not None:
        qs = qs.filter(urge_count__gt=0) if flt.urged else qs.filter(urge_count=0)
    if flt.text:
        text = clean_text(flt.text)[:100]
        query = await search.parse(text)
        match = await identity_match(actor, text)
        if match is not None and searched is not None:
            searched.append(match)
        # (A Q without children is falsy: compare with None, never test its truth.)
        words = search.text_filter(query) if query is not None else None
        by_identity = petition_ids(match)
        if words is not None and by_identity is not None:
            qs = qs.filter(words | by_identity)
        elif words is not None:
            qs = qs.filter(words)
        else:
            qs = qs.filter(by_identity if by_identity is not None else Q(id=-1))
    for bound, moment in (
        ("created_at__gte", flt.created_from),
        ("created_at__lt", flt.created_to),
        ("deadline__gte", flt.deadline_from),
        ("deadline__lt", flt.deadline_to),
    ):
        if moment is not None:
            qs = qs.filter(**{bound: moment})
    if flt.platform_id is not None:
        qs = qs.filter(platform_id=flt.platform_id)
    if flt.review_stages:
        qs = qs.filter(review_stage__in=[s.value for s in flt.review_stages])
    if flt.cooperating_unit_id is not None:
        qs = qs.filter(
            id__in=Subquery(
                Assignment.filter(
                    unit_id=flt.cooperating_unit_id,
                    role=AssignmentRole.COOPERATING,
                    ended_at__isnull=True,
                ).values("petition_id")
            )
        )
    if flt.pending_extension is not None:
        pending = Subquery(Extension.filter(status=ExtensionStatus.PENDING).values("petition_id"))
        qs = qs.filter(id__in=pending) if flt.pending_extension else qs.exclude(id__in=pending)
    return qs


async def count_petitions(actor: Actor, flt: PetitionFilter, now: datetime) -> Count:
    """How many match, up to paging.COUNT_CAP: asked for separately, since most pages never
    show it and an exact count of a large set costs more than the page itself."""
    return await capped_count(await filtered_petitions(actor, flt, now))


async def list_petitions(
    actor: Actor,
    flt: PetitionFilter,
    now: datetime,
    first: int = 20,
    after: str | None = None,
    order: Order = Order.NEWEST,
    count: bool = False,
    skip: int = 0,
) -> Page:
    """A page in `order` after the cursor `after`, or (no cursor) after the first `skip`
    rows: a page number, at most MAX_SKIP rows in (see paging.cursor_at)."""
    if not 1 <= first <= settings.PAGE_SIZE_MAX:
        raise invalid("first", f"每页条数须在1至{settings.PAGE_SIZE_MAX}之间")
    if not 0 <= skip <= MAX_SKIP:
        raise invalid("page", f"页码跳转最多跳过{MAX_SKIP}条，请用“下一页”继续")
    searched: list[IdentityMatch] = []
    qs = await filtered_petitions(actor, flt, now, searched)
    for match in searched:
        await record_identity_search(actor, match, now)
    ranked = None
    if order is Order.NEWEST and flt.text and replace(flt, text=None) == PetitionFilter():
        query = await search.parse(flt.text[:100])  # text alone: by relevance where it can
        start = encode_rank_cursor(skip) if skip and after is None else after
        ranked = await search.ranked_page(qs, query, first, start) if query else None
    if ranked is None and skip and after is None:
        column = {Order.WAITING: "inbox_since", Order.DEADLINE: "deadline"}.get(order)
        after = await cursor_at(qs, column, skip)
        if after is None:  # past the last row
            total = await capped_count(qs) if count else None
            return Page([], False, None, total)
    if ranked is not None:
        page = ranked
    elif order is Order.WAITING:  # longest in the inbox first
        page = await soonest_first(qs, "inbox_since", first, after)
    elif order is Order.DEADLINE:
        page = await soonest_first(qs, "deadline", first, after)
    else:
        page = await newest_first(qs, first, after)
    total = await capped_count(qs) if count else None
    return Page(page.items, page.has_next, page.end_cursor, total)


async def timeline(actor: Actor, petition_id: int) -> list[Event]:
    await get_petition(actor, petition_id)
    return await Event.filter(petition_id=petition_id).order_by("id")


async def list_units(kind: UnitKind | None = None, parent_id: int | None = None) -> list[Unit]:
    qs = Unit.filter(active=True)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if parent_id is not None:
        qs = qs.filter(parent_id=parent_id)
    return await qs.order_by("id")


async def list_topics() -> list[Topic]:
    return await Topic.all().order_by("id")


async def list_duty_items(
    unit_id: int | None = None, topic_id: int | None = None
) -> list[DutyItem]:
    qs = DutyItem.filter(active=True)  # retired items no longer count (still in history)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if topic_id is not None:
        qs = qs.filter(topic_id=topic_id)
    return await qs.order_by("id")


def require_actor(actor: Actor | None) -> Actor:
    if actor is None:
        raise WorkflowError(ErrorCode.UNAUTHENTICATED, "请先登录或提供有效的密钥")
    if actor.must_change_password:
        raise not_allowed(PASSWORD_CHANGE_MESSAGE)
    return actor
