"""监测预警 for the city (all districts) or a district platform (its own): surges against a
baseline, repeated petitions, and the units with the most overdue petitions and returns."""

from __future__ import annotations

import asyncio
import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from typing import Any

from tortoise.functions import Count, Sum

import settings
from models import Assignment, Petition, StatDaily, Topic, Unit, WarningAck
from resolvers.command import home_district, live_by
from workflow.actors import Actor
from workflow.deadlines import TZ
from workflow.enums import OPEN_STATES, AssignmentEnd, StatScope, WarningKind
from workflow.errors import invalid
from workflow.measures import local_day
from workflow.privacy import mask_phone
from workflow.warnings import SurgeRule, baseline, is_surge

TOP = 5


@dataclass(frozen=True)
class Warning:
    kind: WarningKind
    key: str
    name: str
    count: int
    baseline: float | None
    acknowledged: bool
    # Query parameters of the petition list behind it, when it has one.
    petitions: dict[str, str] | None = None
    # The petitions behind it, as a filter on petitions (or, for returns, on assignments);
    # kept out of sight: a repeated petitioner's filter holds the phone number.
    where: dict[str, Any] | None = field(default=None, compare=False, repr=False)


def _scoped(district_id: int | None) -> dict[str, Any]:
    return {"district_id": district_id} if district_id is not None else {}


async def _surges(day: date, district_id: int | None) -> list[Warning]:
    rule = SurgeRule(settings.SURGE_RATIO, settings.SURGE_MIN_COUNT, settings.SURGE_BASELINE_DAYS)
    start = day - timedelta(days=rule.baseline_days)
    found: list[Warning] = []
    for scope, kind in (
        (StatScope.TOPIC, WarningKind.SURGE_TOPIC),
        (StatScope.STREET, WarningKind.SURGE_STREET),
    ):
        rows = await (
            StatDaily.filter(scope=scope, day__gte=start, day__lte=day, **_scoped(district_id))
            .annotate(n=Sum("submitted"))
            .group_by("key", "day")
            .values("key", "day", "n")
        )
        today: dict[str, int] = defaultdict(int)
        before: dict[str, list[int]] = defaultdict(list)
        for r in rows:
            if str(r["day"]) == day.isoformat():
                today[r["key"]] += int(r["n"] or 0)
            else:
                before[r["key"]].append(int(r["n"] or 0))
        for key, n in today.items():
            mean = baseline(before[key], rule.baseline_days)
            if is_surge(n, mean, rule):
                found.append(Warning(kind, key, key, n, round(mean, 2), False))
    names = await _names(found)
    day_start = datetime.combine(day, time(), TZ)
    today_only = {"created_at__gte": day_start, "created_at__lt": day_start + timedelta(days=1)}
    return [
        Warning(
            w.kind,
            w.key,
            names.get((w.kind, w.key), w.key),
            w.count,
            w.baseline,
            False,
            {"topic": w.key} if w.kind is WarningKind.SURGE_TOPIC else None,
            {
                "topic_id" if w.kind is WarningKind.SURGE_TOPIC else "street_id": int(w.key),
                **today_only,
                **_scoped(district_id),
            },
        )
        for w in found
    ]


async def _names(found: list[Warning]) -> dict[tuple[WarningKind, str], str]:
    topics = [int(w.key) for w in found if w.kind is WarningKind.SURGE_TOPIC]
    streets = [int(w.key) for w in found if w.kind is not WarningKind.SURGE_TOPIC]
    out: dict[tuple[WarningKind, str], str] = {}
    for t in await Topic.filter(id__in=topics):
        out[(WarningKind.SURGE_TOPIC, str(t.id))] = t.name
    for u in await Unit.filter(id__in=streets):
        out[(WarningKind.SURGE_STREET, str(u.id))] = u.name
    return out


def _hashed(value: str) -> str:
    """Acknowledgements name a petitioner without storing their phone."""
    return hashlib.sha256(value.encode()).hexdigest()[:16]


async def _repeats(now: datetime, district_id: int | None) -> list[Warning]:
    since = now - timedelta(days=settings.REPEAT_WINDOW_DAYS)
    found: list[Warning] = []
    for column, kind in (
        ("petitioner_phone", WarningKind.REPEAT_PETITIONER),
        ("address", WarningKind.REPEAT_PLACE),
    ):
        rows = await (
            Petition.filter(created_at__gte=since, **_scoped(district_id))
            .exclude(**{column: ""})
            .annotate(n=Count("id"))
            .group_by(column)
            .filter(n__gte=settings.REPEAT_MIN_COUNT)
            .order_by("-n")
            .limit(20)
            .values(column, "n")
        )
        for r in rows:
            value = str(r[column])
            shown = mask_phone(value) if kind is WarningKind.REPEAT_PETITIONER else value
            where = {column: value, "created_at__gte": since, **_scoped(district_id)}
            found.append(
                Warning(kind, _hashed(value), shown, int(r["n"]), None, False, None, where)
            )
    return found


async def _units(now: datetime, day: date, district_id: int | None) -> list[Warning]:
    live = await live_by("handling_unit_id", now, **_scoped(district_id))
    worst = sorted(((v["overdue"], k) for k, v in live.items() if v["overdue"]), reverse=True)
    start = day - timedelta(days=settings.REPEAT_WINDOW_DAYS)
    returns = await (
        StatDaily.filter(scope=StatScope.UNIT, day__gte=start, day__lte=day, **_scoped(district_id))
        .annotate(n=Sum("returned"))
        .group_by("key")
        .values("key", "n")
    )
    most_returns = sorted(
        ((int(r["n"] or 0), int(r["key"])) for r in returns if r["n"]), reverse=True
    )
    ids = [u for _, u in worst[:TOP]] + [u for _, u in most_returns[:TOP]]
    names = {u.id: u.name for u in await Unit.filter(id__in=ids)}
    out = [
        Warning(
            WarningKind.MOST_OVERDUE,
            str(u),
            names.get(u, str(u)),
            n,
            None,
            False,
            {"unit": str(u), "open": "1", "overdue": "1"},
            {
                "handling_unit_id": u,
                "state__in": list(OPEN_STATES),
                "deadline__lte": now,
                **_scoped(district_id),
            },
        )
        for n, u in worst[:TOP]
    ]
    since = datetime.combine(start, time(), TZ)
    out += [
        Warning(
            WarningKind.MOST_RETURNS,
            str(u),
            names.get(u, str(u)),
            n,
            None,
            False,
            None,
            {
                "unit_id": u,
                "end_reason": AssignmentEnd.RETURNED,
                "ended_at__gte": since,
                **({"petition__district_id": district_id} if district_id is not None else {}),
            },
        )
        for n, u in most_returns[:TOP]
    ]
    return out


async def warnings(actor: Actor, now: datetime) -> list[Warning]:
    district_id = home_district(actor)
    day = local_day(now)
    # The three kinds and the acknowledgements read different rows: ask side by side.
    surges, repeats, units, acks = await asyncio.gather(
        _surges(day, district_id),
        _repeats(now, district_id),
        _units(now, day, district_id),
        WarningAck.filter(unit_id=actor.unit.id, day=day).values_list("kind", "key"),
    )
    found = surges + repeats + units
    acked = set(acks)
    return [
        Warning(
            w.kind,
            w.key,
            w.name,
            w.count,
            w.baseline,
            (w.kind, w.key) in acked,
            w.petitions,
            w.where,
        )
        for w in found
    ]


async def petition_ids(warning: Warning, limit: int = 20) -> list[int]:
    """The newest petitions behind a warning (already limited to the viewer's district)."""
    if warning.where is None:
        return []
    if warning.kind is WarningKind.MOST_RETURNS:
        rows = await (
            Assignment.filter(**warning.where)
            .order_by("-ended_at", "-id")
            .limit(limit * 2)
            .values_list("petition_id", flat=True)
        )
        return list(dict.fromkeys(int(str(r)) for r in rows))[:limit]
    ids = (
        await Petition.filter(**warning.where)
        .order_by("-id")
        .limit(limit)
        .values_list("id", flat=True)
    )
    return [int(str(r)) for r in ids]


async def acknowledge(actor: Actor, kind: str, key: str, now: datetime) -> None:
    home_district(actor)
    try:
        parsed = WarningKind(kind)
    except ValueError:
        raise invalid("kind", "没有这种预警") from None
    if not key or len(key) > 64:
        raise invalid("key", "预警编号不正确")
    await WarningAck.bulk_create(
        [
            WarningAck(
                kind=parsed,
                key=key,
                day=local_day(now),
                unit_id=actor.unit.id,
                by_id=actor.user_id,
                at=now,
            )
        ],
        ignore_conflicts=True,
    )
