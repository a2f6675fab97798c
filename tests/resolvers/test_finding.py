"""Finding petitions: each filter of the staff lists alone and combined, inside the tenant
scope, and the search by a petitioner's phone or name for those who may see it."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from models import AdminAudit, Petition
from resolvers import triage
from resolvers.reads import PetitionFilter, count_petitions, list_petitions
from tests.factories import T0, build_city, client, submit
from workflow.deadlines import TZ
from workflow.enums import ApiClientKind, AuditAction, Channel, Role, State
from workflow.errors import ErrorCode, WorkflowError

NOW = datetime(2023, 4, 20, 10, 0, tzinfo=TZ)  # a Thursday


async def _codes(actor, now: datetime = NOW, **flt) -> set[str]:
    page = await list_petitions(actor, PetitionFilter(**flt), now, 100)
    return {p.external_id or "" for p in page.items}


async def _city_with_petitions():
    """Two districts' petitions that differ in one column each (set directly: the filters are
    under test, not the steps that set the columns)."""
    city = await build_city()
    street, community = city.id("SN-S01"), city.id("SN-S01-C01")
    made = {}
    for key, district, created in (
        ("plain", "SN", T0),
        ("street", "SN", T0 + timedelta(days=1)),
        ("community", "SN", T0 + timedelta(days=2)),
        ("hotline", "SN", T0 + timedelta(days=3)),
        ("urged", "SN", T0 + timedelta(days=4)),
        ("late3", "SN", T0 + timedelta(days=5)),
        ("late1", "SN", T0 + timedelta(days=6)),
        ("round2", "SN", T0 + timedelta(days=7)),
        ("sb", "SB", T0 + timedelta(days=1)),
        ("sb-late", "SB", T0 + timedelta(days=2)),
    ):
        made[key] = await submit(city, district=district, now=created, external_id=key)
    cg = city.id("SN-CG")
    for key in ("late3", "late1", "urged", "community"):
        await triage.dispatch_petition(
            city.actor("SN", Role.DISPATCHER),
            made[key].id,
            NOW - timedelta(days=30),
            lead_unit_id=cg,
        )
    await triage.dispatch_petition(
        city.actor("SB", Role.DISPATCHER),
        made["sb-late"].id,
        NOW - timedelta(days=30),
        lead_unit_id=city.id("SB-CG"),
    )
    # Deadlines: 2023-04-17 (Mon) 00:00 is 4 working days before Thursday 04-20 counted as the
    # light counts them (Mon..Thu: "已超期 4 个工作日"); 04-20 00:00 is 1.
    await Petition.filter(id=made["late3"].id).update(
        deadline=datetime(2023, 4, 17, tzinfo=TZ), state=State.HANDLING
    )
    await Petition.filter(id=made["sb-late"].id).update(
        deadline=datetime(2023, 4, 17, tzinfo=TZ), state=State.HANDLING
    )
    await Petition.filter(id=made["late1"].id).update(
        deadline=datetime(2023, 4, 20, tzinfo=TZ), state=State.HANDLING
    )
    await Petition.filter(id=made["urged"].id).update(
        deadline=datetime(2023, 5, 10, tzinfo=TZ), urge_count=2
    )
    await Petition.filter(id=made["community"].id).update(
        deadline=datetime(2023, 5, 20, tzinfo=TZ), street_id=street, community_id=community
    )
    await Petition.filter(id=made["street"].id).update(street_id=street)
    await Petition.filter(id=made["hotline"].id).update(channel=Channel.HOTLINE_12345)
    await Petition.filter(id=made["round2"].id).update(round=2)
    return city, made


async def test_each_filter_alone_finds_exactly_its_petitions_in_the_district(db) -> None:
    city, made = await _city_with_petitions()
    sn = city.actor("SN", Role.DISPATCHER)
    street, community = city.id("SN-S01"), city.id("SN-S01-C01")
    assert await _codes(sn, street_id=street) == {"street", "community"}
    assert await _codes(sn, community_id=community) == {"community"}
    assert await _codes(sn, channel=Channel.HOTLINE_12345) == {"hotline"}
    assert await _codes(sn, urged=True) == {"urged"}
    assert "urged" not in await _codes(sn, urged=False)
    assert len(await _codes(sn, urged=False)) == 7
    assert await _codes(sn, round=2) == {"round2"}
    assert await _codes(sn, overdue_days=1) == {"late3", "late1"}
    assert await _codes(sn, overdue_days=4) == {"late3"}
    assert await _codes(sn, overdue_days=5) == set()
    assert await _codes(sn, unit_id=city.id("SN-CG")) == {"late3", "late1", "urged", "community"}
    assert await _codes(sn, states=[State.TRIAGE]) == {"plain", "street", "hotline", "round2"}
    assert await _codes(
        sn,
        deadline_from=datetime(2023, 5, 1, tzinfo=TZ),
        deadline_to=datetime(2023, 5, 15, tzinfo=TZ),
    ) == {"urged"}
    assert await _codes(
        sn, created_from=T0 + timedelta(days=1), created_to=T0 + timedelta(days=3)
    ) == {"street", "community"}


async def test_filters_combine_as_and(db) -> None:
    city, made = await _city_with_petitions()
    sn = city.actor("SN", Role.DISPATCHER)
    street = city.id("SN-S01")
    assert await _codes(sn, street_id=street, created_from=T0 + timedelta(days=2)) == {"community"}
    assert await _codes(sn, street_id=street, states=[State.TRIAGE]) == {"street"}
    assert await _codes(sn, overdue_days=1, created_to=T0 + timedelta(days=6)) == {"late3"}
    assert await _codes(sn, unit_id=city.id("SN-CG"), urged=False, overdue_days=1) == {
        "late3",
        "late1",
    }
    assert await _codes(sn, channel=Channel.HOTLINE_12345, urged=True) == set()
    flt = PetitionFilter(street_id=street, states=[State.TRIAGE])
    assert (await count_petitions(sn, flt, NOW)).value == 1


async def test_no_filter_reaches_another_districts_petitions(db) -> None:
    city, made = await _city_with_petitions()
    sn = city.actor("SN", Role.DISPATCHER)
    sb_district = city.id("SB")
    assert await _codes(sn, district_id=sb_district) == set()
    assert await _codes(sn, unit_id=city.id("SB-CG")) == set()
    assert await _codes(sn, street_id=city.id("SB-S01")) == set()
    assert await _codes(sn, overdue_days=4) == {"late3"}  # not SB's late one
    assert await _codes(sn, text=made["sb"].tracking_code) == set()
    assert (await count_petitions(sn, PetitionFilter(district_id=sb_district), NOW)).value == 0
    # The city platform sees both late ones; a street sees only what it handles.
    qd = city.actor("QD", Role.SUPERVISOR)
    assert await _codes(qd, overdue_days=4) == {"late3", "sb-late"}
    assert await _codes(city.actor("SN-S01", Role.HANDLER), street_id=city.id("SN-S01")) == set()


@pytest.mark.parametrize(
    ("flt", "field"),
    [
        ({"round": 3}, "round"),
        ({"overdue_days": 0}, "overdueDays"),
        ({"overdue_days": 400}, "overdueDays"),
        ({"created_from": NOW, "created_to": NOW - timedelta(days=1)}, "createdTo"),
        ({"deadline_from": NOW, "deadline_to": NOW - timedelta(days=1)}, "deadlineTo"),
    ],
)
async def test_bad_filter_values_are_refused_naming_the_field(db, flt, field) -> None:
    city = await build_city()
    with pytest.raises(WorkflowError) as refused:
        await list_petitions(city.actor("SN", Role.DISPATCHER), PetitionFilter(**flt), NOW)
    assert (refused.value.code, refused.value.field) == (ErrorCode.INVALID_FIELD, field)


async def test_several_bad_values_are_reported_together(db) -> None:
    city = await build_city()
    flt = PetitionFilter(round=0, overdue_days=-2)
    with pytest.raises(WorkflowError) as refused:
        await list_petitions(city.actor("SN", Role.DISPATCHER), flt, NOW)
    assert [f for f, _ in refused.value.fields] == ["round", "overdueDays"]


async def _searched() -> list[AdminAudit]:
    return await AdminAudit.filter(action=AuditAction.PERSONAL_DATA_SEARCHED).order_by("id")


async def test_a_phone_search_finds_the_petitioners_petitions_and_is_recorded(db) -> None:
    city = await build_city()
    mine = await submit(
        city, external_id="a", petitioner_phone="13900001111", petitioner_name="李雷"
    )
    await submit(city, external_id="b")
    sn = city.actor("SN", Role.DISPATCHER)
    assert await _codes(sn, text="139-0000-1111") == {"a"}
    (entry,) = await _searched()
    assert entry.actor_user_id == sn.user_id and entry.actor_unit_id == city.id("SN")
    assert entry.after == {
        "kind": "PHONE",
        "term": "13900001111",
        "matched": 1,
        "role": "DISPATCHER",
    }
    assert entry.at == NOW and entry.district_id == city.id("SN")
    # The same search again (the list's refresh) within ten minutes is not recorded twice;
    # later it is, and so is a phone nobody has.
    assert await _codes(sn, now=NOW + timedelta(minutes=5), text="13900001111") == {"a"}
    assert len(await _searched()) == 1
    await _codes(sn, now=NOW + timedelta(minutes=11), text="13900001111")
    assert await _codes(sn, text="13700009999") == set()
    assert [e.after["matched"] for e in await _searched()] == [1, 1, 0]
    assert mine.petitioner_phone == "13900001111"


async def test_a_name_search_matches_exactly_and_is_recorded_only_when_it_matched(db) -> None:
    city = await build_city()
    await submit(
        city,
        external_id="a",
        petitioner_name="韩梅梅",
        title="路灯不亮",
        content="小区门口路灯坏了一个月。",
    )
    await submit(city, external_id="b", petitioner_name="韩梅", title="噪音扰民")
    sn = city.actor("SN", Role.DISPATCHER)
    assert await _codes(sn, text="韩梅梅") == {"a"}
    assert await _codes(sn, text="韩梅") == {"b"}
    assert await _codes(sn, text="噪音") == {"b"}  # words still work, and are no identity
    assert [e.after["term"] for e in await _searched()] == ["韩梅梅", "韩梅"]
    # Words and a name together: either matches.
    await submit(city, external_id="c", petitioner_name="路灯", title="下水道堵塞")
    assert await _codes(sn, text="路灯") == {"a", "c"}


async def test_staff_who_may_not_see_a_petitioner_find_nothing_by_phone_or_name(db) -> None:
    city = await build_city()
    p = await submit(city, external_id="a", petitioner_phone="13900001111", petitioner_name="李雷")
    anon = await submit(
        city,
        external_id="anon",
        petitioner_phone="13900002222",
        petitioner_name="王五",
        anonymous=True,
    )
    sn = city.actor("SN", Role.DISPATCHER)
    for petition in (p, anon):
        await triage.dispatch_petition(sn, petition.id, T0, lead_unit_id=city.id("SN-CG"))
    cg = city.actor("SN-CG", Role.HANDLER)
    # The handling unit sees the (non-anonymous) petitioner; never the anonymous one.
    assert await _codes(cg, text="13900001111") == {"a"}
    assert await _codes(cg, text="13900002222") == set()
    assert await _codes(cg, text="王五") == set()
    # The other department sees neither, and the count says nothing either.
    other = city.actor("SN-SCJG", Role.HANDLER)
    for text in ("13900001111", "李雷"):
        assert await _codes(other, text=text) == set()
    # Another district's platform: nothing, and nothing is recorded as matched.
    sb = city.actor("SB", Role.DISPATCHER)
    assert await _codes(sb, text="13900001111") == set()
    assert (await count_petitions(sb, PetitionFilter(text="李雷"), NOW)).value == 0
    # A machine client never matches a phone.
    app = await client(city, "SN-CG", ApiClientKind.DEPARTMENT_SYSTEM)
    assert app.is_machine and await _codes(app, text="13900001111") == set()
    # The platform sees both identities.
    assert await _codes(sn, text="13900002222") == {"anon"}
    recorded = [(e.actor_unit_id, e.after["term"], e.after["matched"]) for e in await _searched()]
    assert (city.id("SN-CG"), "13900001111", 1) in recorded
    assert (city.id("SB"), "13900001111", 0) in recorded


@pytest.mark.parametrize("order", ["NEWEST", "DEADLINE", "WAITING"])
async def test_a_numbered_page_is_the_page_the_cursors_reach(db, order) -> None:
    from resolvers.reads import Order

    city, made = await _city_with_petitions()
    sn = city.actor("SN", Role.DISPATCHER)
    by = Order(order)
    walked: list[list[int]] = []
    after = None
    while True:
        page = await list_petitions(sn, PetitionFilter(), NOW, 3, after, by)
        walked.append([p.id for p in page.items])
        if not page.has_next:
            break
        after = page.end_cursor
    assert sum(len(w) for w in walked) == 8 and len(walked) == 3
    for number, expected in enumerate(walked, start=1):
        page = await list_petitions(sn, PetitionFilter(), NOW, 3, None, by, skip=(number - 1) * 3)
        assert [p.id for p in page.items] == expected, (order, number)
        assert page.has_next == (number < len(walked))
    beyond = await list_petitions(sn, PetitionFilter(), NOW, 3, None, by, skip=9, count=True)
    assert (beyond.items, beyond.has_next, beyond.total) == ([], False, 8)


async def test_a_page_number_too_far_in_is_refused_on_page(db) -> None:
    city = await build_city()
    with pytest.raises(WorkflowError) as refused:
        await list_petitions(city.actor("SN", Role.DISPATCHER), PetitionFilter(), NOW, skip=1001)
    assert refused.value.field == "page"
