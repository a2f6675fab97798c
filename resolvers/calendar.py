"""The working-day calendar with the admins' official overrides applied."""

from __future__ import annotations

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CalendarOverride
from workflow.calendar import WorkingCalendar


async def load_calendar(conn: BaseDBAsyncClient | None = None) -> WorkingCalendar:
    rows = await CalendarOverride.all().using_db(conn).values_list("day", "is_working")
    return WorkingCalendar({day: bool(working) for day, working in rows})
