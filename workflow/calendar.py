"""The mainland-China working-day calendar behind every deadline (DOMAIN §4).

Pure: no I/O and no clock. The `chinese_calendar` package knows the official calendar only for
the years it ships (2004–2026 in 1.11.0) and raises for the rest; the system must keep working
after that, so admins can enter official day overrides, and years with neither fall back to
weekends-only and are reported as *estimated* so the command centre can warn.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

import chinese_calendar

# Safety bound for the forward walk: 100 working days never need more than 400 calendar days,
# even across the Spring Festival. Anything beyond means the calendar data is broken.
_CALENDAR_DAYS_PER_100_WORKING_DAYS = 400
_EMPTY: Mapping[date, bool] = {}


class WorkingCalendar:
    """Answers "is this a working day?" with admin overrides first, then the official package,
    then weekends-only. Lookups are cached per instance because deadline and light computation
    over long lists asks about the same days again and again, and the package is slow (~30 µs
    per call)."""

    def __init__(self, overrides: Mapping[date, bool] = _EMPTY) -> None:
        self._overrides: dict[date, bool] = {_as_date(d): bool(v) for d, v in overrides.items()}
        self._override_years: frozenset[int] = frozenset(d.year for d in self._overrides)
        self._days: dict[date, bool] = {}
        self._package_years: dict[int, bool] = {}

    def is_working_day(self, d: date) -> bool:
        d = _as_date(d)
        cached = self._days.get(d)
        if cached is not None:
            return cached
        result = self._overrides.get(d)
        if result is None:
            result = self._package_answer(d)
        self._days[d] = result
        return result

    def is_official_year(self, year: int) -> bool:
        """A year is official when someone authoritative said which days are off: the package
        or an admin. Otherwise its days are guesses and deadlines in it are flagged."""
        return year in self._override_years or self._package_knows(year)

    def add_working_days(self, start: date, n: int) -> date:
        """The n-th working day strictly after `start`: the start day itself never counts,
        because the clock starts partway through it."""
        if n < 1:
            raise ValueError(f"n must be at least 1, got {n}")
        limit = _CALENDAR_DAYS_PER_100_WORKING_DAYS * ((n + 99) // 100)
        d = _as_date(start)
        found = 0
        for _ in range(limit):
            d += timedelta(days=1)
            if self.is_working_day(d):
                found += 1
                if found == n:
                    return d
        raise ValueError(f"no {n} working days within {limit} calendar days after {start}")

    def working_days_between(self, a: date, b: date) -> int:
        """Working days d with a < d <= b: the same convention as `add_working_days`, so that
        `working_days_between(s, add_working_days(s, n)) == n`."""
        a, b = _as_date(a), _as_date(b)
        count = 0
        d = a + timedelta(days=1)
        while d <= b:
            if self.is_working_day(d):
                count += 1
            d += timedelta(days=1)
        return count

    def estimated_years(self, start: date, end: date) -> list[int]:
        """Years touched by [start, end] whose working days are guessed; non-empty means the
        deadline may move once the official calendar is published."""
        return [y for y in range(start.year, end.year + 1) if not self.is_official_year(y)]

    def _package_knows(self, year: int) -> bool:
        known = self._package_years.get(year)
        if known is None:
            try:
                chinese_calendar.is_workday(date(year, 6, 1))
                known = True
            except NotImplementedError:
                known = False
            self._package_years[year] = known
        return known

    def _package_answer(self, d: date) -> bool:
        if self._package_knows(d.year):
            return bool(chinese_calendar.is_workday(d))
        return d.weekday() < 5


def _as_date(d: date) -> date:
    """A datetime is a date too, but would miss the cache and overrides keyed by plain dates."""
    return d if type(d) is date else date(d.year, d.month, d.day)
