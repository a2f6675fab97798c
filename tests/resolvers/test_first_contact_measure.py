"""先行联系 as a measure: first contacts counted under the assignment they were made in, the
timely ones within FIRST_CONTACT_WITHIN_WORKING_DAYS working days (1 by default)."""

from __future__ import annotations

from resolvers import handling, triage
from resolvers.rollup_rebuild import rebuild_stats
from resolvers.stats import measures_of
from tests.factories import T0, City, build_city, submit
from tests.resolvers.helpers import at, dispatched
from tests.resolvers.stats_helpers import snapshot
from tests.resolvers.test_stats import MARCH
from workflow.enums import ContactMethod, Role, StatScope


async def _contact(city: City, pid: int, unit: str, when: object, back: object = None) -> None:
    await handling.record_first_contact(
        city.actor(unit, Role.HANDLER),
        pid,
        when,  # type: ignore[arg-type]
        contacted_at=back,  # type: ignore[arg-type]
        method=ContactMethod.PHONE,
        note="已电话联系诉求人",
    )


async def _history(city: City) -> None:
    """Four assignments in SN (Friday 24 March 2023): three first contacts, two in time."""
    # P1: contacted the same day.
    p1 = (await submit(city)).id
    await dispatched(city, p1, "SN-CG")
    await _contact(city, p1, "SN-CG", T0)
    # P2: contacted on Tuesday, after Monday (the one working day) ended; a second contact
    # the same day is on the timeline but not counted again.
    p2 = (await submit(city)).id
    await dispatched(city, p2, "SN-CG")
    await _contact(city, p2, "SN-CG", at(2023, 3, 28, 9))
    await _contact(city, p2, "SN-CG", at(2023, 3, 28, 15))
    # P3: contacted, then recalled (neither counts), dispatched again and contacted Monday,
    # entered on Tuesday with the Monday time: in time.
    p3 = (await submit(city)).id
    await dispatched(city, p3, "SN-SCJG")
    await _contact(city, p3, "SN-SCJG", T0)
    await triage.recall_petition(city.actor("SN", Role.DISPATCHER), p3, T0, reason="派错单位")
    await dispatched(city, p3, "SN-CG")
    await _contact(city, p3, "SN-CG", at(2023, 3, 28, 8), back=at(2023, 3, 27, 17))
    # P4: never contacted.
    p4 = (await submit(city)).id
    await dispatched(city, p4, "SN-CG")


async def test_first_contacts_and_their_timeliness_match_the_hand_count(db: str) -> None:
    city = await build_city()
    await _history(city)
    sup = city.actor("QD", Role.SUPERVISOR)
    m = (await measures_of(sup, StatScope.DISTRICT, str(city.id("SN")), *MARCH)).measures
    assert (m["assigned"], m["first_contacts"], m["first_contacts_in_time"]) == (4, 3, 2)
    assert m.first_contact_rate.display == "75.00%"
    assert m.first_contact_in_time_rate.display == "66.67%"
    scjg = (await measures_of(sup, StatScope.UNIT, str(city.id("SN-SCJG")), *MARCH)).measures
    assert (scjg["assigned"], scjg["first_contacts"]) == (0, 0)
    assert scjg.first_contact_rate.display == "—"
    assert scjg.first_contact_in_time_rate.display == "—"


async def test_the_rebuild_counts_the_same_first_contacts(db: str) -> None:
    city = await build_city()
    await _history(city)
    kept = await snapshot()
    await rebuild_stats()
    assert await snapshot() == kept
