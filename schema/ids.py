"""Parsing the API's opaque IDs into row ids, naming the field when one is malformed."""

from __future__ import annotations

from datetime import datetime, time

from workflow.deadlines import TZ
from workflow.errors import invalid


def row_id(value: object, field: str) -> int:
    try:
        parsed = int(str(value))
    except ValueError:
        raise invalid(field, "编号格式不正确") from None
    if parsed <= 0:
        raise invalid(field, "编号格式不正确")
    return parsed


def optional_row_id(value: object | None, field: str) -> int | None:
    return None if value is None else row_id(value, field)


def parse_instant(value: str | None, field: str) -> datetime | None:
    """An ISO date (start of that day in Shanghai) or an ISO datetime (naive = Shanghai)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            return datetime.combine(datetime.fromisoformat(value).date(), time(0), tzinfo=TZ)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise invalid(field, "日期格式应为 YYYY-MM-DD 或 ISO 时间") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)
