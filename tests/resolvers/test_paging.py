"""Keyset pages in both orders, and counts that stop at a cap."""

from __future__ import annotations

from resolvers import triage
from resolvers.paging import capped_count
from resolvers.reads import Order, PetitionFilter, filtered_petitions, list_petitions
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import refused
from workflow.actors import Actor
from workflow.enums import Complexity, Role
from workflow.errors import ErrorCode


async def _walk(actor: Actor, order: Order) -> list[int]:
    seen: list[int] = []
    after = None
    while True:
        page = await list_petitions(actor, PetitionFilter(), T0, 1, after, order)
        seen += [p.id for p in page.items]
        if not page.has_next:
            return seen
        after = page.end_cursor


async def test_walking_one_by_one_gives_the_same_order_as_one_page_in_both_orders(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    petitions = [await submit(city, external_id=f"k{n}") for n in range(6)]
    # Three with the same deadline (ties broken by id), one later, two without a clock.
    for p in petitions[:3]:
        await triage.dispatch_petition(sn, p.id, T0, lead_unit_id=city.id("SN-CG"))
    await triage.dispatch_petition(
        sn, petitions[3].id, T0, lead_unit_id=city.id("SN-CG"), complexity=Complexity.COMPLEX
    )
    for order in (Order.DEADLINE, Order.NEWEST):
        whole = await list_petitions(sn, PetitionFilter(), T0, 50, order=order)
        assert await _walk(sn, order) == [p.id for p in whole.items]
    due = await list_petitions(sn, PetitionFilter(), T0, 50, order=Order.DEADLINE)
    ids = [p.id for p in petitions]
    assert [p.id for p in due.items] == ids[:4] + ids[4:]


async def test_a_count_stops_at_its_cap_and_says_so(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    for n in range(5):
        await submit(city, external_id=f"c{n}")
    qs = await filtered_petitions(sn, PetitionFilter(), T0)
    capped, exact = await capped_count(qs, cap=3), await capped_count(qs, cap=5)
    assert (capped.value, capped.exact, capped.text) == (3, False, "3+")
    assert (exact.value, exact.exact, exact.text) == (5, True, "5")
    page = await list_petitions(sn, PetitionFilter(), T0, 2, count=True)
    assert page.total == 5 and (await list_petitions(sn, PetitionFilter(), T0, 2)).total is None


async def test_a_forged_cursor_is_refused_naming_the_field(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    for order in (Order.DEADLINE, Order.NEWEST):
        await refused(
            list_petitions(sn, PetitionFilter(), T0, 2, "bm9wZQ==", order),
            ErrorCode.INVALID_FIELD,
            "after",
        )
