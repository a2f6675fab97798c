"""指挥中心: the live state of each district (and, inside one, of its streets and units)
beside this month's measures from the rollups."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise.expressions import Q
from tortoise.functions import Count, Sum

from models import Petition, StatDaily, Unit
from resolvers.stats import measures_by_district
from workflow.actors import Actor
from workflow.enums import CLOCK_STATES, OPEN_STATES, State, StatScope, UnitKind
from workflow.errors import not_allowed, not_found
from workflow.measures import COUNTERS, Measures, local_day, stats_reach

LIVE = ("open", "yellow", "red", "overdue", "review")


@dataclass(frozen=True)
class Row:
    """One district, street or unit on the screen."""

    id: int
    name: str
    live: dict[str, int]
    today: int | None
    month: Measures


def month_start(today: date) -> date:
    return today.replace(day=1)


async def live_by(group: str, now: datetime, **flt: Any) -> dict[int, dict[str, int]]:
    """Open petitions by `group` in one statement: open, yellow, red (clock running, past
    the deadline), overdue (any open petition past its deadline) and awaiting review."""
    clock = Q(state__in=list(CLOCK_STATES))
    rows = await (
        Petition.filter(state__in=list(OPEN_STATES), **flt)
        .annotate(
            open=Count("id"),
            yellow=Count("id", _filter=clock & Q(yellow_at__lte=now, deadline__gt=now)),
            red=Count("id", _filter=clock & Q(deadline__lte=now)),
            overdue=Count("id", _filter=Q(deadline__lte=now)),
            review=Count("id", _filter=Q(state__in=[State.UNIT_REVIEW, State.PLATFORM_REVIEW])),
        )
        .group_by(group)
        .values(group, *LIVE)
    )
    return {r[group]: {k: int(r[k] or 0) for k in LIVE} for r in rows if r[group] is not None}


async def _rollup_by_key(
    scope: StatScope, start: date, end: date, district_id: int
) -> dict[int, Measures]:
    rows = await (
        StatDaily.filter(scope=scope, district_id=district_id, day__gte=start, day__lte=end)
        .annotate(**{f"s_{c}": Sum(c) for c in COUNTERS})
        .group_by("key")
        .values("key", *(f"s_{c}" for c in COUNTERS))
    )
    return {int(r["key"]): Measures({c: int(r[f"s_{c}"] or 0) for c in COUNTERS}) for r in rows}


async def city_centre(actor: Actor, now: datetime) -> list[Row]:
    """The ten districts side by side (city platform staff only)."""
    stats_reach(actor, StatScope.CITY)
    today = local_day(now)
    districts, live, month, intake = await asyncio.gather(
        Unit.filter(kind=UnitKind.DISTRICT_PLATFORM).order_by("id"),
        live_by("district_id", now),
        measures_by_district(month_start(today), today),
        measures_by_district(today, today),
    )
    empty = dict.fromkeys(LIVE, 0)
    return [
        Row(
            d.id,
            d.platform_name or d.name,
            live.get(d.id, empty),
            intake[d.id]["submitted"] if d.id in intake else 0,
            month.get(d.id, Measures({})),
        )
        for d in districts
    ]


@dataclass(frozen=True)
class DistrictView:
    district: Unit
    totals: Row
    streets: list[Row]
    units: list[Row]


async def district_centre(actor: Actor, district_id: int, now: datetime) -> DistrictView:
    """One district: its streets (by where petitions happened) and units (by who handles).
    The statements do not depend on each other, so they run side by side (on PostgreSQL each
    on its own pooled connection)."""
    district = await Unit.get_or_none(id=district_id, kind=UnitKind.DISTRICT_PLATFORM)
    if district is None:
        raise not_found()
    stats_reach(actor, StatScope.DISTRICT, district.district_id, district.id)
    today, start = local_day(now), month_start(local_day(now))
    live, month = await asyncio.gather(
        asyncio.gather(
            live_by("street_id", now, district_id=district.id),
            live_by("handling_unit_id", now, district_id=district.id),
            live_by("district_id", now, district_id=district.id),
        ),
        asyncio.gather(
            _rollup_by_key(StatScope.STREET, start, today, district.id),
            _rollup_by_key(StatScope.UNIT, start, today, district.id),
            _rollup_by_key(StatScope.STREET, today, today, district.id),
            measures_by_district(start, today, district.id),
            measures_by_district(today, today, district.id),
        ),
    )
    live_streets, live_units, live_total = live
    month_streets, month_units, today_streets, by_month, by_today = month
    totals = live_total.get(district.id)
    ids = set(live_streets) | set(live_units) | set(month_streets) | set(month_units)
    names = {u.id: (u.name, UnitKind(u.kind)) for u in await Unit.filter(id__in=list(ids))}
    empty = dict.fromkeys(LIVE, 0)
    district_month = by_month.get(district.id, Measures({}))
    district_today = by_today.get(district.id, Measures({}))

    def rows(
        live: dict[int, dict[str, int]], month: dict[int, Measures], streets: bool
    ) -> list[Row]:
        out = []
        for uid in sorted(set(live) | set(month)):
            name = names.get(uid, (str(uid), UnitKind.STREET))[0]
            today_count = (
                today_streets[uid]["submitted"] if streets and uid in today_streets else None
            )
            out.append(
                Row(uid, name, live.get(uid, empty), today_count, month.get(uid, Measures({})))
            )
        return sorted(out, key=lambda r: (-r.live["red"], -r.live["open"], r.name))

    return DistrictView(
        district,
        Row(
            district.id,
            district.platform_name or district.name,
            totals or empty,
            district_today["submitted"],
            district_month,
        ),
        rows(live_streets, month_streets, True),
        rows(live_units, month_units, False),
    )


def home_district(actor: Actor) -> int | None:
    """Where the command centre opens: None for the city, the district for its platform.
    Staff only: an API client (a district app's key) has no command centre."""
    if actor.is_machine:
        raise not_allowed("指挥中心仅对市、区（市）平台工作人员开放")
    if actor.unit.kind is UnitKind.CITY_PLATFORM:
        return None
    if actor.unit.kind is UnitKind.DISTRICT_PLATFORM:
        return actor.unit.id
    raise not_allowed("指挥中心仅对市、区（市）平台开放")
