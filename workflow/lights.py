"""Lights stored as instants, so that a list can filter and sort by light in SQL.

At dispatch (and on every deadline change) the rules compute `yellow_at`: the moment when
the remaining share of working time falls to the deployment's threshold. The light of an
open petition is then a plain comparison of `now` with `yellow_at` and the deadline, and
agrees with `workflow.deadlines.light()` computed from scratch.
"""

from __future__ import annotations

import math
from datetime import datetime, time, timedelta

from workflow.calendar import WorkingCalendar
from workflow.deadlines import TZ, working_seconds_between
from workflow.enums import CLOCK_STATES, Light, State

_DAY = 86400.0


def yellow_instant(
    cal: WorkingCalendar, clock_start: datetime, due_at: datetime, yellow_at: float
) -> datetime:
    """The latest instant t with working_seconds(t, due) >= yellow_at * allotted, walking back
    from the deadline over working days."""
    allotted = working_seconds_between(cal, clock_start, due_at)
    target = allotted * yellow_at
    if target <= 0:
        return due_at
    remaining = target
    end = due_at.astimezone(TZ)
    cursor_day = (end - timedelta(microseconds=1)).date()
    start_local = clock_start.astimezone(TZ)
    for _ in range(800):
        day_start = datetime.combine(cursor_day, time(0), tzinfo=TZ)
        day_end = min(day_start + timedelta(days=1), end)
        lower = max(day_start, start_local)
        if cal.is_working_day(cursor_day) and day_end > lower:
            span = (day_end - lower).total_seconds()
            if span >= remaining:
                # Round down: a microsecond early would show YELLOW while light() says BLUE.
                at = day_end - timedelta(microseconds=math.floor(remaining * 1e6))
                return _back_over_days_off(cal, at, start_local)
            remaining -= span
        if day_start <= start_local:
            break
        cursor_day -= timedelta(days=1)
    return start_local


def _back_over_days_off(cal: WorkingCalendar, t: datetime, start_local: datetime) -> datetime:
    """Days off before a working day's midnight leave the remaining share unchanged, so the
    light turns yellow at the end of the last working day before them."""
    t = t.astimezone(TZ)
    while (
        t > start_local
        and t.time() == time(0)
        and not cal.is_working_day(t.date() - timedelta(days=1))
    ):
        t -= timedelta(days=1)
    return max(t, start_local)


def light_of(
    state: State, deadline: datetime | None, yellow_at: datetime | None, now: datetime
) -> Light | None:
    """The light of a petition whose handling clock runs; None when no clock runs."""
    if state not in CLOCK_STATES or deadline is None:
        return None
    if now >= deadline:
        return Light.RED
    if yellow_at is not None and now >= yellow_at:
        return Light.YELLOW
    return Light.BLUE
