"""The demo campaigns: 2023 as announced (7 areas, 11 tasks), seeded once however often run."""

from __future__ import annotations

from datetime import datetime

from demo.seed import seed_demo
from models import (
    Campaign,
    CampaignArea,
    CampaignMilestone,
    CampaignProgress,
    CampaignTask,
    CampaignTaskTopic,
    CampaignTaskUnit,
)
from resolvers.campaigns import campaign_report
from workflow.deadlines import TZ

NOW = datetime(2023, 9, 15, 10, 0, tzinfo=TZ)
TABLES = (
    Campaign,
    CampaignArea,
    CampaignTask,
    CampaignTaskUnit,
    CampaignTaskTopic,
    CampaignMilestone,
    CampaignProgress,
)


async def test_the_2023_campaign_has_the_announced_seven_areas_and_eleven_tasks(db: str) -> None:
    await seed_demo(petitions=0, now=NOW)
    first = {m.__name__: await m.all().count() for m in TABLES}
    await seed_demo(petitions=0, now=NOW)
    assert {m.__name__: await m.all().count() for m in TABLES} == first

    report = await campaign_report(2023, NOW.date())
    assert [a.name for a in report.areas] == [
        "市容环境",
        "交通出行",
        "噪声扰民",
        "医疗服务",
        "食品安全",
        "物业管理",
        "快递物流",
    ]
    titles = [t.title for t in report.tasks]
    assert len(titles) == 11
    for named in ("违建摸排治理", "外卖业户监管", "废弃汽车专项整治", "快速路高速路噪声扰民治理"):
        assert named in titles
    assert all(t.units and t.units[0].lead and t.topics and t.milestones for t in report.tasks)
    # Mid-September: two steps are due, and some tasks report less than planned.
    assert {t.planned for t in report.tasks} == {60}
    assert all(t.actual is not None for t in report.tasks)
    assert await Campaign.filter(year=2024).exists()
