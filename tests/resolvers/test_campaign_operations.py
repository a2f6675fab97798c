"""The campaign's operations and its public report, on a hand-built history."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from models import CampaignProgress, Topic
from resolvers.campaign_candidates import campaign_candidates
from resolvers.campaign_edits import (
    add_campaign_task,
    add_milestone,
    complete_milestone,
    create_campaign,
    record_progress,
    update_campaign_task,
)
from resolvers.campaigns import campaign_report, list_campaigns
from tests.factories import City, build_city, submit
from workflow.campaigns import TaskStatus
from workflow.deadlines import TZ
from workflow.enums import Role
from workflow.errors import ErrorCode, WorkflowError

NOW = datetime(2023, 9, 15, 10, 0, tzinfo=TZ)
TODAY = NOW.date()


async def _campaign(city: City) -> int:
    admin = city.actor("QD", Role.ADMIN)
    await create_campaign(admin, 2023, "2023年攻坚", "七个领域", NOW)
    task = await add_campaign_task(
        admin,
        2023,
        "市容环境",
        "农村环卫",
        "垃圾日产日清",
        city.id("QD-CG"),
        [city.id("QD-SCJG"), city.id("QD-CG")],
        [city.topic.id if city.topic else 0],
        NOW,
    )
    return task.id


async def test_a_city_admin_builds_a_task_and_the_report_shows_plan_and_progress(db: str) -> None:
    city = await build_city()
    task_id = await _campaign(city)
    supervisor = city.actor("QD", Role.SUPERVISOR)
    first = await add_milestone(supervisor, task_id, "摸底", date(2023, 4, 30), 20)
    await add_milestone(supervisor, task_id, "整治", date(2023, 8, 31), 60)
    await add_milestone(supervisor, task_id, "总结", date(2023, 12, 31), 100)
    await complete_milestone(supervisor, first.id, date(2023, 4, 28))
    await record_progress(supervisor, task_id, 20, "摸底完成", date(2023, 4, 28), NOW)
    await record_progress(supervisor, task_id, 45, "整治过半", date(2023, 9, 1), NOW)
    await update_campaign_task(supervisor, task_id, NOW, results="清运点位 120 个")

    report = await campaign_report(2023, TODAY)
    (task,) = report.tasks
    assert [a.name for a in report.areas] == ["市容环境"]
    assert [(u.name, u.lead) for u in task.units] == [
        ("市城市管理局", True),
        ("市市场监管局", False),
    ]
    assert (task.planned, task.actual, task.status) == (60, 45, TaskStatus.BEHIND)
    assert [p.percent for p in task.progress] == [45, 20]
    assert task.milestones[0].done_on == date(2023, 4, 28)
    assert task.results == "清运点位 120 个"
    assert [(s.year, s.areas, s.tasks) for s in await list_campaigns()] == [(2023, 1, 1)]


async def test_the_trend_counts_the_tasks_topics_per_shanghai_month(db: str) -> None:
    city = await build_city()
    task_id = await _campaign(city)
    assert city.topic is not None
    other = await Topic.create(code="SRHJ-02", name="占道经营", parent_id=city.topic.parent_id)
    # 2022-12-31 23:30 in Shanghai is still December there (15:30 UTC).
    at = [
        datetime(2022, 12, 31, 23, 30, tzinfo=TZ),
        datetime(2023, 1, 1, 0, 10, tzinfo=TZ),
        datetime(2023, 1, 20, 9, 0, tzinfo=TZ),
        datetime(2023, 3, 5, 9, 0, tzinfo=TZ),
        datetime(2023, 3, 6, 9, 0, tzinfo=TZ),
        datetime(2023, 3, 7, 9, 0, tzinfo=TZ),
    ]
    for when in at:
        await submit(city, now=when)
    await submit(city, now=datetime(2023, 3, 8, 9, 0, tzinfo=TZ), topic_code=other.code)
    await submit(city, now=datetime(2023, 10, 1, 9, 0, tzinfo=TZ))  # after "today"

    (task,) = (await campaign_report(2023, TODAY)).tasks
    assert task.id == task_id
    months = {v.month: v.petitions for v in task.trend}
    assert months[date(2022, 1, 1)] == 0  # the baseline year is shown from January
    assert months[date(2022, 12, 1)] == 1
    assert months[date(2023, 1, 1)] == 2
    assert months[date(2023, 2, 1)] == 0
    assert months[date(2023, 3, 1)] == 3  # the other topic is not the task's
    assert max(months) == date(2023, 9, 1)  # no month beyond today's
    assert len(task.trend) == 21


async def test_only_city_admins_and_supervisors_change_the_campaign(db: str) -> None:
    city = await build_city()
    task_id = await _campaign(city)
    for actor in (
        city.actor("SN", Role.ADMIN),
        city.actor("QD", Role.DISPATCHER),
        city.actor("QD-CG", Role.HEAD),
    ):
        with pytest.raises(WorkflowError) as refused:
            await record_progress(actor, task_id, 50, "越权", TODAY, NOW)
        assert refused.value.code is ErrorCode.NOT_ALLOWED
    assert await CampaignProgress.all().count() == 0


@pytest.mark.parametrize(
    ("percent", "note", "day", "field"),
    [
        (101, "ok", TODAY, "percent"),
        (-1, "ok", TODAY, "percent"),
        (10, "  ", TODAY, "note"),
        (10, "ok", TODAY + timedelta(days=1), "reportedOn"),
    ],
)
async def test_bad_progress_is_refused_naming_the_field_and_nothing_is_written(
    db: str, percent: int, note: str, day: date, field: str
) -> None:
    city = await build_city()
    task_id = await _campaign(city)
    with pytest.raises(WorkflowError) as refused:
        await record_progress(city.actor("QD", Role.ADMIN), task_id, percent, note, day, NOW)
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID_FIELD, field)
    assert await CampaignProgress.all().count() == 0


async def test_a_task_needs_a_topic_and_a_known_lead_unit(db: str) -> None:
    city = await build_city()
    admin = city.actor("QD", Role.ADMIN)
    await create_campaign(admin, 2023, "2023年攻坚", "", NOW)
    topic = city.topic.id if city.topic else 0
    with pytest.raises(WorkflowError) as refused:
        await add_campaign_task(admin, 2023, "市容", "甲", "", city.id("QD-CG"), [], [], NOW)
    assert refused.value.field == "topicIds"
    with pytest.raises(WorkflowError) as refused:
        await add_campaign_task(admin, 2023, "市容", "甲", "", 99999, [], [topic], NOW)
    assert refused.value.field == "leadUnitId"
    with pytest.raises(WorkflowError) as refused:
        await create_campaign(admin, 2023, "又一个", "", NOW)
    assert refused.value.field == "year"


async def test_candidates_rank_last_years_topics_by_volume_and_growth(db: str) -> None:
    city = await build_city()
    assert city.topic is not None
    rising = await Topic.create(code="SRHJ-03", name="户外广告", parent_id=city.topic.parent_id)
    # The year before: 6 of the big topic, 5 of the rising one; the past year: 8 and 20.
    for i in range(6):
        await submit(city, now=NOW - timedelta(days=400 + i))
    for i in range(5):
        await submit(city, now=NOW - timedelta(days=400 + i), topic_code=rising.code)
    for i in range(8):
        await submit(city, now=NOW - timedelta(days=10 + i))
    for i in range(20):
        await submit(city, now=NOW - timedelta(days=10 + i), topic_code=rising.code)
    rows = await campaign_candidates(city.actor("QD", Role.SUPERVISOR), TODAY)
    assert [(r.topic, r.recent, r.earlier) for r in rows] == [
        ("户外广告", 20, 5),
        ("垃圾清运", 8, 6),
    ]
    assert rows[0].growth == pytest.approx(3.0)
    assert rows[0].area == "市容环境"
    with pytest.raises(WorkflowError):
        await campaign_candidates(city.actor("SN", Role.DISPATCHER), TODAY)
