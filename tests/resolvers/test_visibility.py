"""Tenant isolation, list filters and pagination at the resolver level (DOMAIN §6)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from models import Petition, Topic
from resolvers import closing, handling, triage
from resolvers.intake import submit_petition
from resolvers.reads import (
    PetitionFilter,
    get_petition,
    identity_visible,
    list_petitions,
    record_personal_data_view,
    timeline,
)
from tests.factories import T0, City, build_city, draft, submit
from tests.resolvers.helpers import at, dispatched, refused, sent
from workflow.actors import Actor
from workflow.enums import Action, Category, Kind, Light, Resolution, Role, Satisfaction, State
from workflow.errors import ErrorCode

E = ErrorCode
ALL = PetitionFilter()


async def ids(actor: Actor, flt: PetitionFilter = ALL, now=T0) -> set[int]:
    page = await list_petitions(actor, flt, now, first=100, count=True)
    assert page.total == len(page.items) and page.has_next is False
    return {p.id for p in page.items}


async def two_districts(city: City) -> tuple[Petition, Petition, Petition]:
    """SN: one at SN-CG, one in triage; SB: one at SB-CG."""
    sn_cg, sn_triage, sb_cg = await submit(city), await submit(city), await submit(city, "SB")
    sn_cg = await dispatched(city, sn_cg.id, "SN-CG")
    sb_cg = await dispatched(city, sb_cg.id, "SB-CG", platform="SB")
    return sn_cg, sn_triage, sb_cg


# --- isolation -----------------------------------------------------------------------------


async def test_a_department_of_another_district_gets_not_found_and_cannot_act(db) -> None:
    city = await build_city()
    _, _, sb = await two_districts(city)
    sn_cg = city.actor("SN-CG", Role.HANDLER, Role.REVIEWER, Role.HEAD)
    await refused(get_petition(sn_cg, sb.id), E.NOT_FOUND)
    await refused(timeline(sn_cg, sb.id), E.NOT_FOUND)
    assert sb.id not in await ids(sn_cg)
    await refused(handling.accept_petition(sn_cg, sb.id, T0), E.NOT_FOUND)
    assert city.duty_item is not None
    call = triage.return_petition(sn_cg, sb.id, T0, reason="x", duty_item_id=city.duty_item.id)
    await refused(call, E.NOT_FOUND)
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(get_petition(sn, sb.id), E.NOT_FOUND)
    await refused(triage.reject_petition(sn, sb.id, T0, reason="x"), E.NOT_FOUND)
    assert (await Petition.get(id=sb.id)).state == State.ASSIGNED


async def test_a_nonexistent_petition_and_a_hidden_one_look_the_same(db) -> None:
    city = await build_city()
    _, _, sb = await two_districts(city)
    sn_cg = city.actor("SN-CG", Role.HANDLER)
    hidden = await refused(handling.accept_petition(sn_cg, sb.id, T0), E.NOT_FOUND)
    missing = await refused(handling.accept_petition(sn_cg, 987_654, T0), E.NOT_FOUND)
    assert hidden.message == missing.message


async def test_a_department_sees_only_what_it_handles_or_handled(db) -> None:
    city = await build_city()
    sn_cg, sn_triage, _ = await two_districts(city)
    scjg = city.actor("SN-SCJG", Role.HANDLER)
    assert await ids(scjg) == set()
    await refused(get_petition(scjg, sn_cg.id), E.NOT_FOUND)
    await refused(get_petition(scjg, sn_triage.id), E.NOT_FOUND)
    assert await ids(city.actor("SN-CG", Role.HANDLER)) == {sn_cg.id}


async def test_a_department_still_sees_a_petition_after_it_moved_on(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    assert city.duty_item is not None
    await triage.return_petition(
        city.actor("SN-CG", Role.HANDLER), p.id, T0, reason="x", duty_item_id=city.duty_item.id
    )
    await dispatched(city, p.id, "SN-SCJG")
    cg = city.actor("SN-CG", Role.HANDLER)
    assert (await get_petition(cg, p.id)).handling_unit_id == city.id("SN-SCJG")
    assert await ids(cg) == {p.id}
    await refused(handling.accept_petition(cg, p.id, T0), E.NOT_ALLOWED)


async def test_a_department_sees_what_it_took_in(db) -> None:
    city = await build_city()
    done = await submit_petition(city.actor("SN-CG", Role.HANDLER), draft(), T0)
    assert await ids(city.actor("SN-CG", Role.HANDLER)) == {done.petition.id}


async def test_a_district_platform_sees_all_of_its_district_and_none_of_another(db) -> None:
    city = await build_city()
    sn_cg, sn_triage, sb = await two_districts(city)
    assert await ids(city.actor("SN", Role.DISPATCHER)) == {sn_cg.id, sn_triage.id}
    assert await ids(city.actor("SN", Role.HANDLER)) == {sn_cg.id, sn_triage.id}
    assert await ids(city.actor("SB", Role.DISPATCHER)) == {sb.id}
    filtered = PetitionFilter(district_id=city.id("SB"))
    assert await ids(city.actor("SN", Role.DISPATCHER), filtered) == set()


async def test_the_city_platform_sees_every_petition(db) -> None:
    city = await build_city()
    all_ids = {p.id for p in await two_districts(city)}
    for role in (Role.DISPATCHER, Role.SUPERVISOR):
        assert await ids(city.actor("QD", role)) == all_ids
    sb_only = PetitionFilter(district_id=city.id("SB"))
    assert len(await ids(city.actor("QD", Role.SUPERVISOR), sb_only)) == 1


async def test_the_city_department_sees_a_petition_escalated_to_it_but_no_other(db) -> None:
    city = await build_city()
    p, other = await submit(city), await submit(city)
    await triage.escalate_petition(
        city.actor("SN", Role.DISPATCHER),
        p.id,
        T0,
        reason="请市级",
        suggested_unit_id=city.id("QD-CG"),
    )
    await dispatched(city, p.id, "QD-CG", platform="QD")
    assert await ids(city.actor("QD-CG", Role.HANDLER)) == {p.id}
    assert await ids(city.actor("QD-SCJG", Role.HANDLER)) == set()
    await refused(get_petition(city.actor("QD-CG", Role.HANDLER), other.id), E.NOT_FOUND)


# --- masking -----------------------------------------------------------------------------


async def test_identity_is_shown_to_the_platforms_and_the_current_handling_unit_only(db) -> None:
    city = await build_city()
    p = await submit(city, category=Category.ENFORCEMENT, kind=None)
    p = await dispatched(city, p.id, "SN-CG", cooperating_unit_ids=[city.id("SN-SCJG")])
    shown = {
        code: identity_visible(city.actor(code, role), p)
        for code, role in (
            ("QD", Role.SUPERVISOR),
            ("SN", Role.DISPATCHER),
            ("SN-CG", Role.HANDLER),
            ("SN-SCJG", Role.HANDLER),
            ("SN-S01", Role.HANDLER),
        )
    }
    assert shown == {
        "QD": True,
        "SN": True,
        "SN-CG": True,
        "SN-SCJG": False,
        "SN-S01": False,
    }
    assert city.duty_item is not None
    p = await triage.return_petition(
        city.actor("SN-CG", Role.HANDLER), p.id, T0, reason="x", duty_item_id=city.duty_item.id
    )
    assert identity_visible(city.actor("SN-CG", Role.HANDLER), p) is False
    assert identity_visible(city.actor("SN", Role.DISPATCHER), p) is True


async def test_an_anonymous_petitioner_is_hidden_from_the_handling_unit(db) -> None:
    city = await build_city()
    p = await submit(city, anonymous=True)
    p = await dispatched(city, p.id, "SN-CG")
    assert identity_visible(city.actor("SN-CG", Role.HANDLER), p) is False
    assert identity_visible(city.actor("SN", Role.DISPATCHER), p) is True


async def test_reading_personal_data_is_on_the_timeline(db) -> None:
    city = await build_city()
    p = await submit(city)
    sn = city.actor("SN", Role.DISPATCHER)
    await record_personal_data_view(sn, p, T0 + timedelta(hours=1))
    last = (await timeline(sn, p.id))[-1]
    assert last.action == Action.VIEW_PERSONAL_DATA
    assert (last.from_state, last.to_state) == (None, None)
    assert last.actor_unit_id == city.id("SN") and last.actor_user_id == sn.user_id
    assert (await Petition.get(id=p.id)).version == 1


# --- filters -------------------------------------------------------------------------------


async def test_the_list_filters_by_state_and_category(db) -> None:
    city = await build_city()
    sn_cg, sn_triage, _ = await two_districts(city)
    dev = await submit(city, category=Category.DEVELOPMENT, kind=None)
    sn = city.actor("SN", Role.DISPATCHER)
    assert await ids(sn, PetitionFilter(states=[State.TRIAGE])) == {sn_triage.id, dev.id}
    both = PetitionFilter(states=[State.TRIAGE, State.ASSIGNED])
    assert await ids(sn, both) == {sn_cg.id, sn_triage.id, dev.id}
    assert await ids(sn, PetitionFilter(category=Category.DEVELOPMENT)) == {dev.id}
    livelihood = PetitionFilter(category=Category.LIVELIHOOD, kind=Kind.COMPLAINT)
    assert await ids(sn, livelihood) == {sn_cg.id, sn_triage.id}
    assert await ids(sn, PetitionFilter(unit_id=city.id("SN-CG"))) == {sn_cg.id}


# Dispatched Fri 2023-03-24 10:00 with 2 working days: due 2023-03-29 00:00.
LIGHTS = [
    (at(2023, 3, 27, 12), Light.BLUE),
    (at(2023, 3, 28, 20), Light.YELLOW),
    (at(2023, 3, 29), Light.RED),
    (at(2023, 4, 3, 9), Light.RED),
]


@pytest.mark.parametrize(("now", "light"), LIGHTS, ids=lambda x: str(x))
async def test_the_list_filters_by_light_and_overdue(db, now, light) -> None:
    city = await build_city()
    running, waiting, _ = await two_districts(city)
    assert running.yellow_at is not None
    assert at(2023, 3, 27, 12) < running.yellow_at < at(2023, 3, 28, 20)
    sn = city.actor("SN", Role.DISPATCHER)
    for each in Light:
        expected = {running.id} if each is light else set()
        assert await ids(sn, PetitionFilter(light=each), now) == expected, each
    overdue = {running.id} if light is Light.RED else set()
    assert await ids(sn, PetitionFilter(overdue=True), now) == overdue
    assert await ids(sn, PetitionFilter(overdue=False), now) == {running.id, waiting.id} - overdue


async def test_a_petition_awaiting_evaluation_has_no_light_even_past_its_deadline(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await sent(city, p.id, "SN-CG")
    sn = city.actor("SN", Role.DISPATCHER)
    late = at(2023, 4, 10)
    for each in Light:
        assert await ids(sn, PetitionFilter(light=each), late) == set()
    assert await ids(sn, PetitionFilter(overdue=True), late) == set()


async def test_the_list_filters_by_round(db) -> None:
    city = await build_city()
    first, second = await submit(city), await submit(city)
    await dispatched(city, second.id, "SN-CG")
    await sent(city, second.id, "SN-CG")
    sn = city.actor("SN", Role.DISPATCHER)
    await closing.evaluate_petition(
        sn,
        second.id,
        T0,
        satisfaction=Satisfaction.UNSATISFIED,
        resolution=Resolution.UNRESOLVED,
    )
    assert await ids(sn, PetitionFilter(round=2)) == {second.id}
    assert await ids(sn, PetitionFilter(round=1)) == {first.id}


async def test_the_list_searches_title_content_and_tracking_code(db) -> None:
    city = await build_city()
    noise = await submit(city, title="夜间施工噪声", content="工地凌晨两点还在施工")
    trash = await submit(city)
    lamp = await submit(city, title="路灯不亮", content="小区门口路灯坏了一周")
    sn = city.actor("SN", Role.DISPATCHER)
    assert await ids(sn, PetitionFilter(text="噪声")) == {noise.id}
    assert await ids(sn, PetitionFilter(text="坏了一周")) == {lamp.id}
    assert await ids(sn, PetitionFilter(text="小区门口")) == {trash.id, lamp.id}
    code = trash.tracking_code.lower()
    assert await ids(sn, PetitionFilter(text=f"  {code} ")) == {trash.id}
    assert await ids(sn, PetitionFilter(text="不存在的词")) == set()


async def test_a_first_level_topic_includes_its_children(db) -> None:
    city = await build_city()
    parent = await Topic.get(code="SRHJ")
    traffic = await Topic.create(code="JTCX", name="交通出行", campaign=True)
    await Topic.create(code="JTCX-01", name="停车", parent=traffic)
    child = await submit(city)  # SRHJ-01
    direct = await submit(city, topic_code="SRHJ")
    parking = await submit(city, topic_code="JTCX-01")
    none = await submit(city, topic_code=None)
    sn = city.actor("SN", Role.DISPATCHER)
    assert await ids(sn, PetitionFilter(topic_id=parent.id)) == {child.id, direct.id}
    assert city.topic is not None
    assert await ids(sn, PetitionFilter(topic_id=city.topic.id)) == {child.id}
    assert await ids(sn, PetitionFilter(topic_id=traffic.id)) == {parking.id}
    assert none.id in await ids(sn)


async def test_the_created_range_includes_its_start_and_excludes_its_end(db) -> None:
    city = await build_city()
    made = [await submit(city, now=T0 + timedelta(days=d)) for d in range(3)]
    sn = city.actor("SN", Role.DISPATCHER)
    day1 = PetitionFilter(created_from=T0 + timedelta(days=1), created_to=T0 + timedelta(days=2))
    assert await ids(sn, day1) == {made[1].id}
    assert await ids(sn, PetitionFilter(created_from=T0 + timedelta(days=1))) == {
        made[1].id,
        made[2].id,
    }
    assert await ids(sn, PetitionFilter(created_to=T0 + timedelta(days=1))) == {made[0].id}


# --- pagination ----------------------------------------------------------------------------


async def test_cursor_pagination_walks_three_pages_without_duplicates(db) -> None:
    city = await build_city()
    made = [await submit(city) for _ in range(6)]
    await submit(city, "SB")
    sn = city.actor("SN", Role.DISPATCHER)
    seen: list[int] = []
    after = None
    pages = 0
    while True:
        page = await list_petitions(sn, ALL, T0, first=2, after=after, count=True)
        pages += 1
        assert len(page.items) == 2 and page.total == 6
        seen += [p.id for p in page.items]
        after = page.end_cursor
        if not page.has_next:
            break
    assert pages == 3
    assert seen == sorted((p.id for p in made), reverse=True)
    empty = await list_petitions(sn, ALL, T0, first=2, after=after)
    assert empty.items == [] and empty.has_next is False and empty.end_cursor is None


@pytest.mark.parametrize("cursor", ["not-a-cursor", "dW5pdDox", "cGV0aXRpb246eA=="])
async def test_a_bad_cursor_is_refused_on_after(db, cursor: str) -> None:
    city = await build_city()
    await submit(city)
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(list_petitions(sn, ALL, T0, first=2, after=cursor), E.INVALID_FIELD, "after")


@pytest.mark.parametrize("first", [0, -1, 101])
async def test_a_page_size_outside_one_to_a_hundred_is_refused_on_first(db, first: int) -> None:
    city = await build_city()
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(list_petitions(sn, ALL, T0, first=first), E.INVALID_FIELD, "first")
    page = await list_petitions(sn, ALL, T0, first=100)
    assert page.items == []
