"""Reading the rollup rows back for comparisons."""

from __future__ import annotations

from models import StatDaily
from resolvers import closing
from tests.factories import T0, City, submit
from tests.resolvers.helpers import dispatched, sent
from workflow.enums import Resolution, Role, Satisfaction
from workflow.measures import COUNTERS


async def snapshot() -> set[tuple[object, ...]]:
    """Every non-zero rollup row as a plain tuple (a rebuild writes no all-zero rows)."""
    rows = await StatDaily.all().values("scope", "key", "day", "district_id", *COUNTERS)
    return {
        (str(r["scope"]), r["key"], str(r["day"]), r["district_id"], *(r[c] for c in COUNTERS))
        for r in rows
        if any(r[c] for c in COUNTERS)
    }


async def ranked_history(city: City) -> None:
    """SN: one petition handled perfectly; SB: one assignment nobody accepted."""
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await sent(city, p.id, "SN-CG")
    await closing.evaluate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.RESOLVED,
    )
    q = await submit(city, "SB")
    await dispatched(city, q.id, "SB-CG", platform="SB")
