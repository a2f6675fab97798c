"""Rules of the data-analysis screen (数据分析): whose petitions it counts, which periods it
compares, and how a change is expressed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from workflow.actors import Actor
from workflow.errors import WorkflowError, not_allowed
from workflow.privacy import Reach, visibility


class TrendBy(StrEnum):
    DAY = "DAY"
    WEEK = "WEEK"
    MONTH = "MONTH"


@dataclass(frozen=True)
class Scope:
    """None: the whole city; otherwise one district platform's id."""

    district_id: int | None


def analysis_scope(actor: Actor) -> Scope:
    """The city platform analyses every district, a district platform its own: the same reach
    the petition lists give them. Departments, streets and machine clients have no such view."""
    vis = visibility(actor)
    if actor.is_machine:
        raise not_allowed("数据分析只对平台工作人员开放")
    if vis.reach is Reach.ALL:
        return Scope(None)
    if vis.reach is Reach.DISTRICT:
        return Scope(vis.district_id)
    raise not_allowed("数据分析只对市级平台和区（市）平台开放")


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1)


def previous_month(day: date) -> date:
    return (day.replace(day=1) - timedelta(days=1)).replace(day=1)


def trend_window(month: date, by: TrendBy) -> tuple[date, date]:
    """The trend ending with the analysed month: its days, the 13 weeks up to its end, or the
    12 months up to it. Bounded, so a trend is one range scan of a known size."""
    end = next_month(month)
    if by is TrendBy.DAY:
        return month, end
    if by is TrendBy.WEEK:
        last_monday = (end - timedelta(days=1)) - timedelta(
            days=(end - timedelta(days=1)).weekday()
        )
        return last_monday - timedelta(weeks=12), end
    start = month
    for _ in range(11):
        start = previous_month(start)
    return start, end


def change(current: int, before: int) -> float | None:
    """Month-over-month change as a share (0.25 = +25 %); None without a base to compare."""
    if before == 0:
        return None
    return current / before - 1


def may_analyse(actor: Actor) -> bool:
    try:
        analysis_scope(actor)
    except WorkflowError:
        return False
    return True
