"""Per-unit returns and disputes for the platform (the unit page and `unitReturns`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from tortoise.expressions import Subquery

from models import Event, Petition, Unit
from resolvers.base import scoped
from resolvers.catalog import catalog
from resolvers.stats import check_period
from resolvers.units import unit_ref
from workflow.actors import Actor
from workflow.deadlines import TZ
from workflow.enums import Action
from workflow.errors import invalid, not_allowed
from workflow.returns import ReturnFact, StepFact, may_see_returns, returns_of, step_fact

LIST_MAX = 500  # returns listed per period (the counts are always complete)


@dataclass(frozen=True)
class UnitReturn:
    petition: Petition
    fact: ReturnFact


@dataclass(frozen=True)
class UnitReturns:
    unit: Unit
    start: date
    end: date
    return_count: int
    dispute_count: int
    returns: list[UnitReturn]  # newest first, at most LIST_MAX

    @property
    def disputes(self) -> list[UnitReturn]:
        return [r for r in self.returns if r.fact.disputed]


def _id(value: Any) -> int | None:
    return int(value) if isinstance(value, int) else None


def _step(e: Event) -> StepFact:
    return step_fact(
        e.id, e.petition_id, Action(e.action), e.at, e.note, e.actor_unit_id, e.payload
    )


def _bounds(start: date, end: date) -> tuple[datetime, datetime]:
    check_period(start, end)
    return (
        datetime.combine(start, time(), TZ),
        datetime.combine(end + timedelta(days=1), time(), TZ),
    )


async def _returns(
    actor: Actor, lo: datetime, hi: datetime, unit_id: int | None
) -> list[ReturnFact]:
    """Returns made in [lo, hi) on petitions the asker sees (by one unit, or all), with the
    platform's disputes of them: two queries."""
    flt: dict[str, Any] = {"action": Action.RETURN, "at__gte": lo, "at__lt": hi}
    if unit_id is not None:
        flt["actor_unit_id"] = unit_id
    pids = sorted(
        set(
            await Event.filter(
                petition_id__in=Subquery(scoped(actor).values("id")), **flt
            ).values_list("petition_id", flat=True)
        )
    )
    if not pids:
        return []
    steps = [
        _step(e)
        for e in await Event.filter(
            petition_id__in=pids, action__in=[Action.RETURN, Action.DISPATCH]
        ).order_by("id")
    ]
    return [f for f in returns_of(unit_id, steps) if lo <= f.returned_at < hi]


async def unit_returns(actor: Actor, unit_id: int, start: date, end: date) -> UnitReturns:
    """The returns the unit made over [start, end] (whole days, Asia/Shanghai) on petitions the
    asker sees, with the platform's disputes of them."""
    lo, hi = _bounds(start, end)
    unit = await Unit.get_or_none(id=unit_id)
    if unit is None:
        raise invalid("unitId", "没有这个单位")
    if not may_see_returns(actor, unit_ref(unit)):
        raise not_allowed("只有向该单位派单的平台可以查看其退回情况")
    facts = await _returns(actor, lo, hi, unit.id)
    shown = facts[:LIST_MAX]
    petitions = (
        {p.id: p for p in await Petition.filter(id__in={f.petition_id for f in shown})}
        if shown
        else {}
    )
    return UnitReturns(
        unit,
        start,
        end,
        len(facts),
        sum(1 for f in facts if f.disputed),
        [UnitReturn(petitions[f.petition_id], f) for f in shown],
    )


@dataclass(frozen=True)
class ReturnCount:
    unit: Unit
    returns: int
    disputes: int


async def return_counts(actor: Actor, start: date, end: date) -> list[ReturnCount]:
    """For the platform's units page: every unit whose returns the asker may see, with its
    returns and disputes over [start, end]; most returns first."""
    lo, hi = _bounds(start, end)
    every = sorted((await catalog()).units.values(), key=lambda u: u.id)
    units = [u for u in every if u.active and may_see_returns(actor, unit_ref(u))]
    if not units:
        raise not_allowed("只有平台可以查看各单位的退回情况")
    returns: Counter[int] = Counter()
    disputes: Counter[int] = Counter()
    for f in await _returns(actor, lo, hi, None):
        returns[f.unit_id] += 1
        disputes[f.unit_id] += f.disputed
    rows = [ReturnCount(u, returns[u.id], disputes[u.id]) for u in units]
    rows.sort(key=lambda r: (-r.returns, -r.disputes, r.unit.id))
    return rows
