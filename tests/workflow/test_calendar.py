from __future__ import annotations

from datetime import date, datetime

import pytest

from workflow.calendar import WorkingCalendar

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


@pytest.mark.parametrize(("start", "n", "last"), VECTORS)
def test_the_nth_working_day_after_a_start_day_matches_the_domain_vectors(
    start: date, n: int, last: date
) -> None:
    assert WorkingCalendar().add_working_days(start, n) == last


@pytest.mark.parametrize(("start", "n", "last"), VECTORS)
def test_counting_working_days_up_to_the_result_gives_back_n(
    start: date, n: int, last: date
) -> None:
    assert WorkingCalendar().working_days_between(start, last) == n


def test_an_adjusted_working_sunday_is_a_working_day_and_a_holiday_weekday_is_not() -> None:
    cal = WorkingCalendar()
    assert cal.is_working_day(date(2023, 4, 23))  # Sunday, 调休
    assert not cal.is_working_day(date(2023, 5, 1))  # Monday, Labour Day


def test_an_override_wins_over_the_official_calendar() -> None:
    cal = WorkingCalendar({date(2023, 3, 27): False, date(2023, 3, 25): True})
    assert not cal.is_working_day(date(2023, 3, 27))
    assert cal.is_working_day(date(2023, 3, 25))


def test_a_day_marked_off_by_an_admin_pushes_the_deadline_one_working_day_later() -> None:
    cal = WorkingCalendar({date(2023, 3, 27): False})
    assert cal.add_working_days(date(2023, 3, 24), 1) == date(2023, 3, 28)


def test_a_year_the_package_does_not_know_falls_back_to_weekends_only() -> None:
    cal = WorkingCalendar()
    assert cal.is_working_day(date(2027, 1, 1))  # Friday; really a holiday, but unknown
    assert not cal.is_working_day(date(2027, 1, 2))  # Saturday
    assert cal.add_working_days(date(2026, 12, 31), 3) == date(2027, 1, 5)


def test_years_known_to_the_package_are_official_and_later_ones_are_estimated() -> None:
    cal = WorkingCalendar()
    assert cal.is_official_year(2004)
    assert cal.is_official_year(2026)
    assert not cal.is_official_year(2027)
    assert not cal.is_official_year(2003)
    assert cal.estimated_years(date(2026, 12, 1), date(2028, 1, 3)) == [2027, 2028]
    assert cal.estimated_years(date(2023, 1, 1), date(2024, 12, 31)) == []


def test_a_single_admin_override_makes_its_year_official() -> None:
    cal = WorkingCalendar({date(2027, 1, 1): False})
    assert cal.is_official_year(2027)
    assert not cal.is_official_year(2028)
    assert cal.add_working_days(date(2026, 12, 31), 3) == date(2027, 1, 6)


def test_asking_for_fewer_than_one_working_day_is_refused() -> None:
    with pytest.raises(ValueError):
        WorkingCalendar().add_working_days(date(2023, 3, 24), 0)


def test_a_calendar_without_working_days_gives_up_instead_of_looping_forever() -> None:
    start = date(2030, 1, 1)
    every_day_off = {date.fromordinal(start.toordinal() + i): False for i in range(1, 500)}
    with pytest.raises(ValueError):
        WorkingCalendar(every_day_off).add_working_days(start, 1)


def test_working_days_between_excludes_the_first_day_and_includes_the_last() -> None:
    cal = WorkingCalendar()
    assert cal.working_days_between(date(2023, 3, 6), date(2023, 3, 10)) == 4
    assert cal.working_days_between(date(2023, 3, 10), date(2023, 3, 13)) == 1
    assert cal.working_days_between(date(2023, 3, 10), date(2023, 3, 10)) == 0
    assert cal.working_days_between(date(2023, 3, 13), date(2023, 3, 6)) == 0


def test_a_datetime_is_treated_as_its_date_for_lookups_and_overrides() -> None:
    cal = WorkingCalendar({datetime(2023, 3, 27, 9): False})
    assert not cal.is_working_day(date(2023, 3, 27))
    assert cal.is_working_day(datetime(2023, 3, 28, 15))
