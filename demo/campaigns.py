"""The demo city's campaigns (攻坚行动).

2023 follows the city's announcement of 24 March 2023: seven areas (市容环境、交通出行、噪声扰民、
医疗服务、食品安全、物业管理、快递物流) and eleven tasks. The announcement names eight of the
tasks; the three others (one each for 医疗服务、物业管理、快递物流) are made up for the demo and
say so. 2024 is invented too: it carries two tasks on and adds problems the hotline data would
have raised; the same tasks make a campaign for the year the demo is seeded in, whose trends
fall within the demo's two years of petitions. Goals, milestones, progress and results are
demo text, not the city's.

Idempotent: a campaign is keyed by its year and a task by its title within the year.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

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


@dataclass(frozen=True)
class TaskSpec:
    area: str
    title: str
    goal: str
    units: tuple[str, ...]  # unit codes, the lead first
    topics: tuple[str, ...]  # second-level topic names
    results: str = ""


@dataclass(frozen=True)
class CampaignSpec:
    year: int
    title: str
    summary: str
    tasks: tuple[TaskSpec, ...]


ILLUSTRATIVE = "（演示任务，新闻稿未具名）"

CAMPAIGN_2023 = CampaignSpec(
    year=2023,
    title="2023年民生领域集中攻坚行动",
    summary=(
        "围绕市容环境、交通出行、噪声扰民、医疗服务、食品安全、物业管理、快递物流七个领域的"
        "11项任务集中攻坚。任务由热线和各渠道诉求的分析中选出：群众反映多的事项延续攻坚，"
        "牵涉多个部门的事项协同推进，城市建设带来的新问题纳入范围。"
    ),
    tasks=(
        TaskSpec(
            "市容环境",
            "违建摸排治理",
            "延续往年攻坚，逐片摸清存量违建，新增违建发现即拆，存量违建按计划分类处置。",
            ("QD-CG", "QD-ZRZY", "QD-ZJ"),
            ("违章搭建", "楼顶私建", "违建拆除"),
        ),
        TaskSpec(
            "市容环境",
            "提升农村环卫管护水平",
            "在上年清理城区卫生死角的基础上，结合城乡环卫一体化，把农村保洁和垃圾清运纳入日常管护。",
            ("QD-CG",),
            ("垃圾清运", "卫生死角"),
        ),
        TaskSpec(
            "交通出行",
            "重要交通枢纽周边出租客运秩序整治",
            "车站、机场、码头周边的拒载、绕路、揽客和违停持续整治，建立常态巡查。",
            ("QD-JT", "QD-GA"),
            ("出租客运秩序",),
        ),
        TaskSpec(
            "交通出行",
            "重点学校医院景区周边拥堵治理",
            "多部门协同疏导上下学、就诊和旅游高峰的拥堵，优化停车和通行组织。",
            ("QD-GA", "QD-JT", "QD-JY", "QD-WJ"),
            ("道路拥堵", "停车管理"),
        ),
        TaskSpec(
            "交通出行",
            "废弃汽车专项整治",
            "清理长期占用道路和小区车位的废弃车辆，明确认定、移除和处置的分工。",
            ("QD-GA", "QD-CG"),
            ("废弃车辆",),
        ),
        TaskSpec(
            "噪声扰民",
            "建筑施工噪声扰民治理",
            "延续往年攻坚，严格夜间施工审批和现场监管，投诉集中的工地逐一约谈。",
            ("QD-ZJ", "QD-HB"),
            ("建筑施工噪声",),
        ),
        TaskSpec(
            "噪声扰民",
            "快速路高速路噪声扰民治理",
            "热线数据显示城市更新和城区外延带来的道路噪声投诉上升：对敏感路段评估并加装降噪设施。",
            ("QD-JT", "QD-HB", "QD-ZJ"),
            ("快速路高速路噪声",),
        ),
        TaskSpec(
            "医疗服务",
            "就医秩序与便民服务提升" + ILLUSTRATIVE,
            "缩短挂号和候诊等待，规范医院周边秩序。",
            ("QD-WJ",),
            ("就医秩序",),
        ),
        TaskSpec(
            "食品安全",
            "外卖业户监管",
            "延续往年攻坚，核查入网餐饮的资质和后厨卫生，推动平台履行审核责任。",
            ("QD-SCJG",),
            ("外卖业户监管", "餐饮卫生"),
        ),
        TaskSpec(
            "物业管理",
            "物业服务质量提升" + ILLUSTRATIVE,
            "对投诉集中的小区物业开展服务评价和限期整改。",
            ("QD-ZJ",),
            ("物业服务质量", "物业收费"),
        ),
        TaskSpec(
            "快递物流",
            "快递末端投递规范" + ILLUSTRATIVE,
            "规范末端网点和投递服务，减少延误、丢失和乱收费。",
            ("QD-JT", "QD-SCJG"),
            ("末端投递", "快递延误丢失"),
        ),
    ),
)

CAMPAIGN_2024 = CampaignSpec(
    year=2024,
    title="2024年民生领域集中攻坚行动（演示）",
    summary="演示数据：延续两项群众呼声较高的任务，并从上一年的诉求数据中选入新增长的问题。",
    tasks=(
        TaskSpec(
            "市容环境",
            "违建摸排治理",
            "巩固上年成果，存量违建清零，建立新增违建快速发现机制。",
            ("QD-CG", "QD-ZRZY"),
            ("违章搭建", "楼顶私建"),
        ),
        TaskSpec(
            "噪声扰民",
            "建筑施工噪声扰民治理",
            "推广噪声在线监测，夜间施工投诉当晚处置。",
            ("QD-ZJ", "QD-HB"),
            ("建筑施工噪声",),
        ),
        TaskSpec(
            "环境保护",
            "餐饮油烟扰民治理",
            "居民楼下餐饮店油烟净化设施全部安装并定期清洗。",
            ("QD-HB", "QD-SCJG", "QD-CG"),
            ("餐饮油烟",),
        ),
        TaskSpec(
            "交通出行",
            "老旧小区停车难缓解",
            "挖潜错时共享车位，新增停车泊位。",
            ("QD-GA", "QD-ZJ"),
            ("停车管理",),
        ),
        TaskSpec(
            "住房",
            "老旧小区改造质量提升",
            "改造项目全程公开，竣工后回访居民。",
            ("QD-ZJ",),
            ("老旧小区改造",),
        ),
    ),
)

CAMPAIGNS = (CAMPAIGN_2023, CAMPAIGN_2024)


def current_campaign(year: int) -> CampaignSpec:
    """The demo's campaign for the year it is seeded in, so that one campaign's trends fall
    inside the demo's two years of petitions; its tasks are the 2024 ones again."""
    return CampaignSpec(
        year=year,
        title=f"{year}年民生领域集中攻坚行动（演示）",
        summary="演示数据：本年度的攻坚任务，趋势图使用演示城市近两年的诉求数据。",
        tasks=CAMPAIGN_2024.tasks,
    )


# The plan of every demo task: (step, month-day it is due, planned share done by then).
PLAN: tuple[tuple[str, tuple[int, int], int], ...] = (
    ("制定方案、摸底排查", (4, 30), 20),
    ("集中整治", (7, 31), 60),
    ("巩固提升", (10, 31), 85),
    ("总结评估、建立长效机制", (12, 31), 100),
)
PROGRESS_NOTES = (
    "完成摸底排查，建立问题台账并明确整改时限。",
    "集中整治阶段过半，台账问题陆续销号。",
    "转入巩固提升，对反弹点位开展回头看。",
    "完成总结评估，形成长效管理制度。",
)


async def seed_campaigns(today: date) -> None:
    """Both demo campaigns, with progress reported up to `today` (a task or two lag)."""
    units = {u.code: u.id for u in await Unit.all()}
    topics = {t.name: t.id for t in await Topic.filter(parent_id__isnull=False)}
    now = datetime.combine(today, datetime.min.time(), tzinfo=UTC)
    specs = CAMPAIGNS + (() if today.year <= 2024 else (current_campaign(today.year),))
    for spec in specs:
        async with in_transaction():
            await _seed_campaign(spec, units, topics, today, now)


async def _seed_campaign(
    spec: CampaignSpec, units: dict[str, int], topics: dict[str, int], today: date, now: datetime
) -> None:
    campaign, _ = await Campaign.get_or_create(
        year=spec.year,
        defaults={"title": spec.title, "summary": spec.summary, "created_at": now},
    )
    areas = {a.name: a for a in await CampaignArea.filter(campaign_id=campaign.id)}
    have = set(await CampaignTask.filter(campaign_id=campaign.id).values_list("title", flat=True))
    for index, task_spec in enumerate(spec.tasks):
        if task_spec.title in have:
            continue
        if task_spec.area not in areas:
            areas[task_spec.area] = await CampaignArea.create(
                campaign_id=campaign.id, name=task_spec.area, position=len(areas)
            )
        lagging = index % 5 == 3  # a few tasks fall behind their plan, as real ones do
        task = await CampaignTask.create(
            campaign_id=campaign.id,
            area_id=areas[task_spec.area].id,
            position=index,
            title=task_spec.title,
            goal=task_spec.goal,
            results="",
            updated_at=now,
        )
        await CampaignTaskUnit.bulk_create(
            [
                CampaignTaskUnit(task_id=task.id, unit_id=units[code], lead=i == 0)
                for i, code in enumerate(task_spec.units)
            ]
        )
        await CampaignTaskTopic.bulk_create(
            [CampaignTaskTopic(task_id=task.id, topic_id=topics[name]) for name in task_spec.topics]
        )
        results: list[str] = []
        steps = zip(PLAN, PROGRESS_NOTES, strict=True)
        for step, ((title, (month, day), share), note) in enumerate(steps):
            due = date(spec.year, month, day)
            done = due <= today and not (lagging and step == len(PLAN) - 1)
            await CampaignMilestone.create(
                task_id=task.id,
                title=title,
                due_on=due,
                planned_percent=share,
                done_on=due if done else None,
            )
            if due <= today:
                percent = share - 10 if lagging and step >= 2 else share
                await CampaignProgress.create(
                    task_id=task.id,
                    reported_on=due,
                    percent=percent,
                    note=note,
                    recorded_by_id=None,
                    recorded_at=now,
                )
                results.append(f"{title}：{note.rstrip('。')}")
        if results:
            task.results = "（演示数据）" + "；".join(results) + "。"
            await task.save(update_fields=["results"])
