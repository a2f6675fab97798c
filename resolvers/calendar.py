"""The working-day calendar with the admins' official overrides applied."""

from __future__ import annotations

from datetime import datetime

from tortoise.backends.base.client import BaseDBAsyncClient

from models import CalendarOverride, User
from workflow.calendar import WorkingCalendar
from workflow.errors import invalid


async def load_calendar(conn: BaseDBAsyncClient | None = None) -> WorkingCalendar:
    rows = await CalendarOverride.all().using_db(conn).values_list("day", "is_working")
    return WorkingCalendar({day: bool(working) for day, working in rows})


async def set_calendar_override(
    day_iso: str, is_working: bool, name: str, by: User | None, now: datetime
) -> CalendarOverride:
    from datetime import date

    try:
        day = date.fromisoformat(day_iso)
    except ValueError:
        raise invalid("day", "日期格式应为 YYYY-MM-DD") from None
    row, _ = await CalendarOverride.update_or_create(
        day=day,
        defaults={"is_working": is_working, "name": name, "entered_by": by, "entered_at": now},
    )
    return row
