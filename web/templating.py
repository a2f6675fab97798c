"""The Jinja environment of the staff screens: autoescape on, Chinese dates in Asia/Shanghai."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import jinja2
from starlette.templating import Jinja2Templates

from web.labels import label
from workflow.deadlines import TZ

env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(Path(__file__).parent / "templates"),
    autoescape=True,  # always, including fragments
)
templates = Jinja2Templates(env=env)


def cn_date(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(TZ)
    return f"{local.year}年{local.month}月{local.day}日"


def cn_datetime(value: datetime | None) -> str:
    if value is None:
        return ""
    local = value.astimezone(TZ)
    return f"{cn_date(value)} {local:%H:%M}"


def cn_deadline(value: datetime | None) -> str:
    """A deadline is 24:00 of its last working day: show that day, not the next midnight."""
    if value is None:
        return ""
    local = value.astimezone(TZ)
    if (local.hour, local.minute, local.second) == (0, 0, 0):
        from datetime import timedelta

        last = local - timedelta(days=1)
        return f"{last.year}年{last.month}月{last.day}日 24:00"
    return cn_datetime(value)


def place(unit: Any) -> str:
    """Where a place is meant, a platform shows the area it serves (市南区), not its brand
    (暖南诉办); any other unit is its own place."""
    if unit is None:
        return ""
    return str(getattr(unit, "area_name", None) or unit.name)


env.filters.update(
    label=label, cn_date=cn_date, cn_datetime=cn_datetime, cn_deadline=cn_deadline, place=place
)
