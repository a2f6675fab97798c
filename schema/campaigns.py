"""The campaign (攻坚行动) in GraphQL: public reads for anyone, upkeep for the city's staff,
and next year's candidate list for city-level staff."""

from __future__ import annotations

from datetime import date

import strawberry

from resolvers import campaign_edits
from resolvers.campaign_candidates import CandidateRow, campaign_candidates
from resolvers.campaigns import TaskReport, campaign_report, list_campaigns
from resolvers.reads import require_actor
from schema.errors import result
from schema.ids import row_id
from schema.types import Ctx
from workflow.campaigns import TaskStatus
from workflow.deadlines import TZ
from workflow.errors import WorkflowError, invalid

strawberry.enum(TaskStatus, name="CampaignTaskStatus", description="Actual progress vs the plan.")


def parse_day(value: str, field: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise invalid(field, "日期格式应为 YYYY-MM-DD") from None


@strawberry.type
class CampaignSummary:
    year: int
    title: str
    areas: int
    tasks: int


@strawberry.type
class ResponsibleUnit:
    unit_id: strawberry.ID
    name: str
    lead: bool


@strawberry.type
class CampaignMilestone:
    id: strawberry.ID
    title: str
    due_on: date
    planned_percent: int
    done_on: date | None


@strawberry.type
class CampaignProgress:
    reported_on: date
    percent: int
    note: str


@strawberry.type(description="Petitions of the task's topics created in one month (Shanghai).")
class MonthVolume:
    month: date
    petitions: int


@strawberry.type
class CampaignTask:
    id: strawberry.ID
    title: str
    area: str
    goal: str
    results: str
    responsible_units: list[ResponsibleUnit]
    topics: list[str]
    milestones: list[CampaignMilestone]
    progress: list[CampaignProgress] = strawberry.field(description="Newest first.")
    planned_percent: int
    actual_percent: int | None
    status: TaskStatus
    trend: list[MonthVolume] = strawberry.field(
        description="The year before the campaign and the campaign year up to this month."
    )


@strawberry.type
class CampaignArea:
    name: str
    tasks: list[CampaignTask]


@strawberry.type
class Campaign:
    year: int
    title: str
    summary: str
    areas: list[CampaignArea]


@strawberry.type
class CampaignCandidate:
    rank: int
    topic_id: strawberry.ID
    topic: str
    area: str
    petitions_past_year: int
    petitions_year_before: int
    growth: float | None = strawberry.field(description="Past year / year before − 1.")
    volume_rank: int
    growth_rank: int | None
    in_current_campaign: bool


def _task(t: TaskReport) -> CampaignTask:
    return CampaignTask(
        id=strawberry.ID(str(t.id)),
        title=t.title,
        area=t.area,
        goal=t.goal,
        results=t.results,
        responsible_units=[
            ResponsibleUnit(unit_id=strawberry.ID(str(u.unit_id)), name=u.name, lead=u.lead)
            for u in t.units
        ],
        topics=t.topics,
        milestones=[
            CampaignMilestone(
                id=strawberry.ID(str(m.id)),
                title=m.title,
                due_on=m.due_on,
                planned_percent=m.planned_percent,
                done_on=m.done_on,
            )
            for m in t.milestones
        ],
        progress=[
            CampaignProgress(reported_on=p.reported_on, percent=p.percent, note=p.note)
            for p in t.progress
        ],
        planned_percent=t.planned,
        actual_percent=t.actual,
        status=t.status,
        trend=[MonthVolume(month=v.month, petitions=v.petitions) for v in t.trend],
    )


def _candidate(c: CandidateRow) -> CampaignCandidate:
    return CampaignCandidate(
        rank=c.rank,
        topic_id=strawberry.ID(str(c.topic_id)),
        topic=c.topic,
        area=c.area,
        petitions_past_year=c.recent,
        petitions_year_before=c.earlier,
        growth=c.growth,
        volume_rank=c.volume_rank,
        growth_rank=c.growth_rank,
        in_current_campaign=c.in_campaign,
    )


def _today(info: Ctx) -> date:
    return info.context.now.astimezone(TZ).date()


@strawberry.type
class CampaignQuery:
    @strawberry.field(description="Every yearly campaign, newest first. Public.")
    async def campaigns(self) -> list[CampaignSummary]:
        return [
            CampaignSummary(year=c.year, title=c.title, areas=c.areas, tasks=c.tasks)
            for c in await list_campaigns()
        ]

    @strawberry.field(description="One year's campaign with plans, progress and trends. Public.")
    async def campaign(self, info: Ctx, year: int) -> Campaign | None:
        try:
            report = await campaign_report(year, _today(info))
        except WorkflowError:
            return None
        return Campaign(
            year=report.year,
            title=report.title,
            summary=report.summary,
            areas=[
                CampaignArea(name=a.name, tasks=[_task(t) for t in a.tasks]) for a in report.areas
            ],
        )

    @strawberry.field(
        description="Problems for next year's campaign: most reported and fastest growing "
        "second-level topics of the past 365 days. City-level staff."
    )
    async def campaign_candidates(self, info: Ctx, limit: int = 20) -> list[CampaignCandidate]:
        actor = require_actor(info.context.actor)
        rows = await campaign_candidates(actor, _today(info), max(1, min(limit, 100)))
        return [_candidate(c) for c in rows]


@strawberry.input
class CreateCampaignInput:
    year: int
    title: str
    summary: str | None = None


@strawberry.input
class AddCampaignTaskInput:
    year: int
    area: str
    title: str
    goal: str | None = None
    lead_unit_id: strawberry.ID
    partner_unit_ids: list[strawberry.ID] = strawberry.field(default_factory=list)
    topic_ids: list[strawberry.ID] = strawberry.field(default_factory=list)


@strawberry.input
class UpdateCampaignTaskInput:
    id: strawberry.ID
    goal: str | None = None
    results: str | None = strawberry.field(default=None, description="Stage results (公开).")


@strawberry.input
class AddCampaignMilestoneInput:
    task_id: strawberry.ID
    title: str
    due_on: str = strawberry.field(description="YYYY-MM-DD")
    planned_percent: int


@strawberry.input
class CompleteCampaignMilestoneInput:
    id: strawberry.ID
    done_on: str = strawberry.field(description="YYYY-MM-DD")


@strawberry.input
class RecordCampaignProgressInput:
    task_id: strawberry.ID
    percent: int
    note: str
    reported_on: str | None = strawberry.field(default=None, description="YYYY-MM-DD; today")


@strawberry.type
class CampaignSuccess:
    year: int


@strawberry.type
class CampaignTaskSuccess:
    task_id: strawberry.ID


async def _changed(info: Ctx, task_id: int) -> CampaignTaskSuccess:
    info.context.after_write()
    return CampaignTaskSuccess(task_id=strawberry.ID(str(task_id)))


@strawberry.type
class CampaignMutation:
    @strawberry.mutation
    async def create_campaign(self, info: Ctx, input: CreateCampaignInput) -> result(
        "CreateCampaignResult", CampaignSuccess
    ):
        actor = require_actor(info.context.actor)
        row = await campaign_edits.create_campaign(
            actor, input.year, input.title, input.summary, info.context.now
        )
        return CampaignSuccess(year=row.year)

    @strawberry.mutation
    async def add_campaign_task(self, info: Ctx, input: AddCampaignTaskInput) -> result(
        "AddCampaignTaskResult", CampaignTaskSuccess
    ):
        actor = require_actor(info.context.actor)
        task = await campaign_edits.add_campaign_task(
            actor,
            input.year,
            input.area,
            input.title,
            input.goal,
            row_id(input.lead_unit_id, "leadUnitId"),
            [row_id(u, "partnerUnitIds") for u in input.partner_unit_ids],
            [row_id(t, "topicIds") for t in input.topic_ids],
            info.context.now,
        )
        return await _changed(info, task.id)

    @strawberry.mutation
    async def update_campaign_task(self, info: Ctx, input: UpdateCampaignTaskInput) -> result(
        "UpdateCampaignTaskResult", CampaignTaskSuccess
    ):
        actor = require_actor(info.context.actor)
        task = await campaign_edits.update_campaign_task(
            actor, row_id(input.id, "id"), info.context.now, goal=input.goal, results=input.results
        )
        return await _changed(info, task.id)

    @strawberry.mutation
    async def add_campaign_milestone(self, info: Ctx, input: AddCampaignMilestoneInput) -> result(
        "AddCampaignMilestoneResult", CampaignTaskSuccess
    ):
        actor = require_actor(info.context.actor)
        row = await campaign_edits.add_milestone(
            actor,
            row_id(input.task_id, "taskId"),
            input.title,
            parse_day(input.due_on, "dueOn"),
            input.planned_percent,
        )
        return await _changed(info, row.task_id)

    @strawberry.mutation
    async def complete_campaign_milestone(
        self, info: Ctx, input: CompleteCampaignMilestoneInput
    ) -> result("CompleteCampaignMilestoneResult", CampaignTaskSuccess):
        actor = require_actor(info.context.actor)
        row = await campaign_edits.complete_milestone(
            actor, row_id(input.id, "id"), parse_day(input.done_on, "doneOn")
        )
        return await _changed(info, row.task_id)

    @strawberry.mutation
    async def record_campaign_progress(
        self, info: Ctx, input: RecordCampaignProgressInput
    ) -> result("RecordCampaignProgressResult", CampaignTaskSuccess):
        actor = require_actor(info.context.actor)
        day = parse_day(input.reported_on, "reportedOn") if input.reported_on else _today(info)
        row = await campaign_edits.record_progress(
            actor, row_id(input.task_id, "taskId"), input.percent, input.note, day, info.context.now
        )
        return await _changed(info, row.task_id)
