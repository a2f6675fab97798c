"""Maintaining the campaign: the city's admins and supervisors create the year's campaign and
its tasks, plan milestones, report progress and publish stage results. Each operation checks
`may_manage_campaign` first and writes in one transaction; progress reports are appended."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from tortoise.transactions import in_transaction

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
from resolvers.text import optional_text, required_text
from workflow.actors import Actor
from workflow.campaigns import CAMPAIGN_YEARS, check_percent, may_manage_campaign
from workflow.deadlines import TZ
from workflow.errors import invalid, not_allowed, not_found


def _authorise(actor: Actor) -> None:
    if not may_manage_campaign(actor):
        raise not_allowed("只有市级平台的管理员或督办员可以维护攻坚行动")


async def create_campaign(
    actor: Actor, year: int, title: str, summary: str | None, now: datetime
) -> Campaign:
    _authorise(actor)
    if year not in CAMPAIGN_YEARS:
        raise invalid("year", "年份无效")
    title = required_text(title, "title", "标题", 128)
    text = optional_text(summary, "summary", "简介", 4000)
    async with in_transaction():
        if await Campaign.exists(year=year):
            raise invalid("year", f"{year}年的攻坚行动已存在")
        return await Campaign.create(year=year, title=title, summary=text, created_at=now)


async def _units(lead_unit_id: int, partner_ids: Sequence[int]) -> list[tuple[int, bool]]:
    wanted = [(lead_unit_id, True)] + [(u, False) for u in partner_ids if u != lead_unit_id]
    found = {u.id for u in await Unit.filter(id__in=[u for u, _ in wanted], active=True)}
    for unit_id, lead in wanted:
        if unit_id not in found:
            raise invalid("leadUnitId" if lead else "partnerUnitIds", f"单位 {unit_id} 不存在")
    return list(dict.fromkeys(wanted))


async def _topics(topic_ids: Sequence[int]) -> list[int]:
    ids = list(dict.fromkeys(topic_ids))
    if not ids:
        raise invalid("topicIds", "请至少关联一个诉求类别，用于展示攻坚成效")
    found = set(await Topic.filter(id__in=ids).values_list("id", flat=True))
    missing = [t for t in ids if t not in found]
    if missing:
        raise invalid("topicIds", f"诉求类别 {missing[0]} 不存在")
    return ids


async def add_campaign_task(
    actor: Actor,
    year: int,
    area: str,
    title: str,
    goal: str | None,
    lead_unit_id: int,
    partner_unit_ids: Sequence[int],
    topic_ids: Sequence[int],
    now: datetime,
) -> CampaignTask:
    _authorise(actor)
    area_name = required_text(area, "area", "领域", 64)
    title = required_text(title, "title", "任务名称", 100)
    goal_text = optional_text(goal, "goal", "攻坚目标", 4000)
    units = await _units(lead_unit_id, partner_unit_ids)
    topics = await _topics(topic_ids)
    async with in_transaction():
        campaign = await Campaign.get_or_none(year=year) if year in CAMPAIGN_YEARS else None
        if campaign is None:
            raise invalid("year", f"{year}年的攻坚行动不存在")
        if await CampaignTask.exists(campaign_id=campaign.id, title=title):
            raise invalid("title", "本年度已有同名任务")
        position = await CampaignArea.filter(campaign_id=campaign.id).count()
        area_row, _ = await CampaignArea.get_or_create(
            campaign_id=campaign.id, name=area_name, defaults={"position": position}
        )
        task = await CampaignTask.create(
            campaign_id=campaign.id,
            area_id=area_row.id,
            position=await CampaignTask.filter(campaign_id=campaign.id).count(),
            title=title,
            goal=goal_text,
            updated_at=now,
        )
        for unit_id, lead in units:
            await CampaignTaskUnit.create(task_id=task.id, unit_id=unit_id, lead=lead)
        for topic_id in topics:
            await CampaignTaskTopic.create(task_id=task.id, topic_id=topic_id)
    return task


async def _task(task_id: int) -> CampaignTask:
    task = await CampaignTask.get_or_none(id=task_id)
    if task is None:
        raise not_found("攻坚任务")
    return task


async def update_campaign_task(
    actor: Actor,
    task_id: int,
    now: datetime,
    goal: str | None = None,
    results: str | None = None,
) -> CampaignTask:
    """Rewrite the goal or publish the stage results (None leaves a field as it is)."""
    _authorise(actor)
    async with in_transaction():
        task = await _task(task_id)
        if goal is not None:
            task.goal = optional_text(goal, "goal", "攻坚目标", 4000)
        if results is not None:
            task.results = optional_text(results, "results", "阶段成果", 4000)
        task.updated_at = now
        await task.save(update_fields=["goal", "results", "updated_at"])
    return task


async def add_milestone(
    actor: Actor, task_id: int, title: str, due_on: date, planned_percent: int
) -> CampaignMilestone:
    _authorise(actor)
    text = required_text(title, "title", "节点名称", 100)
    check_percent(planned_percent, "plannedPercent")
    task = await _task(task_id)
    campaign = await Campaign.get(id=task.campaign_id)
    if due_on.year not in (campaign.year, campaign.year + 1):
        raise invalid("dueOn", f"计划节点应在{campaign.year}年内（或次年）")
    return await CampaignMilestone.create(
        task_id=task.id, title=text, due_on=due_on, planned_percent=planned_percent
    )


async def complete_milestone(actor: Actor, milestone_id: int, done_on: date) -> CampaignMilestone:
    _authorise(actor)
    async with in_transaction():
        milestone = await CampaignMilestone.get_or_none(id=milestone_id)
        if milestone is None:
            raise not_found("计划节点")
        milestone.done_on = done_on
        await milestone.save(update_fields=["done_on"])
    return milestone


async def record_progress(
    actor: Actor, task_id: int, percent: int, note: str, reported_on: date, now: datetime
) -> CampaignProgress:
    _authorise(actor)
    check_percent(percent, "percent")
    text = required_text(note, "note", "进展说明", 2000)
    if reported_on > now.astimezone(TZ).date():
        raise invalid("reportedOn", "不能填报将来的进展")
    task = await _task(task_id)
    async with in_transaction():
        row = await CampaignProgress.create(
            task_id=task.id,
            reported_on=reported_on,
            percent=percent,
            note=text,
            recorded_by_id=actor.user_id,
            recorded_at=now,
        )
        task.updated_at = now
        await task.save(update_fields=["updated_at"])
    return row
