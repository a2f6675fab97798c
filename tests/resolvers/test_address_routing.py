"""Livelihood routing at intake: an app's or the hotline's address finds the community, or the
petition waits at the district platform, and the timeline says which and why."""

from __future__ import annotations

from models import Event, PlaceName, Unit
from resolvers.intake import submit_petition
from tests.factories import T0, City, build_city, client, draft
from workflow.enums import ApiClientKind, Channel, Role, State, UnitKind


async def _places(city: City) -> None:
    second = await Unit.create(
        code="SN-S01-C02",
        name="太平角社区",
        kind=UnitKind.COMMUNITY,
        parent=city.units["SN-S01"],
        district=city.units["SN"],
    )
    city.units["SN-S01-C02"] = second
    names = [
        ("SN-S01", "八大关"),
        ("SN-S01-C01", "湛山一路"),
        ("SN-S01-C01", "东海一路"),
        ("SN-S01-C02", "太平角一路"),
        ("SN-S01-C02", "东海一路"),  # a road along both communities
    ]
    for code, name in names:
        await PlaceName.create(unit=city.units[code], name=name)


async def _app_submit(city: City, address: str, **kw: object):
    app = await client(city, "SN", ApiClientKind.DISTRICT_APP)
    done = await submit_petition(
        app, draft(channel=Channel.DISTRICT_APP, address=address, **kw), T0
    )
    event = await Event.get(petition_id=done.petition.id)
    return done.petition, event


async def test_an_app_address_naming_one_community_routes_the_petition_to_it(db: str) -> None:
    city = await build_city()
    await _places(city)
    p, event = await _app_submit(city, "市南区湛山一路 12 号 3 单元")
    assert p.state == State.ASSIGNED
    assert p.community_id == city.id("SN-S01-C01") and p.street_id == city.id("SN-S01")
    assert p.handling_unit_id == city.id("SN-S01-C01") and p.deadline is not None
    routing = event.payload["addressRouting"]
    assert routing["community"]["id"] == city.id("SN-S01-C01")
    assert routing["matched"] == ["湛山一路"]
    assert "SN一社区" in event.note


async def test_an_address_on_a_road_of_two_communities_falls_back_to_the_platform(
    db: str,
) -> None:
    city = await build_city()
    await _places(city)
    p, event = await _app_submit(city, "东海一路 8 号")
    assert p.state == State.TRIAGE and p.platform_id == city.id("SN")
    assert p.community_id is None and p.street_id == city.id("SN-S01")
    routing = event.payload["addressRouting"]
    assert routing["community"] is None and routing["reason"] == "地址可能属于多个社区"
    assert "转区平台研判" in event.note


async def test_an_unknown_address_waits_at_the_district_platform_with_the_reason(db: str) -> None:
    city = await build_city()
    await _places(city)
    p, event = await _app_submit(city, "某某路 100 号")
    assert p.state == State.TRIAGE and p.street_id is None
    assert event.payload["addressRouting"]["reason"] == "地址未匹配到本区（市）的街道或社区"


async def test_staff_and_non_livelihood_petitions_are_not_routed_by_address(db: str) -> None:
    city = await build_city()
    await _places(city)
    staff = city.actor("SN", Role.DISPATCHER)
    done = await submit_petition(staff, draft(address="湛山一路 12 号"), T0)
    assert done.petition.state == State.TRIAGE
    event = await Event.get(petition_id=done.petition.id)
    assert "addressRouting" not in event.payload
    p, event = await _app_submit(
        city, "湛山一路 12 号", category="ENFORCEMENT", kind=None, topic_code=None
    )
    assert p.state == State.TRIAGE and "addressRouting" not in event.payload
