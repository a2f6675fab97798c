"""The demo's bulk-loaded history is counted in the measures like the petitions the steps made."""

from __future__ import annotations

from tortoise.functions import Sum

from demo.seed import seed_demo
from models import Event, Petition, StatDaily
from resolvers.rollup_rebuild import rebuild_stats
from tests.demo.test_seed import NOW
from tests.resolvers.stats_helpers import snapshot
from workflow.enums import Action, State, StatScope


async def test_the_seeded_history_is_in_the_daily_rollups(db: str) -> None:
    await seed_demo(petitions=12, now=NOW, history=150)
    rows = await (
        StatDaily.filter(scope=StatScope.DISTRICT)
        .annotate(
            submitted=Sum("submitted"),
            closed=Sum("closed"),
            assigned=Sum("assigned"),
            first_contacts=Sum("first_contacts"),
            in_time=Sum("first_contacts_in_time"),
        )
        .values("submitted", "closed", "assigned", "first_contacts", "in_time")
    )
    assert rows[0]["submitted"] == await Petition.all().count()
    assert rows[0]["closed"] == await Petition.filter(state=State.CLOSED).count()
    # 先行联系 is recorded by the stories' lead units through the real step: most handled
    # petitions have one (a second round's unit its own), so the rate is neither empty nor
    # complete.
    contacted = await Event.filter(action=Action.FIRST_CONTACT).count()
    assert contacted >= await Petition.filter(first_contacted_at__isnull=False).count() > 0
    assert 0 < rows[0]["in_time"] <= rows[0]["first_contacts"] < rows[0]["assigned"]
    kept = await snapshot()
    await rebuild_stats()
    assert await snapshot() == kept
