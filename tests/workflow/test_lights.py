"""The stored yellow instant gives the same light as computing the share from scratch."""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from workflow.calendar import WorkingCalendar
from workflow.deadlines import TZ, compute_deadline, light
from workflow.enums import Light, State
from workflow.lights import light_of, yellow_instant


def test_the_stored_yellow_instant_agrees_with_the_share_of_working_time_left() -> None:
    cal = WorkingCalendar()
    rng = random.Random(20231001)
    disagreements = []
    for _ in range(1500):
        start = datetime(2023, 1, 1, tzinfo=TZ) + timedelta(
            days=rng.randrange(0, 700), seconds=rng.choice([0, rng.randrange(0, 86400)])
        )
        due = compute_deadline(cal, start, rng.choice([1, 2, 5, 10, 20])).due_at
        yellow = yellow_instant(cal, start, due, 1 / 3)
        probes = [yellow, yellow - timedelta(microseconds=1), yellow + timedelta(seconds=1)]
        probes += [start + (due - start) * rng.random() for _ in range(3)]
        for now in probes:
            if now < start:
                continue
            if light(cal, start, due, now) != light_of(State.HANDLING, due, yellow, now):
                disagreements.append((start, due, now))
    assert disagreements == []


def test_no_light_shows_while_no_handling_clock_runs() -> None:
    now = datetime(2023, 3, 24, 10, tzinfo=TZ)
    assert light_of(State.TRIAGE, now + timedelta(days=1), now, now) is None
    assert light_of(State.AWAITING_EVALUATION, now, now, now) is None
    assert light_of(State.HANDLING, now, None, now) is Light.RED
