"""The demo's bulk-loaded history is counted in the measures like the petitions the steps made."""

from __future__ import annotations

from tortoise.functions import Sum

from demo.seed import seed_demo
from models import Petition, StatDaily
from resolvers.rollup_rebuild import rebuild_stats
from tests.demo.test_seed import NOW
from tests.resolvers.stats_helpers import snapshot
from workflow.enums import State, StatScope


async def test_the_seeded_history_is_in_the_daily_rollups(db: str) -> None:
    await seed_demo(petitions=12, now=NOW, history=150)
    rows = await (
        StatDaily.filter(scope=StatScope.DISTRICT)
        .annotate(submitted=Sum("submitted"), closed=Sum("closed"))
        .values("submitted", "closed")
    )
    assert rows[0]["submitted"] == await Petition.all().count()
    assert rows[0]["closed"] == await Petition.filter(state=State.CLOSED).count()
    kept = await snapshot()
    await rebuild_stats()
    assert await snapshot() == kept
