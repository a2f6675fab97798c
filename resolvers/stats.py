"""The measures of a scope over a period, summed from the daily rollup rows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.functions import Sum

from models import StatDaily, Topic, Unit
from workflow.actors import Actor
from workflow.enums import Channel, StatScope, UnitKind
from workflow.errors import invalid
from workflow.measures import COUNTERS, Measures, stats_reach

MAX_PERIOD_DAYS = 3 * 366


@dataclass(frozen=True)
class ScopedMeasures:
    scope: StatScope
    key: str | None
    name: str
    start: date
    end: date
    measures: Measures


def check_period(start: date, end: date) -> None:
    if end < start:
        raise invalid("to", "结束日期不能早于开始日期")
    if (end - start).days > MAX_PERIOD_DAYS:
        raise invalid("to", "统计区间不能超过三年")


async def _unit(key: str | None, kinds: frozenset[UnitKind] | None) -> Unit:
    unit = await Unit.get_or_none(id=int(key)) if key and key.isdigit() else None
    if unit is None or (kinds is not None and UnitKind(unit.kind) not in kinds):
        raise invalid("id", "没有这个单位")
    return unit


async def _target(
    scope: StatScope, key: str | None
) -> tuple[dict[str, Any], str, int | None, int | None]:
    """The row filter of a scope, its display name, and the unit asked about (and its
    district) for the permission rule."""
    if scope is StatScope.CITY:
        return {"scope": StatScope.DISTRICT, "key": ""}, "全市", None, None
    if scope is StatScope.DISTRICT:
        unit = await _unit(key, frozenset({UnitKind.DISTRICT_PLATFORM}))
        flt = {"scope": StatScope.DISTRICT, "key": "", "district_id": unit.id}
        return flt, unit.name, unit.district_id, unit.id
    if scope in (StatScope.STREET, StatScope.UNIT):
        kinds = frozenset({UnitKind.STREET}) if scope is StatScope.STREET else None
        unit = await _unit(key, kinds)
        return {"scope": scope, "key": str(unit.id)}, unit.name, unit.district_id, unit.id
    if scope is StatScope.TOPIC:
        topic = await Topic.get_or_none(id=int(key)) if key and key.isdigit() else None
        if topic is None:
            raise invalid("id", "没有这个主题")
        children = await Topic.filter(parent_id=topic.id).values_list("id", flat=True)
        keys = [str(topic.id), *(str(c) for c in children)]
        return {"scope": scope, "key__in": keys}, topic.name, None, None
    try:
        channel = Channel(key or "")
    except ValueError:
        raise invalid("id", "没有这个渠道") from None
    return {"scope": scope, "key": channel.value}, channel.value, None, None


async def sum_rows(flt: dict[str, Any], start: date, end: date) -> Measures:
    rows = await (
        StatDaily.filter(day__gte=start, day__lte=end, **flt)
        .annotate(**{f"s_{c}": Sum(c) for c in COUNTERS})
        .values(*(f"s_{c}" for c in COUNTERS))
    )
    row = rows[0] if rows else {}
    return Measures({c: int(row.get(f"s_{c}") or 0) for c in COUNTERS})


async def measures_of(
    actor: Actor, scope: StatScope, key: str | None, start: date, end: date
) -> ScopedMeasures:
    check_period(start, end)
    flt, name, unit_district, unit_id = await _target(scope, key)
    reach = stats_reach(actor, scope, unit_district, unit_id)
    if reach.district_id is not None and scope is not StatScope.DISTRICT:
        flt["district_id"] = reach.district_id
    return ScopedMeasures(scope, key, name, start, end, await sum_rows(flt, start, end))


async def measures_by_district(
    start: date, end: date, district_id: int | None = None
) -> dict[int, Measures]:
    """Every district's measures (or one district's) over a period in one query."""
    only = {"district_id": district_id} if district_id is not None else {}
    rows = await (
        StatDaily.filter(scope=StatScope.DISTRICT, key="", day__gte=start, day__lte=end, **only)
        .annotate(**{f"s_{c}": Sum(c) for c in COUNTERS})
        .group_by("district_id")
        .values("district_id", *(f"s_{c}" for c in COUNTERS))
    )
    return {
        r["district_id"]: Measures({c: int(r.get(f"s_{c}") or 0) for c in COUNTERS}) for r in rows
    }
