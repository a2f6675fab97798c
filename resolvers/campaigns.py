"""The campaign as the public reads it (公开攻坚项目、责任体系、计划进度、阶段成果).

Everything returned here is meant for anyone, signed in or not: units, plans, progress and
petition *counts*, never a petition, a petitioner or the staff member who typed a report.
Writes are in resolvers/campaign_edits.py.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from tortoise.expressions import Q

from models import (
    Campaign,
    CampaignArea,
    CampaignMilestone,
    CampaignProgress,
    CampaignTask,
    CampaignTaskTopic,
    CampaignTaskUnit,
    Topic,
    Unit,
)
from resolvers.volumes import Granularity, add_months, buckets, counts
from workflow.campaigns import CAMPAIGN_YEARS, PlannedStep, TaskStatus, planned_percent, task_status
from workflow.errors import not_found


@dataclass(frozen=True)
class CampaignSummary:
    year: int
    title: str
    areas: int
    tasks: int


@dataclass(frozen=True)
class ResponsibleUnit:
    unit_id: int
    name: str
    lead: bool


@dataclass(frozen=True)
class Milestone:
    id: int
    title: str
    due_on: date
    planned_percent: int
    done_on: date | None


@dataclass(frozen=True)
class ProgressReport:
    reported_on: date
    percent: int
    note: str


@dataclass(frozen=True)
class MonthVolume:
    month: date
    petitions: int


@dataclass
class TaskReport:
    id: int
    title: str
    area: str
    goal: str
    results: str
    units: list[ResponsibleUnit] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    topic_ids: list[int] = field(default_factory=list)
    milestones: list[Milestone] = field(default_factory=list)
    progress: list[ProgressReport] = field(default_factory=list)  # newest first
    planned: int = 0
    actual: int | None = None
    status: TaskStatus = TaskStatus.NOT_STARTED
    trend: list[MonthVolume] = field(default_factory=list)


@dataclass
class AreaReport:
    name: str
    tasks: list[TaskReport]


@dataclass
class CampaignReport:
    id: int
    year: int
    title: str
    summary: str
    areas: list[AreaReport]

    @property
    def tasks(self) -> list[TaskReport]:
        return [t for a in self.areas for t in a.tasks]


async def list_campaigns() -> list[CampaignSummary]:
    campaigns = await Campaign.all().order_by("-year")
    areas: dict[int, int] = defaultdict(int)
    for a in await CampaignArea.all().values("campaign_id"):
        areas[a["campaign_id"]] += 1
    tasks: dict[int, int] = defaultdict(int)
    for t in await CampaignTask.all().values("campaign_id"):
        tasks[t["campaign_id"]] += 1
    return [CampaignSummary(c.year, c.title, areas[c.id], tasks[c.id]) for c in campaigns]


def trend_window(year: int, today: date) -> tuple[date, date]:
    """The year before the campaign (its baseline) and the campaign year up to this month."""
    start = date(year - 1, 1, 1)
    end = min(date(year + 1, 1, 1), add_months(today.replace(day=1), 1))
    return start, max(end, start)


async def campaign_report(year: int, today: date, with_trend: bool = True) -> CampaignReport:
    campaign = await Campaign.get_or_none(year=year) if year in CAMPAIGN_YEARS else None
    if campaign is None:
        raise not_found("攻坚行动")
    areas = await CampaignArea.filter(campaign_id=campaign.id).order_by("position", "id")
    tasks = await CampaignTask.filter(campaign_id=campaign.id).order_by("position", "id")
    task_ids = [t.id for t in tasks]
    unit_links = await CampaignTaskUnit.filter(task_id__in=task_ids).order_by("-lead", "id")
    topic_links = await CampaignTaskTopic.filter(task_id__in=task_ids).order_by("id")
    milestones = await CampaignMilestone.filter(task_id__in=task_ids).order_by("due_on", "id")
    progress = await CampaignProgress.filter(task_id__in=task_ids).order_by("-reported_on", "-id")
    unit_names = {
        u["id"]: u["name"]
        for u in await Unit.filter(id__in={link.unit_id for link in unit_links}).values(
            "id", "name"
        )
    }
    topics = {t.id: t for t in await Topic.all()}

    reports: dict[int, TaskReport] = {}
    area_names = {a.id: a.name for a in areas}
    for t in tasks:
        reports[t.id] = TaskReport(
            id=t.id, title=t.title, area=area_names[t.area_id], goal=t.goal, results=t.results
        )
    for link in unit_links:
        reports[link.task_id].units.append(
            ResponsibleUnit(link.unit_id, unit_names.get(link.unit_id, ""), link.lead)
        )
    for tl in topic_links:
        reports[tl.task_id].topics.append(topics[tl.topic_id].name)
        reports[tl.task_id].topic_ids.append(tl.topic_id)
    for m in milestones:
        reports[m.task_id].milestones.append(
            Milestone(m.id, m.title, m.due_on, m.planned_percent, m.done_on)
        )
    for p in progress:
        reports[p.task_id].progress.append(ProgressReport(p.reported_on, p.percent, p.note))
    for r in reports.values():
        r.planned = planned_percent(
            (PlannedStep(m.due_on, m.planned_percent) for m in r.milestones), today
        )
        current = [p for p in r.progress if p.reported_on <= today]
        r.actual = current[0].percent if current else None
        r.status = task_status(r.planned, r.actual)
    if with_trend:
        await _fill_trends(list(reports.values()), topics, year, today)
    return CampaignReport(
        id=campaign.id,
        year=campaign.year,
        title=campaign.title,
        summary=campaign.summary,
        areas=[
            AreaReport(a.name, [reports[t.id] for t in tasks if t.area_id == a.id]) for a in areas
        ],
    )


def _with_children(topic_ids: list[int], topics: dict[int, Topic]) -> set[int]:
    """A first-level topic stands for all its second-level ones."""
    wanted = set(topic_ids)
    return wanted | {t.id for t in topics.values() if t.parent_id in wanted}


async def _fill_trends(
    reports: list[TaskReport], topics: dict[int, Topic], year: int, today: date
) -> None:
    """One GROUP BY (month, topic) for the whole page, then summed per task."""
    start, end = trend_window(year, today)
    per_task = {r.id: _with_children(r.topic_ids, topics) for r in reports}
    every = set().union(*per_task.values()) if per_task else set()
    months = buckets(start, end, Granularity.MONTH)
    by_month_topic: dict[tuple[date, int], int] = {}
    if every and months:
        for row in await counts(
            start, end, Granularity.MONTH, by=("topic_id",), where=Q(topic_id__in=every)
        ):
            by_month_topic[(row["bucket"], row["topic_id"])] = row["n"]
    for r in reports:
        r.trend = [
            MonthVolume(m, sum(by_month_topic.get((m, t), 0) for t in per_task[r.id]))
            for m in months
        ]
