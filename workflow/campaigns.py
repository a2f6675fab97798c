"""Rules of the yearly campaign (攻坚行动): who maintains it, how far a task should be by a
given day, whether it is behind, and which problems make next year's candidate list."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from workflow.actors import Actor
from workflow.enums import Role, UnitKind
from workflow.errors import invalid

# Below this many petitions in the earlier period a growth rate says nothing and is not ranked.
GROWTH_MIN_BASE = 5

# The years a campaign can have: the city's campaigns began in 2021.
CAMPAIGN_YEARS = range(2021, 2100)


def may_manage_campaign(actor: Actor) -> bool:
    """The campaign is the city government's programme: only the city platform's admins and
    supervisors maintain it (districts and departments report through them)."""
    return (
        not actor.is_machine
        and actor.unit.kind is UnitKind.CITY_PLATFORM
        and bool(actor.roles & {Role.ADMIN, Role.SUPERVISOR})
    )


def may_see_candidates(actor: Actor) -> bool:
    """The candidate list is drawn from all districts' petitions: city-level staff only."""
    return not actor.is_machine and actor.unit.district_id is None and bool(actor.roles)


def check_percent(value: int, field: str) -> int:
    if not 0 <= value <= 100:
        raise invalid(field, "进度应在 0 到 100 之间")
    return value


@dataclass(frozen=True)
class PlannedStep:
    due_on: date
    planned_percent: int


def planned_percent(steps: Iterable[PlannedStep], today: date) -> int:
    """How far the plan says the task should be today: the highest share among the steps
    already due (0 before the first one)."""
    return max((s.planned_percent for s in steps if s.due_on <= today), default=0)


class TaskStatus(StrEnum):
    NOT_STARTED = "NOT_STARTED"
    ON_TRACK = "ON_TRACK"
    BEHIND = "BEHIND"
    DONE = "DONE"


STATUS_LABELS: dict[TaskStatus, str] = {
    TaskStatus.NOT_STARTED: "未开始",
    TaskStatus.ON_TRACK: "按计划推进",
    TaskStatus.BEHIND: "滞后于计划",
    TaskStatus.DONE: "已完成",
}


def task_status(planned: int, actual: int | None) -> TaskStatus:
    if actual is not None and actual >= 100:
        return TaskStatus.DONE
    if actual is None or actual == 0:
        return TaskStatus.BEHIND if planned > 0 else TaskStatus.NOT_STARTED
    return TaskStatus.BEHIND if actual < planned else TaskStatus.ON_TRACK


@dataclass(frozen=True)
class TopicVolume:
    topic_id: int
    recent: int  # petitions in the past year
    earlier: int  # petitions in the year before


@dataclass(frozen=True)
class Candidate:
    topic_id: int
    recent: int
    earlier: int
    growth: float | None  # recent / earlier - 1; None when the earlier base is too small
    volume_rank: int
    growth_rank: int | None
    score: float


def growth_of(v: TopicVolume) -> float | None:
    if v.earlier < GROWTH_MIN_BASE:
        return None
    return v.recent / v.earlier - 1


def rank_candidates(volumes: Sequence[TopicVolume], limit: int = 20) -> list[Candidate]:
    """变民声大数据为民生大数据: rank problems both by how often they were reported in the past
    year and by how fast they grew; a problem scores the better of its two ranks, the other
    breaking ties, so a small but fast-rising problem is not drowned by the perennial ones."""
    live = [v for v in volumes if v.recent > 0]
    by_volume = sorted(live, key=lambda v: (-v.recent, v.topic_id))
    volume_rank = {v.topic_id: i + 1 for i, v in enumerate(by_volume)}
    growing = [v for v in live if (growth_of(v) or 0) > 0]
    by_growth = sorted(growing, key=lambda v: (-(growth_of(v) or 0), -v.recent, v.topic_id))
    growth_rank = {v.topic_id: i + 1 for i, v in enumerate(by_growth)}
    out: list[Candidate] = []
    for v in live:
        vr = volume_rank[v.topic_id]
        gr = growth_rank.get(v.topic_id)
        best, other = (min(vr, gr), max(vr, gr)) if gr else (vr, len(live) + 1)
        out.append(
            Candidate(
                topic_id=v.topic_id,
                recent=v.recent,
                earlier=v.earlier,
                growth=growth_of(v),
                volume_rank=vr,
                growth_rank=gr,
                score=best + other / (len(live) + 2),
            )
        )
    out.sort(key=lambda c: (c.score, c.topic_id))
    return out[:limit]
