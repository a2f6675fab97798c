"""A queue of workflow/queues.py turned into a petition list filter for the asking actor."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime

from models import Petition, Topic, Unit
from resolvers.catalog import catalog
from resolvers.paging import Count
from resolvers.reads import Order, PetitionFilter, count_petitions, list_petitions
from resolvers.referrals import count_referrals
from workflow.actors import Actor
from workflow.enums import ReferralState, UnitKind
from workflow.privacy import Reach, identity_reach, visibility
from workflow.queues import REFERRALS, QueueSpec, queues_for


def queue_filter(actor: Actor, queue: QueueSpec, base: PetitionFilter) -> PetitionFilter:
    """The queue's conditions on top of the user's own filters (text, category, light …)."""
    unit = actor.unit.id
    return replace(
        base,
        states=list(queue.states) or base.states,
        platform_id=unit if queue.at_my_platform else base.platform_id,
        unit_id=unit if queue.handled_by_me else base.unit_id,
        cooperating_unit_id=unit if queue.cooperating else None,
        review_stages=list(queue.review_stages) or None,
        district_id=actor.unit.district_id if queue.in_my_district else base.district_id,
        pending_extension=queue.pending_extension,
        overdue=True if queue.key == "overdue" else base.overdue,
    )


def default_order(queue: QueueSpec) -> Order:
    if queue.waiting_first:
        return Order.WAITING
    return Order.DEADLINE if queue.by_deadline else Order.NEWEST


async def next_in_queue(actor: Actor, key: str, done_id: int, now: datetime) -> Petition | None:
    """下一件: the first petition of the same queue, in its usual order, other than the one
    just handled (which may still be in the queue if the step did not move it)."""
    queue = next((q for q in queues_for(actor) if q.key == key), None)
    if queue is None:
        return None
    flt = queue_filter(actor, queue, PetitionFilter())
    page = await list_petitions(actor, flt, now, 2, None, default_order(queue))
    return next((p for p in page.items if p.id != done_id), None)


async def queue_counts(actor: Actor, now: datetime) -> dict[str, Count]:
    """How many petitions wait in each of the actor's queues (the numbers on the tabs), each
    counted up to paging.COUNT_CAP ("10,000+"); on the referral queue, the referrals nobody
    has acknowledged yet."""
    counts: dict[str, Count] = {}
    for q in queues_for(actor):
        if q is REFERRALS:
            counts[q.key] = Count(await count_referrals(actor, ReferralState.OPEN), exact=True)
        else:
            flt = queue_filter(actor, q, PetitionFilter())
            counts[q.key] = await count_petitions(actor, flt, now)
    return counts


@dataclass(frozen=True)
class FilterChoices:
    """The options of a list's filter pickers, within what the actor may see: a district's
    staff are offered their own district's streets and units only (and a chosen value from
    elsewhere would match nothing: every filter runs inside the actor's scope)."""

    districts: list[Unit]
    streets: list[Unit]
    communities: list[Unit]  # of the chosen street only
    units: list[Unit]  # handling units, for platforms
    topics: list[Topic]  # first level (a topic includes its children)
    identities: bool  # may search by a petitioner's phone or name, and export them unmasked


_HANDLING_KINDS = (UnitKind.CITY_DEPARTMENT, UnitKind.DISTRICT_DEPARTMENT, UnitKind.STREET)


async def filter_choices(actor: Actor, street_id: int | None = None) -> FilterChoices:
    copy = await catalog()
    seen = visibility(actor)
    everywhere = seen.reach is Reach.ALL
    district = actor.unit.district_id

    def mine(u: Unit) -> bool:
        return u.active and (everywhere or (district is not None and u.district_id == district))

    units = sorted(copy.units.values(), key=lambda u: u.id)
    return FilterChoices(
        districts=[u for u in units if everywhere and u.kind == UnitKind.DISTRICT_PLATFORM],
        streets=[u for u in units if u.kind == UnitKind.STREET and mine(u)],
        communities=[
            u
            for u in units
            if street_id is not None
            and u.kind == UnitKind.COMMUNITY
            and u.parent_id == street_id
            and mine(u)
        ],
        units=[
            u for u in units if actor.unit.is_platform and u.kind in _HANDLING_KINDS and mine(u)
        ],
        topics=sorted(
            (t for t in copy.topics.values() if t.parent_id is None), key=lambda t: t.code
        ),
        identities=identity_reach(actor) is not None,
    )
