"""Starting, moving and stopping a handling unit's clock."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

import settings
from resolvers.calendar import load_calendar
from workflow.deadlines import compute_deadline, extend_deadline
from workflow.lights import yellow_instant

# A new or moved deadline has not been announced yet (see resolvers/watch.py).
WATCH_RESET: dict[str, Any] = {
    "reminded_at": None,
    "yellow_noticed_at": None,
    "overdue_noticed_at": None,
}


async def start_clock(conn: BaseDBAsyncClient, now: datetime, days: int) -> dict[str, Any]:
    """A fresh deadline: every platform dispatch and every intake routed to a community."""
    cal = await load_calendar(conn)
    deadline = compute_deadline(cal, now, days)
    return {
        "time_limit_days": days,
        "clock_started_at": now,
        "deadline": deadline.due_at,
        "original_deadline": deadline.due_at,
        "deadline_estimated": deadline.estimated,
        "yellow_at": yellow_instant(cal, now, deadline.due_at, settings.LIGHT_YELLOW_AT),
        **WATCH_RESET,
    }


async def extend_clock(
    conn: BaseDBAsyncClient, clock_started_at: datetime, deadline: datetime, days: int
) -> dict[str, Any]:
    cal = await load_calendar(conn)
    moved = extend_deadline(cal, deadline, days)
    return {
        "deadline": moved.due_at,
        "deadline_estimated": moved.estimated,
        "yellow_at": yellow_instant(cal, clock_started_at, moved.due_at, settings.LIGHT_YELLOW_AT),
        **WATCH_RESET,
    }


# Entering a platform's inbox stops the clock; the next dispatch sets a fresh one.
STOPPED_CLOCK: dict[str, Any] = {
    "clock_started_at": None,
    "deadline": None,
    "original_deadline": None,
    "yellow_at": None,
    "deadline_estimated": False,
    "handling_unit_id": None,
    "review_stage": None,
    # The next unit's first contact is its own.
    "first_contacted_at": None,
    **WATCH_RESET,
}
