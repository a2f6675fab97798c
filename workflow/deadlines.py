"""Time limits, deadlines and lights (DOMAIN §3, §4), as pure functions of a calendar and instants.

Callers pass `now` in; nothing here reads the clock, so every rule can be tested at its edges.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from workflow.calendar import WorkingCalendar
from workflow.enums import Category, Complexity, Kind, Light
from workflow.errors import invalid

TZ = ZoneInfo("Asia/Shanghai")

MAX_COMPLEX_DAYS = 20
_ONE_DAY = timedelta(days=1)


def time_limit(
    category: Category,
    kind: Kind | None,
    complexity: Complexity,
    requested_days: int | None = None,
) -> int:
    """Working days a handling unit gets. Only complex development/enforcement petitions take a
    platform-chosen limit; everywhere else the table is fixed and `requested_days` is ignored so
    that a stale form value cannot change a statutory limit."""
    if category is Category.LIVELIHOOD:
        if kind is None:
            raise invalid("kind", "民生类诉求必须指明类型")
        if kind is not Kind.COMPLAINT:
            return 1
        # A complaint has no NORMAL tier; treating it as SIMPLE keeps the shorter, safer limit.
        return 5 if complexity is Complexity.COMPLEX else 2
    if complexity is not Complexity.COMPLEX:
        return 10
    if requested_days is None:
        return MAX_COMPLEX_DAYS
    if isinstance(requested_days, bool) or not 1 <= requested_days <= MAX_COMPLEX_DAYS:
        raise invalid("timeLimitDays", "复杂诉求办理时限须在1至20个工作日之间")
    return requested_days


@dataclass(frozen=True)
class Deadline:
    """`due_at` is the instant stored and compared; `last_day` is what people are told; and
    `estimated` warns that the calendar for some year in the span is only a weekends-only guess."""

    due_at: datetime
    last_day: date
    estimated: bool


def _local(dt: datetime) -> datetime:
    """Naive datetimes would silently be read as the server's zone; refuse them instead."""
    if dt.tzinfo is None or dt.utcoffset() is None:
        raise ValueError(f"aware datetime required, got naive {dt!r}")
    return dt.astimezone(TZ)


def _midnight(d: date) -> datetime:
    return datetime.combine(d, time(0), tzinfo=TZ)


def _deadline(cal: WorkingCalendar, start_day: date, n: int) -> Deadline:
    last_day = cal.add_working_days(start_day, n)
    return Deadline(
        due_at=_midnight(last_day + _ONE_DAY),
        last_day=last_day,
        estimated=bool(cal.estimated_years(start_day, last_day)),
    )


def compute_deadline(cal: WorkingCalendar, clock_start: datetime, n: int) -> Deadline:
    """The deadline is 24:00 of the n-th working day after the day the clock starts: the start
    day never counts, however early the dispatch, so the day is judged in Shanghai time."""
    return _deadline(cal, _local(clock_start).date(), n)


def extend_deadline(cal: WorkingCalendar, current_due_at: datetime, extra_days: int) -> Deadline:
    """An approved extension continues from the current last day, not from the approval, so a
    late approval does not shorten or lengthen what was granted."""
    last_day = (_local(current_due_at) - _ONE_DAY).date()
    return _deadline(cal, last_day, extra_days)


def working_seconds_between(cal: WorkingCalendar, a: datetime, b: datetime) -> float:
    """Time on days off does not use up a unit's allotment, so lights measure only seconds of
    [a, b) that fall on Shanghai working days. One step per calendar day; arithmetic is done in
    UTC timedeltas so whole seconds stay exact."""
    a_local, b_local = _local(a), _local(b)
    if b_local <= a_local:
        return 0.0
    a_utc, b_utc = a_local.astimezone(UTC), b_local.astimezone(UTC)
    total = timedelta(0)
    day = a_local.date()
    last = (b_local - timedelta(microseconds=1)).date()
    while day <= last:
        if cal.is_working_day(day):
            lo = max(_midnight(day).astimezone(UTC), a_utc)
            hi = min(_midnight(day + _ONE_DAY).astimezone(UTC), b_utc)
            if hi > lo:
                total += hi - lo
        day += _ONE_DAY
    return total.total_seconds()


def light(
    cal: WorkingCalendar,
    clock_start: datetime,
    due_at: datetime,
    now: datetime,
    yellow_at: float = 1 / 3,
) -> Light:
    """The light follows the share of allotted working time left, so a weekend or holiday does
    not turn a petition yellow by itself. A deadline with no working time at all is YELLOW:
    there is nothing left to be relaxed about, but it is not yet overdue."""
    if is_overdue(due_at, now):
        return Light.RED
    allotted = working_seconds_between(cal, clock_start, due_at)
    if allotted <= 0:
        return Light.YELLOW
    remaining = working_seconds_between(cal, now, due_at)
    return Light.BLUE if remaining / allotted > yellow_at else Light.YELLOW


def is_overdue(due_at: datetime, now: datetime) -> bool:
    """At 24:00 exactly the day is over: the deadline instant itself is already late."""
    return _local(now) >= _local(due_at)


def remaining_in_words(cal: WorkingCalendar, due_at: datetime, now: datetime) -> str:
    """What a worker reads beside the light: "剩余 2 个工作日", "今日到期", "已超期 3 个工作日".
    Counted in working days, as the deadline itself is."""
    last_day = (_local(due_at) - timedelta(microseconds=1)).date()
    today = _local(now).date()
    if is_overdue(due_at, now):
        late = cal.working_days_between(last_day, today)
        return f"已超期 {late} 个工作日" if late else "已超期"
    if today >= last_day:
        return "今日到期"
    return f"剩余 {cal.working_days_between(today, last_day)} 个工作日"


MAX_OVERDUE_DAYS = 366


def overdue_cutoff(cal: WorkingCalendar, now: datetime, days: int) -> datetime:
    """The latest deadline that is overdue by at least `days` working days at `now`, as
    `remaining_in_words` counts them ("已超期 3 个工作日"): midnight (Shanghai) starting the
    `days`-th working day counted back from today, today included."""
    if not 1 <= days <= MAX_OVERDUE_DAYS:
        raise ValueError(f"days must be within 1..{MAX_OVERDUE_DAYS}, got {days}")
    d = _local(now).date()
    found = 0
    while True:
        if cal.is_working_day(d):
            found += 1
            if found == days:
                return _midnight(d)
        d -= _ONE_DAY


def waited_in_words(since: datetime, now: datetime) -> str:
    """How long a petition has waited in a platform's inbox (clock time: triage has no
    statutory limit, but nobody should wait unseen)."""
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return f"已等待 {minutes} 分钟"
    if minutes < 24 * 60:
        return f"已等待 {minutes // 60} 小时"
    return f"已等待 {minutes // (24 * 60)} 天"


# Dates a client may name: wide enough for any record, narrow enough for every driver.
EARLIEST_YEAR, LATEST_YEAR = 1900, 9000


def parse_local_instant(value: str | None, field: str) -> datetime | None:
    """An ISO date (start of that day in Shanghai) or an ISO datetime (naive = Shanghai)."""
    if value is None:
        return None
    try:
        if len(value) == 10:
            parsed = datetime.combine(datetime.fromisoformat(value).date(), time(0), tzinfo=TZ)
        else:
            parsed = datetime.fromisoformat(value)
            parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=TZ)
        parsed.astimezone(UTC)  # the databases store UTC: the far ends of the calendar overflow
    except (ValueError, OverflowError):
        raise invalid(field, "日期格式应为 YYYY-MM-DD 或 ISO 时间") from None
    if not EARLIEST_YEAR <= parsed.year <= LATEST_YEAR:
        raise invalid(field, f"日期须在 {EARLIEST_YEAR} 至 {LATEST_YEAR} 年之间")
    return parsed
