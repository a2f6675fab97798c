from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from workflow.calendar import WorkingCalendar
from workflow.deadlines import (
    TZ,
    Deadline,
    compute_deadline,
    extend_deadline,
    is_overdue,
    light,
    time_limit,
    working_seconds_between,
)
from workflow.enums import Category, Complexity, Kind, Light
from workflow.errors import ErrorCode, WorkflowError

L, D, E = Category.LIVELIHOOD, Category.DEVELOPMENT, Category.ENFORCEMENT
SIMPLE, NORMAL, COMPLEX = Complexity.SIMPLE, Complexity.NORMAL, Complexity.COMPLEX
# DOMAIN §4 test vectors: (start day, N) -> last working day.
VECTORS = [
    (date(2023, 3, 24), 1, date(2023, 3, 27)),
    (date(2023, 4, 28), 2, date(2023, 5, 5)),
    (date(2023, 4, 22), 1, date(2023, 4, 23)),
    (date(2023, 5, 6), 1, date(2023, 5, 8)),
    (date(2023, 9, 28), 1, date(2023, 10, 7)),
    (date(2023, 9, 27), 5, date(2023, 10, 10)),
    (date(2023, 12, 29), 10, date(2024, 1, 15)),
    (date(2024, 2, 8), 20, date(2024, 3, 13)),
]
HOUR = 3600.0
DAY = 24 * HOUR


def at(y: int, m: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, m, d, h, mi, s, tzinfo=TZ)


# --- time limits -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "kind", "complexity", "requested", "days"),
    [
        (L, Kind.CONSULTATION, SIMPLE, None, 1),
        (L, Kind.CONSULTATION, COMPLEX, None, 1),
        (L, Kind.SUGGESTION, SIMPLE, None, 1),
        (L, Kind.SUGGESTION, COMPLEX, 15, 1),
        (L, Kind.COMPLAINT, SIMPLE, None, 2),
        (L, Kind.COMPLAINT, NORMAL, None, 2),
        (L, Kind.COMPLAINT, COMPLEX, None, 5),
        (L, Kind.COMPLAINT, COMPLEX, 15, 5),
        (D, None, NORMAL, None, 10),
        (D, None, SIMPLE, None, 10),
        (D, None, NORMAL, 15, 10),
        (D, None, COMPLEX, None, 20),
        (D, None, COMPLEX, 1, 1),
        (D, None, COMPLEX, 15, 15),
        (E, None, NORMAL, None, 10),
        (E, Kind.COMPLAINT, NORMAL, None, 10),
        (E, None, COMPLEX, 20, 20),
        (E, None, COMPLEX, None, 20),
    ],
)
def test_the_time_limit_follows_the_domain_table(
    category: Category,
    kind: Kind | None,
    complexity: Complexity,
    requested: int | None,
    days: int,
) -> None:
    assert time_limit(category, kind, complexity, requested) == days


def test_a_livelihood_petition_without_a_kind_is_refused_on_the_kind_field() -> None:
    with pytest.raises(WorkflowError) as info:
        time_limit(L, None, SIMPLE)
    assert info.value.code is ErrorCode.INVALID_FIELD
    assert info.value.field == "kind"


@pytest.mark.parametrize("requested", [0, -1, 21, 100])
@pytest.mark.parametrize("category", [D, E])
def test_a_complex_time_limit_outside_one_to_twenty_days_is_refused(
    category: Category, requested: int
) -> None:
    with pytest.raises(WorkflowError) as info:
        time_limit(category, None, COMPLEX, requested)
    assert info.value.code is ErrorCode.INVALID_FIELD
    assert info.value.field == "timeLimitDays"


# --- deadlines ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("start", "n", "last"), VECTORS)
def test_a_deadline_is_midnight_shanghai_after_the_nth_working_day(
    start: date, n: int, last: date
) -> None:
    deadline = compute_deadline(WorkingCalendar(), at(start.year, start.month, start.day, 9), n)
    assert deadline == Deadline(
        due_at=at(last.year, last.month, last.day) + timedelta(days=1),
        last_day=last,
        estimated=False,
    )
    assert deadline.due_at.utcoffset() == timedelta(hours=8)
    assert deadline.due_at.hour == 0


def test_a_deadline_started_on_a_friday_ends_on_monday() -> None:
    deadline = compute_deadline(WorkingCalendar(), at(2023, 3, 24, 23, 59), 1)
    assert deadline.last_day == date(2023, 3, 27)
    assert deadline.due_at == at(2023, 3, 28)


def test_the_start_day_is_the_shanghai_date_whatever_the_zone_of_the_clock_start() -> None:
    # Thursday 17:00 UTC is already Friday 01:00 in Shanghai.
    deadline = compute_deadline(WorkingCalendar(), datetime(2023, 3, 23, 17, tzinfo=UTC), 1)
    assert deadline.last_day == date(2023, 3, 27)


def test_a_naive_clock_start_is_refused() -> None:
    with pytest.raises(ValueError):
        compute_deadline(WorkingCalendar(), datetime(2023, 3, 24, 9), 1)


def test_a_deadline_running_into_an_unknown_year_is_estimated_on_weekends_only() -> None:
    deadline = compute_deadline(WorkingCalendar(), at(2026, 12, 31, 10), 3)
    assert deadline.last_day == date(2027, 1, 5)
    assert deadline.due_at == at(2027, 1, 6)
    assert deadline.estimated is True


def test_an_admin_calendar_for_the_unknown_year_moves_the_deadline_and_makes_it_official() -> None:
    cal = WorkingCalendar({date(2027, 1, 1): False})
    deadline = compute_deadline(cal, at(2026, 12, 31, 10), 3)
    assert deadline.last_day == date(2027, 1, 6)
    assert deadline.estimated is False


def test_an_extension_adds_working_days_after_the_current_deadline() -> None:
    cal = WorkingCalendar()
    current = compute_deadline(cal, at(2023, 3, 24, 10), 1)
    extended = extend_deadline(cal, current.due_at, 2)
    assert extended.last_day == date(2023, 3, 29)
    assert extended.due_at == at(2023, 3, 30)
    assert extended.estimated is False


def test_an_extension_skips_holidays_like_the_original_deadline() -> None:
    extended = extend_deadline(WorkingCalendar(), at(2023, 9, 29), 1)  # last day 2023-09-28
    assert extended.last_day == date(2023, 10, 7)


# --- working seconds ---------------------------------------------------------------------------


def test_working_seconds_skip_the_weekend() -> None:
    cal = WorkingCalendar()
    assert working_seconds_between(cal, at(2023, 3, 24, 12), at(2023, 3, 27, 12)) == DAY


def test_working_seconds_skip_a_holiday_and_count_an_adjusted_working_saturday() -> None:
    cal = WorkingCalendar()
    assert working_seconds_between(cal, at(2023, 9, 28, 12), at(2023, 10, 7, 12)) == DAY


def test_working_seconds_within_one_day_are_the_plain_difference() -> None:
    cal = WorkingCalendar()
    assert working_seconds_between(cal, at(2023, 3, 6, 9), at(2023, 3, 6, 17, 30)) == 8.5 * HOUR


def test_working_seconds_are_zero_for_an_empty_or_reversed_interval() -> None:
    cal = WorkingCalendar()
    assert working_seconds_between(cal, at(2023, 3, 6, 9), at(2023, 3, 6, 9)) == 0
    assert working_seconds_between(cal, at(2023, 3, 7), at(2023, 3, 6)) == 0


def test_working_seconds_accept_instants_in_any_zone() -> None:
    cal = WorkingCalendar()
    # Saturday 2023-03-25 00:00 Shanghai is Friday 16:00 UTC: the working Friday ends there.
    start = datetime(2023, 3, 24, 4, tzinfo=UTC)  # Friday 12:00 Shanghai
    assert working_seconds_between(cal, start, datetime(2023, 3, 24, 20, tzinfo=UTC)) == 12 * HOUR


def test_working_seconds_over_a_long_span_count_whole_working_days() -> None:
    cal = WorkingCalendar()
    seconds = working_seconds_between(cal, at(2023, 1, 1), at(2024, 1, 1))
    assert seconds == cal.working_days_between(date(2022, 12, 31), date(2023, 12, 31)) * DAY


# --- lights ------------------------------------------------------------------------------------

# Monday 2023-03-06 00:00, 3 working days -> due Friday 2023-03-10 00:00: 4 working days allotted.
START = at(2023, 3, 6)
DUE = at(2023, 3, 10)


def test_the_light_fixture_allots_four_working_days() -> None:
    cal = WorkingCalendar()
    assert compute_deadline(cal, START, 3).due_at == DUE
    assert working_seconds_between(cal, START, DUE) == 4 * DAY


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (START, Light.BLUE),
        (at(2023, 3, 8, 15, 59, 59), Light.BLUE),  # one second more than 1/3 left
        (at(2023, 3, 8, 16), Light.YELLOW),  # exactly 1/3 left (32 of 96 hours)
        (at(2023, 3, 8, 16, 0, 1), Light.YELLOW),
        (at(2023, 3, 9, 23, 59, 59), Light.YELLOW),
        (DUE, Light.RED),
        (DUE + timedelta(seconds=1), Light.RED),
        (at(2023, 3, 20), Light.RED),
    ],
)
def test_the_light_turns_yellow_at_one_third_left_and_red_at_the_deadline(
    now: datetime, expected: Light
) -> None:
    assert light(WorkingCalendar(), START, DUE, now) == expected


def test_a_weekend_does_not_use_up_the_allotted_time() -> None:
    cal = WorkingCalendar()
    # Friday 2023-03-24 00:00, 2 working days -> due Wednesday 00:00: Fri, Mon, Tue allotted.
    start = at(2023, 3, 24)
    due = compute_deadline(cal, start, 2).due_at
    assert due == at(2023, 3, 29)
    # Sunday evening: Mon and Tue still ahead, 2/3 left.
    assert light(cal, start, due, at(2023, 3, 26, 22)) == Light.BLUE
    # Tuesday 00:00: exactly 1/3 left.
    assert light(cal, start, due, at(2023, 3, 28)) == Light.YELLOW


def test_the_yellow_threshold_is_a_setting() -> None:
    now = at(2023, 3, 8)  # half of the allotted time left
    assert light(WorkingCalendar(), START, DUE, now, yellow_at=0.4) == Light.BLUE
    assert light(WorkingCalendar(), START, DUE, now, yellow_at=0.5) == Light.YELLOW


def test_a_deadline_with_no_working_time_allotted_is_yellow_until_it_passes() -> None:
    cal = WorkingCalendar()
    start, due = at(2023, 3, 25), at(2023, 3, 26, 12)  # Saturday to Sunday noon
    assert light(cal, start, due, at(2023, 3, 25, 12)) == Light.YELLOW
    assert light(cal, start, due, due) == Light.RED


def test_a_petition_is_overdue_from_the_deadline_instant_on() -> None:
    assert not is_overdue(DUE, DUE - timedelta(microseconds=1))
    assert is_overdue(DUE, DUE)
    assert is_overdue(DUE, datetime(2023, 3, 9, 16, tzinfo=UTC))  # same instant in UTC


def test_remaining_time_is_told_in_working_days() -> None:
    from workflow.deadlines import remaining_in_words

    cal = WorkingCalendar()
    # Dispatched Fri 2023-03-24 with 2 working days: due 24:00 Tue 2023-03-28.
    due = compute_deadline(cal, datetime(2023, 3, 24, 10, tzinfo=TZ), 2).due_at
    assert remaining_in_words(cal, due, datetime(2023, 3, 24, 11, tzinfo=TZ)) == "剩余 2 个工作日"
    # The weekend does not count down.
    assert remaining_in_words(cal, due, datetime(2023, 3, 26, 9, tzinfo=TZ)) == "剩余 2 个工作日"
    assert remaining_in_words(cal, due, datetime(2023, 3, 27, 9, tzinfo=TZ)) == "剩余 1 个工作日"
    assert remaining_in_words(cal, due, datetime(2023, 3, 28, 23, 59, tzinfo=TZ)) == "今日到期"
    midnight = datetime(2023, 3, 29, 0, 0, tzinfo=TZ)
    assert remaining_in_words(cal, due, midnight) == "已超期 1 个工作日"
    assert remaining_in_words(cal, due, datetime(2023, 4, 3, 9, tzinfo=TZ)) == "已超期 4 个工作日"
    # Due at the end of a Friday: on the Saturday it is late, by no working day yet.
    friday = compute_deadline(cal, datetime(2023, 3, 23, 10, tzinfo=TZ), 1).due_at
    assert remaining_in_words(cal, friday, datetime(2023, 3, 25, 9, tzinfo=TZ)) == "已超期"


def test_a_wait_in_the_inbox_is_told_in_minutes_hours_or_days() -> None:
    from workflow.deadlines import waited_in_words

    t = datetime(2023, 3, 24, 10, tzinfo=TZ)
    assert waited_in_words(t, t + timedelta(minutes=5)) == "已等待 5 分钟"
    assert waited_in_words(t, t + timedelta(hours=3, minutes=59)) == "已等待 3 小时"
    assert waited_in_words(t, t + timedelta(days=2, hours=1)) == "已等待 2 天"


def test_the_overdue_cutoff_agrees_with_the_days_overdue_shown_beside_the_light() -> None:
    import re

    from workflow.deadlines import overdue_cutoff, remaining_in_words

    cal = WorkingCalendar()
    now = datetime(2023, 10, 9, 10, 0, tzinfo=TZ)  # the Monday after the National Day week
    seen = set()
    for hours_back in range(0, 24 * 40, 7):
        due = now - timedelta(hours=hours_back)
        words = remaining_in_words(cal, due, now)
        late = re.search(r"已超期 (\d+)", words)
        days_late = int(late.group(1)) if late else 0
        seen.add(days_late)
        for n in (1, 2, 3, 5, 10):
            assert (due <= overdue_cutoff(cal, now, n)) == (days_late >= n), (due, words, n)
    assert {0, 1, 2, 5, 10} <= seen


@pytest.mark.parametrize("days", [0, -1, 367])
def test_an_overdue_cutoff_outside_one_to_a_year_of_working_days_is_refused(days: int) -> None:
    from workflow.deadlines import overdue_cutoff

    with pytest.raises(ValueError):
        overdue_cutoff(WorkingCalendar(), datetime(2023, 5, 1, tzinfo=TZ), days)
