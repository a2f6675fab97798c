"""Rates and the acceptance window, as pure rules."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from workflow.calendar import WorkingCalendar
from workflow.deadlines import TZ
from workflow.enums import Action, State
from workflow.measures import Fact, Measures, Rate, accepted_in_time, event_facts


def test_a_rate_has_two_decimals_rounded_half_up_and_a_dash_on_an_empty_base() -> None:
    assert Rate(1, 3).display == "33.33%"
    assert Rate(2, 3).display == "66.67%"
    assert Rate(1809, 2000).percent == Decimal("90.45")
    assert Rate(1, 8).display == "12.50%"  # 12.5 exactly
    assert Rate(1, 800).display == "0.13%"  # 0.125 rounds half up
    assert Rate(0, 0).display == "—" and Rate(0, 0).percent is None
    assert Rate(0, 5).display == "0.00%"


def test_measures_read_missing_counters_as_zero() -> None:
    m = Measures({"evaluations": 4, "resolved": 3})
    assert m.resolution_rate.display == "75.00%"
    assert m.satisfaction_rate.display == "0.00%"
    assert m.response_rate.display == "—"


@pytest.mark.parametrize(
    ("assigned", "accepted", "expected"),
    [
        # Friday: the next working day is Monday, so Monday 23:59 is still in time.
        (datetime(2023, 3, 24, 10, tzinfo=TZ), datetime(2023, 3, 27, 23, 59, tzinfo=TZ), True),
        (datetime(2023, 3, 24, 10, tzinfo=TZ), datetime(2023, 3, 28, 0, 0, tzinfo=TZ), False),
        # Before the National Day holiday: the next working day is 7 October (adjusted).
        (datetime(2023, 9, 28, 16, tzinfo=TZ), datetime(2023, 10, 7, 9, tzinfo=TZ), True),
        (datetime(2023, 9, 28, 16, tzinfo=TZ), datetime(2023, 10, 8, 9, tzinfo=TZ), False),
    ],
)
def test_acceptance_in_time_counts_working_days_across_weekends_and_holidays(
    assigned: datetime, accepted: datetime, expected: bool
) -> None:
    assert accepted_in_time(WorkingCalendar({}), assigned, accepted, 1) is expected


def test_an_evaluation_that_opens_a_second_round_is_counted_as_such() -> None:
    at = datetime(2023, 3, 24, 10, tzinfo=TZ)
    payload = {"satisfaction": "UNSATISFIED", "resolution": "RESOLVED", "round": 1, "unitId": 7}
    facts = event_facts(Action.EVALUATE, State.AWAITING_EVALUATION, State.TRIAGE, payload, at)
    assert {f.counter for f in facts} == {
        "evaluations",
        "resolved",
        "first_evaluations",
        "second_rounds",
    }
    assert all(f.unit_id == 7 for f in facts)


def test_a_late_acceptance_moves_nothing_and_a_timely_one_counts_on_the_assignment_day() -> None:
    at = datetime(2023, 3, 27, 10, tzinfo=TZ)
    assigned = "2023-03-24T10:00:00+08:00"
    late = {"unitId": 3, "assignedAt": assigned, "acceptedInTime": False}
    assert event_facts(Action.ACCEPT, State.ASSIGNED, State.HANDLING, late, at) == []
    timely = {**late, "acceptedInTime": True}
    assert event_facts(Action.ACCEPT, State.ASSIGNED, State.HANDLING, timely, at) == [
        Fact(datetime.fromisoformat(assigned), "accepted_in_time", 3)
    ]
