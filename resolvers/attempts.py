"""Counting attempts in the database, where every server process sees the same counts.

A sliding window per key: a limit of N an hour refuses the (N+1)-th attempt until the oldest
counted one is an hour old, and says how long that is. Rows older than the window are deleted
as new ones for the same keys arrive. Two concurrent attempts may both pass at the limit's
edge; the overshoot is bounded by the concurrency, not by time.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from models import Attempt
from workflow.errors import too_many_attempts

WINDOW = timedelta(hours=1)


async def check(kind: str, limits: list[tuple[str, int]], now: datetime) -> None:
    """Refuse (TOO_MANY_ATTEMPTS) if any key already has its limit within the window."""
    since = now - WINDOW
    for key, limit in limits:
        times = (
            await Attempt.filter(kind=kind, key=key[:64], at__gt=since)
            .order_by("-at")
            .limit(limit)
            .values_list("at", flat=True)
        )
        if len(times) >= limit:
            oldest: datetime = times[-1]  # type: ignore[assignment]
            wait = (oldest + WINDOW - now).total_seconds()
            raise too_many_attempts(math.ceil(wait))


async def count(kind: str, keys: list[str], now: datetime) -> None:
    clipped = [k[:64] for k in keys]
    await Attempt.filter(kind=kind, key__in=clipped, at__lte=now - WINDOW).delete()
    await Attempt.bulk_create([Attempt(kind=kind, key=k, at=now) for k in clipped])
