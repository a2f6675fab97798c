"""Petition counts per calendar bucket (day, week, month) in Shanghai time, computed by the
database with GROUP BY over `petition.created_at` within a bounded period, so a trend costs
one indexed range scan however long the history is.

The bucket expression is the only dialect-specific SQL of the project; it lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import Any

from tortoise import connections
from tortoise.expressions import Q, RawSQL
from tortoise.functions import Count

from models import Petition
from workflow.deadlines import TZ


class Granularity(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


# Shanghai keeps no daylight saving time: a fixed +8 hours is exact.
_SQLITE = {
    Granularity.DAY: "date(created_at, '+8 hours')",
    # Monday of the week: step to the coming Sunday (or stay on it), then back six days.
    Granularity.WEEK: "date(created_at, '+8 hours', 'weekday 0', '-6 days')",
    Granularity.MONTH: "strftime('%Y-%m-01', created_at, '+8 hours')",
}
_POSTGRES = {
    Granularity.DAY: "to_char(created_at AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD')",
    Granularity.WEEK: (
        "to_char(date_trunc('week', created_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')"
    ),
    Granularity.MONTH: (
        "to_char(date_trunc('month', created_at AT TIME ZONE 'Asia/Shanghai'), 'YYYY-MM-DD')"
    ),
}


def bucket_sql(granularity: Granularity) -> str:
    dialect = connections.get("default").capabilities.dialect
    return (_SQLITE if dialect == "sqlite" else _POSTGRES)[granularity]


def day_start(day: date) -> datetime:
    """Midnight of `day` in Shanghai: periods are whole local days."""
    return datetime.combine(day, time(0), tzinfo=TZ)


def bucket_of(day: date, granularity: Granularity) -> date:
    """The first day of the bucket holding `day` (the Python twin of the SQL above)."""
    if granularity is Granularity.DAY:
        return day
    if granularity is Granularity.WEEK:
        return day - timedelta(days=day.weekday())
    return day.replace(day=1)


def buckets(start: date, end: date, granularity: Granularity) -> list[date]:
    """Every bucket from the one holding `start` up to (not including) `end`, empty or not,
    so a chart shows a gap as zero rather than skipping it."""
    out: list[date] = []
    current = bucket_of(start, granularity)
    while current < end:
        out.append(current)
        if granularity is Granularity.DAY:
            current += timedelta(days=1)
        elif granularity is Granularity.WEEK:
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return out


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


async def counts(
    start: date,
    end: date,
    granularity: Granularity,
    by: Sequence[str] = (),
    where: Q | None = None,
) -> list[dict[str, Any]]:
    """Rows of {"bucket": date, *by, "n": int} for petitions created in [start, end) (local
    days), grouped by bucket and the given petition columns."""
    qs = Petition.filter(created_at__gte=day_start(start), created_at__lt=day_start(end))
    if where is not None:
        qs = qs.filter(where)
    rows = (
        await qs.annotate(bucket=RawSQL(bucket_sql(granularity)), n=Count("id"))
        .group_by("bucket", *by)
        .values("bucket", "n", *by)
    )
    for row in rows:
        row["bucket"] = date.fromisoformat(str(row["bucket"])[:10])
        row["n"] = int(row["n"])
    return rows


async def totals(
    start: date, end: date, by: Sequence[str], where: Q | None = None
) -> dict[tuple[Any, ...], int]:
    """Petitions created in [start, end) per combination of the given petition columns."""
    qs = Petition.filter(created_at__gte=day_start(start), created_at__lt=day_start(end))
    if where is not None:
        qs = qs.filter(where)
    rows = await qs.annotate(n=Count("id")).group_by(*by).values(*by, "n")
    return {tuple(row[c] for c in by): int(row["n"]) for row in rows}
