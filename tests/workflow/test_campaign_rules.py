"""The campaign's rules: the plan on a given day, the status, and the candidate ranking."""

from __future__ import annotations

from datetime import date

import pytest

from workflow.actors import Actor, UnitRef
from workflow.campaigns import (
    PlannedStep,
    TaskStatus,
    TopicVolume,
    may_manage_campaign,
    may_see_candidates,
    planned_percent,
    rank_candidates,
    task_status,
)
from workflow.enums import Role, UnitKind

STEPS = [PlannedStep(date(2023, 4, 30), 20), PlannedStep(date(2023, 7, 31), 60)]


@pytest.mark.parametrize(
    ("today", "expected"),
    [(date(2023, 4, 29), 0), (date(2023, 4, 30), 20), (date(2023, 8, 1), 60)],
)
def test_the_plan_counts_only_the_steps_already_due(today: date, expected: int) -> None:
    assert planned_percent(STEPS, today) == expected


@pytest.mark.parametrize(
    ("planned", "actual", "status"),
    [
        (0, None, TaskStatus.NOT_STARTED),
        (20, None, TaskStatus.BEHIND),
        (20, 10, TaskStatus.BEHIND),
        (20, 20, TaskStatus.ON_TRACK),
        (20, 100, TaskStatus.DONE),
    ],
)
def test_a_task_is_behind_when_its_reported_progress_is_below_the_plan(
    planned: int, actual: int | None, status: TaskStatus
) -> None:
    assert task_status(planned, actual) is status


def _actor(kind: UnitKind, role: Role, district_id: int | None = None) -> Actor:
    return Actor(unit=UnitRef(1, kind, district_id), roles=frozenset({role}), user_id=1)


def test_only_the_city_platforms_admins_and_supervisors_maintain_the_campaign() -> None:
    assert may_manage_campaign(_actor(UnitKind.CITY_PLATFORM, Role.ADMIN))
    assert may_manage_campaign(_actor(UnitKind.CITY_PLATFORM, Role.SUPERVISOR))
    assert not may_manage_campaign(_actor(UnitKind.CITY_PLATFORM, Role.DISPATCHER))
    assert not may_manage_campaign(_actor(UnitKind.DISTRICT_PLATFORM, Role.ADMIN, 5))
    assert not may_manage_campaign(_actor(UnitKind.CITY_DEPARTMENT, Role.HEAD))


def test_the_candidate_list_is_for_city_level_staff_only() -> None:
    assert may_see_candidates(_actor(UnitKind.CITY_PLATFORM, Role.DISPATCHER))
    assert not may_see_candidates(_actor(UnitKind.DISTRICT_PLATFORM, Role.ADMIN, 5))


def test_candidates_rank_by_the_better_of_volume_and_growth() -> None:
    volumes = [
        TopicVolume(1, recent=500, earlier=480),  # perennial, biggest
        TopicVolume(2, recent=300, earlier=310),  # big, shrinking
        TopicVolume(3, recent=60, earlier=10),  # small, fastest growing (+500 %)
        TopicVolume(4, recent=40, earlier=2),  # base too small for a growth rate
        TopicVolume(5, recent=0, earlier=90),  # gone: not a candidate
    ]
    ranked = rank_candidates(volumes)
    assert [c.topic_id for c in ranked] == [1, 3, 2, 4]
    fast = ranked[1]
    assert (fast.volume_rank, fast.growth_rank, fast.growth) == (3, 1, 5.0)
    assert ranked[3].growth is None and ranked[3].growth_rank is None
