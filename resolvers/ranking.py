"""考核排名 of districts or units over a period, from the daily rollups."""

from __future__ import annotations

from datetime import date

from tortoise.functions import Sum

import settings
from models import StatDaily, Unit
from resolvers.stats import check_period, measures_by_district
from workflow.actors import Actor
from workflow.enums import StatScope, UnitKind
from workflow.measures import COUNTERS, Measures, stats_reach
from workflow.ranking import Ranked, RankingLevel, parse_weights, rank


async def _units(start: date, end: date, district_id: int | None) -> dict[int, Measures]:
    qs = StatDaily.filter(scope=StatScope.UNIT, day__gte=start, day__lte=end)
    if district_id is not None:
        qs = qs.filter(district_id=district_id)
    rows = await (
        qs.annotate(**{f"s_{c}": Sum(c) for c in COUNTERS})
        .group_by("key")
        .values("key", *(f"s_{c}" for c in COUNTERS))
    )
    return {int(r["key"]): Measures({c: int(r[f"s_{c}"] or 0) for c in COUNTERS}) for r in rows}


async def ranking(actor: Actor, level: RankingLevel, start: date, end: date) -> list[Ranked]:
    """Districts are ranked by the city; units by the city (all of them) or by a district
    platform (its own units, counting its own petitions)."""
    check_period(start, end)
    weights = parse_weights(settings.RANKING_WEIGHTS)
    if level is RankingLevel.DISTRICT:
        stats_reach(actor, StatScope.CITY)
        by_id = await measures_by_district(start, end)
        units = await Unit.filter(kind=UnitKind.DISTRICT_PLATFORM)
        names = {u.id: u.platform_name or u.name for u in units}
        by_id = {u.id: by_id.get(u.id, Measures({})) for u in units}
    else:
        own = actor.unit.id if actor.unit.kind is UnitKind.DISTRICT_PLATFORM else None
        if own is None:
            stats_reach(actor, StatScope.CITY)
        by_id = await _units(start, end, own)
        names = {u.id: u.name for u in await Unit.filter(id__in=list(by_id))}
    rows = [(i, names.get(i, str(i)), m) for i, m in by_id.items()]
    return rank(rows, weights, settings.RANKING_MIN_SAMPLE)
