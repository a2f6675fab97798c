"""Next year's candidate list (变民声大数据为民生大数据): the problems most reported, and the
fastest growing, over the past year, from two GROUP BY counts over bounded periods."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models import Campaign, CampaignTaskTopic, Topic
from resolvers.volumes import totals
from workflow.actors import Actor
from workflow.campaigns import TopicVolume, may_see_candidates, rank_candidates
from workflow.errors import not_allowed


@dataclass(frozen=True)
class CandidateRow:
    rank: int
    topic_id: int
    topic: str
    area: str
    recent: int
    earlier: int
    growth: float | None
    volume_rank: int
    growth_rank: int | None
    in_campaign: bool  # already a task's topic in this year's campaign


async def campaign_candidates(actor: Actor, today: date, limit: int = 20) -> list[CandidateRow]:
    """Ranks second-level topics over the 365 days up to `today` against the 365 before."""
    if not may_see_candidates(actor):
        raise not_allowed("候选攻坚事项只对市级人员开放")
    end = today + timedelta(days=1)
    middle = end - timedelta(days=365)
    start = middle - timedelta(days=365)
    recent = await totals(middle, end, ["topic_id"])
    earlier = await totals(start, middle, ["topic_id"])
    volumes = [
        TopicVolume(key[0], n, earlier.get(key, 0))
        for key, n in recent.items()
        if key[0] is not None
    ]
    ranked = rank_candidates(volumes, limit)
    topics = {t.id: t for t in await Topic.all()}
    campaign = await Campaign.get_or_none(year=today.year)
    current: set[int] = set()
    if campaign is not None:
        links = await CampaignTaskTopic.filter(task__campaign_id=campaign.id)
        current = {link.topic_id for link in links}
    rows = []
    for i, c in enumerate(ranked, 1):
        topic = topics[c.topic_id]
        parent = topics.get(topic.parent_id or 0)
        rows.append(
            CandidateRow(
                rank=i,
                topic_id=c.topic_id,
                topic=topic.name,
                area=parent.name if parent else "",
                recent=c.recent,
                earlier=c.earlier,
                growth=c.growth,
                volume_rank=c.volume_rank,
                growth_rank=c.growth_rank,
                in_campaign=c.topic_id in current,
            )
        )
    return rows
