"""The data-analysis screen's numbers (数据分析): intake trend, topic mix and its change on the
month before, hotspots of topic × street, and the channel mix (the 12345 hotline against the
district platforms' own channels); the scope is the city or one district.

Intake per day, topic, channel and district is read from the daily rollups (models/stats.py,
counter `submitted`, kept by the intake step itself), so a 12-month trend sums a few hundred
rows instead of scanning a year of petitions. The rollups hold no topic × street pair: the
hotspots alone are a GROUP BY over the petitions of the month and the month before, read
from an index covering exactly those columns (resolvers/volumes.py `totals`).
"""

from __future__ import annotations

import asyncio
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tortoise.expressions import Q
from tortoise.functions import Sum

from models import StatDaily, Topic, Unit
from resolvers.volumes import Granularity, bucket_of, buckets, totals
from workflow.actors import Actor
from workflow.analysis import (
    Scope,
    TrendBy,
    analysis_scope,
    change,
    month_start,
    next_month,
    previous_month,
    trend_window,
)
from workflow.enums import Channel, StatScope, UnitKind
from workflow.errors import invalid, not_allowed

HOTSPOT_STREETS = 15  # rows of the heat grid
HOTSPOTS = 20  # rows of the hotspot table
NO_TOPIC = "未分类"
NO_STREET = "未定位到街道"


@dataclass(frozen=True)
class Point:
    bucket: date
    petitions: int


@dataclass(frozen=True)
class Share:
    """One slice of a mix this month, with last month's figure and the change."""

    key: str
    name: str
    current: int
    before: int
    change: float | None
    share: float | None  # of this month's total


@dataclass(frozen=True)
class Hotspot:
    street: str
    topic: str
    area: str
    current: int
    before: int
    change: float | None


@dataclass(frozen=True)
class ChannelMonth:
    month: date
    hotline: int
    district: int  # the district platforms' own channels (WeChat, apps, grid, walk-in …)


@dataclass
class Analysis:
    district_id: int | None
    scope_name: str
    month: date
    trend_by: TrendBy
    trend: list[Point]
    total: int
    total_before: int
    areas: list[Share]  # first-level topics
    subtopics: list[Share]  # second-level, largest movers first
    heat_streets: list[str]
    heat_areas: list[str]
    heat: list[list[int]]  # [street][area]
    hotspots: list[Hotspot]
    channels: list[Share]
    channel_months: list[ChannelMonth]
    districts: list[Share] = field(default_factory=list)  # city scope only


def _shares(current: dict[str, int], before: dict[str, int], names: dict[str, str]) -> list[Share]:
    total = sum(current.values())
    keys = sorted(set(current) | set(before), key=lambda k: (-current.get(k, 0), k))
    return [
        Share(
            key=k,
            name=names.get(k, k),
            current=current.get(k, 0),
            before=before.get(k, 0),
            change=change(current.get(k, 0), before.get(k, 0)),
            share=current.get(k, 0) / total if total else None,
        )
        for k in keys
    ]


async def _intake_by_day(
    start: date, end: date, district_id: int | None, channel: str | None = None
) -> dict[date, int]:
    """Petitions taken in per local day in [start, end), from the rollups: all of them (the
    district rows), or those of one channel."""
    flt: dict[str, object] = (
        {"scope": StatScope.CHANNEL, "key": channel}
        if channel is not None
        else {"scope": StatScope.DISTRICT, "key": ""}
    )
    if district_id is not None:
        flt["district_id"] = district_id
    rows = (
        await StatDaily.filter(day__gte=start, day__lt=end, **flt)
        .annotate(n=Sum("submitted"))
        .group_by("day")
        .values("day", "n")
    )
    out = {date.fromisoformat(str(r["day"])[:10]): int(r["n"] or 0) for r in rows}
    return {d: n for d, n in out.items() if n}


async def _intake_by_key(
    scope: StatScope, start: date, end: date, district_id: int | None, by: str = "key"
) -> dict[str, int]:
    """Petitions taken in over [start, end) per rollup key (a topic id, a channel) or per
    district; keys that took nothing in are left out, as a GROUP BY over petitions would."""
    qs = StatDaily.filter(scope=scope, day__gte=start, day__lt=end)
    if district_id is not None:
        qs = qs.filter(district_id=district_id)
    rows = await qs.annotate(n=Sum("submitted")).group_by(by).values(by, "n")
    return {str(r[by]): int(r["n"] or 0) for r in rows if r["n"]}


async def analyse(
    actor: Actor, month: date, trend_by: TrendBy, district_id: int | None = None
) -> Analysis:
    """`district_id` narrows the city's view to one district; a district platform may only
    name its own."""
    scope = analysis_scope(actor)
    if district_id is not None:
        if scope.district_id is not None and scope.district_id != district_id:
            raise not_allowed("区（市）平台只能分析本区（市）的数据")
        if not await Unit.exists(id=district_id, kind=UnitKind.DISTRICT_PLATFORM):
            raise invalid("districtId", "没有这个区（市）平台")
        scope = Scope(district_id)
    where = Q(district_id=scope.district_id) if scope.district_id is not None else None
    month = month_start(month)
    end, before = next_month(month), previous_month(month)

    granularity = Granularity(trend_by.value)
    t_start, t_end = trend_window(month, trend_by)
    c_start, c_end = trend_window(month, TrendBy.MONTH)  # the longest window: it holds the others
    # Each read covers its own bounded period; they run side by side.
    (
        (daily, hotline_daily, topics_now, topics_old),
        (ch_now, ch_old, now_rows, old_rows, topic_rows),
    ) = await asyncio.gather(
        asyncio.gather(
            # 1. Intake per day over the 12 months (trend, totals, hotline vs the others).
            _intake_by_day(min(t_start, c_start), c_end, scope.district_id),
            _intake_by_day(c_start, c_end, scope.district_id, Channel.HOTLINE_12345.value),
            # 2. Topics this month and the one before.
            _intake_by_key(StatScope.TOPIC, month, end, scope.district_id),
            _intake_by_key(StatScope.TOPIC, before, month, scope.district_id),
        ),
        asyncio.gather(
            # 3. Channels this month and the one before.
            _intake_by_key(StatScope.CHANNEL, month, end, scope.district_id),
            _intake_by_key(StatScope.CHANNEL, before, month, scope.district_id),
            # 4. Topic × street (not in the rollups) for the hotspots.
            totals(month, end, ["topic_id", "street_id"], where),
            totals(before, month, ["topic_id", "street_id"], where),
            Topic.all(),
        ),
    )
    total = sum(n for d, n in daily.items() if month <= d < end)
    total_before = sum(n for d, n in daily.items() if before <= d < month)
    per_bucket: dict[date, int] = defaultdict(int)
    for d, n in daily.items():
        if t_start <= d < t_end:
            per_bucket[bucket_of(d, granularity)] += n
    trend = [Point(b, per_bucket.get(b, 0)) for b in buckets(t_start, t_end, granularity)]
    topics = {t.id: t for t in topic_rows}
    street_ids = {k[1] for k in (*now_rows, *old_rows) if k[1] is not None}
    streets = {u.id: u.name for u in await Unit.filter(id__in=street_ids)}

    def area_of(topic_id: int | None) -> str:
        topic = topics.get(topic_id or 0)
        if topic is None:
            return NO_TOPIC
        parent = topics.get(topic.parent_id or 0)
        return (parent or topic).name

    def sub_of(topic_id: int | None) -> str:
        topic = topics.get(topic_id or 0)
        return topic.name if topic else NO_TOPIC

    def fold(rows: dict[tuple[int | None, ...], int], key: int) -> dict[str, int]:
        out: dict[str, int] = defaultdict(int)
        for k, n in rows.items():
            out[(area_of if key == 0 else sub_of)(k[0])] += n
        return out

    def by_topic(rows: dict[str, int], whole: int) -> dict[tuple[int | None, ...], int]:
        """Topic rows keyed like the petition columns; what no topic row counts had none."""
        out: dict[tuple[int | None, ...], int] = {(int(k),): n for k, n in rows.items()}
        unclassified = whole - sum(rows.values())
        if unclassified:
            out[(None,)] = unclassified
        return out

    t_now, t_old = by_topic(topics_now, total), by_topic(topics_old, total_before)
    areas = _shares(fold(t_now, 0), fold(t_old, 0), {})
    subtopics = _shares(fold(t_now, 1), fold(t_old, 1), {})
    subtopics.sort(key=lambda s: (-abs(s.current - s.before), -s.current, s.name))

    pair_now: dict[tuple[str, str, str], int] = defaultdict(int)
    pair_old: dict[tuple[str, str, str], int] = defaultdict(int)
    for rows, target in ((now_rows, pair_now), (old_rows, pair_old)):
        for (topic_id, street_id), n in rows.items():
            street = streets.get(street_id or 0, NO_STREET)
            target[(street, sub_of(topic_id), area_of(topic_id))] += n
    hotspots = [
        Hotspot(s, t, a, n, pair_old.get((s, t, a), 0), change(n, pair_old.get((s, t, a), 0)))
        for (s, t, a), n in sorted(pair_now.items(), key=lambda kv: (-kv[1], kv[0]))
    ][:HOTSPOTS]

    by_street: dict[str, int] = defaultdict(int)
    grid: dict[tuple[str, str], int] = defaultdict(int)
    for (s, _t, a), n in pair_now.items():
        by_street[s] += n
        grid[(s, a)] += n
    heat_streets = sorted(by_street, key=lambda s: (-by_street[s], s))[:HOTSPOT_STREETS]
    heat_areas = [a.name for a in areas if a.current]
    heat = [[grid.get((s, a), 0) for a in heat_areas] for s in heat_streets]

    # 4. Channels.
    channels = _shares(ch_now, ch_old, {})
    monthly: dict[date, list[int]] = {b: [0, 0] for b in buckets(c_start, c_end, Granularity.MONTH)}
    for d, n in daily.items():
        if c_start <= d < c_end:
            monthly[bucket_of(d, Granularity.MONTH)][1] += n
    for d, n in hotline_daily.items():
        row = monthly[bucket_of(d, Granularity.MONTH)]
        row[0] += n
        row[1] -= n
    channel_months = [ChannelMonth(m, h, d) for m, (h, d) in monthly.items()]

    districts: list[Share] = []
    scope_name = "全市"
    if scope.district_id is None:
        d_now, d_old, platform_rows = await asyncio.gather(
            _intake_by_key(StatScope.DISTRICT, month, end, None, "district_id"),
            _intake_by_key(StatScope.DISTRICT, before, month, None, "district_id"),
            Unit.filter(district_code__isnull=False),
        )
        platforms = {u.id: u for u in platform_rows}
        districts = _shares(
            {platforms[int(k)].name: n for k, n in d_now.items() if int(k) in platforms},
            {platforms[int(k)].name: n for k, n in d_old.items() if int(k) in platforms},
            {},
        )
    else:
        platform = await Unit.get_or_none(id=scope.district_id)
        scope_name = platform.name if platform else ""

    return Analysis(
        district_id=scope.district_id,
        scope_name=scope_name,
        month=month,
        trend_by=trend_by,
        trend=trend,
        total=total,
        total_before=total_before,
        areas=areas,
        subtopics=subtopics,
        heat_streets=heat_streets,
        heat_areas=heat_areas,
        heat=heat,
        hotspots=hotspots,
        channels=channels,
        channel_months=channel_months,
        districts=districts,
    )
