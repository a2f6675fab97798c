"""Each role's work queues hold exactly what waits for its unit."""

from __future__ import annotations

from datetime import timedelta

from resolvers import handling, triage
from resolvers.queues import queue_filter
from resolvers.reads import Order, PetitionFilter, list_petitions
from tests.factories import T0, build_city, submit
from workflow.enums import Role
from workflow.queues import queue_by_key, queues_for


async def _ids(actor, key: str, order: Order = Order.NEWEST) -> list[int]:
    flt = queue_filter(actor, queue_by_key(actor, key), PetitionFilter())
    page = await list_petitions(actor, flt, T0 + timedelta(hours=1), 50, order=order)
    return [p.id for p in page.items]


async def test_queues_follow_a_petition_from_inbox_to_sign_off(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    cg = city.actor("SN-CG", Role.HANDLER)
    reviewer = city.actor("SN-CG", Role.REVIEWER)
    head = city.actor("SN-CG", Role.HEAD)
    a = await submit(city, external_id="a")
    b = await submit(city, external_id="b")
    assert await _ids(sn, "triage") == [b.id, a.id]
    await triage.dispatch_petition(sn, a.id, T0, lead_unit_id=city.id("SN-CG"))
    assert await _ids(sn, "triage") == [b.id]
    assert await _ids(cg, "assigned") == [a.id]
    await handling.accept_petition(cg, a.id, T0)
    assert (await _ids(cg, "assigned"), await _ids(cg, "handling")) == ([], [a.id])
    await handling.request_extension(cg, a.id, T0, days=2, reason="需现场勘查")
    assert await _ids(sn, "extensions") == [a.id]
    await handling.decide_extension(sn, a.id, T0, approve=True)
    assert await _ids(sn, "extensions") == []
    await handling.submit_reply(
        cg,
        a.id,
        T0,
        petitioner_situation="情况",
        policy_basis="依据",
        handling_result="结果",
        responsible_person="李四",
        contact_phone="0532-88886666",
    )
    assert (await _ids(reviewer, "unit-review"), await _ids(head, "head-review")) == ([a.id], [])
    await handling.review_reply(reviewer, a.id, T0, approve=True)
    assert (await _ids(reviewer, "unit-review"), await _ids(head, "head-review")) == ([], [a.id])
    await handling.review_reply(head, a.id, T0, approve=True)
    assert await _ids(sn, "platform-review") == [a.id]
    assert await _ids(city.actor("QD", Role.DISPATCHER), "platform-review") == []
    await handling.review_reply(sn, a.id, T0, approve=True)
    assert await _ids(sn, "callback") == [a.id]


async def test_the_deadline_order_puts_the_most_urgent_first_and_unclocked_last(db) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    slow = await submit(city, external_id="slow", category="DEVELOPMENT", kind=None)
    fast = await submit(city, external_id="fast")
    idle = await submit(city, external_id="idle")
    await triage.dispatch_petition(sn, slow.id, T0, lead_unit_id=city.id("SN-CG"))
    await triage.dispatch_petition(sn, fast.id, T0, lead_unit_id=city.id("SN-CG"))
    everything = await _ids(sn, "all", Order.DEADLINE)
    assert everything == [fast.id, slow.id, idle.id]
    flt = PetitionFilter()
    first = await list_petitions(sn, flt, T0, 2, order=Order.DEADLINE)
    rest = await list_petitions(sn, flt, T0, 2, first.end_cursor, order=Order.DEADLINE)
    assert [p.id for p in first.items + rest.items] == everything and not rest.has_next


def test_every_role_has_its_queues_and_everyone_can_list_everything() -> None:
    from workflow.actors import Actor, UnitRef
    from workflow.enums import UnitKind

    def keys(kind: UnitKind, *roles: Role) -> list[str]:
        actor = Actor(unit=UnitRef(1, kind, 1), roles=frozenset(roles))
        return [q.key for q in queues_for(actor)]

    assert keys(UnitKind.DISTRICT_PLATFORM, Role.DISPATCHER) == [
        "triage",
        "platform-review",
        "extensions",
        "assessment",
        "callback",
        "all",
    ]
    city_keys = keys(UnitKind.CITY_PLATFORM, Role.DISPATCHER, Role.SUPERVISOR)
    assert city_keys[-3:] == ["overdue", "referrals", "all"]
    inspector = Actor(
        unit=UnitRef(2, UnitKind.CITY_DEPARTMENT, None, receives_referrals=True),
        roles=frozenset({Role.INSPECTOR}),
    )
    assert [q.key for q in queues_for(inspector)] == ["referrals", "all"]
    assert keys(UnitKind.DISTRICT_DEPARTMENT, Role.HANDLER) == [
        "assigned",
        "handling",
        "cooperating",
        "all",
    ]
    assert keys(UnitKind.COMMUNITY, Role.HANDLER, Role.HEAD) == [
        "assigned",
        "handling",
        "head-review",
        "all",
    ]
