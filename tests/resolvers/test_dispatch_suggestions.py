"""Dispatch suggestions: the platform's own units only, fresh after edits, learning from the
platform's decisions (answered dispatches and returns)."""

from __future__ import annotations

from datetime import timedelta

from models import DutyItem, Petition, Topic
from resolvers import handling, triage
from resolvers.dispatch_suggestions import dispatch_suggestions, duty_lists_changed
from tests.factories import T0, City, build_city, submit
from tests.resolvers.helpers import dispatched, refused, sent
from workflow.enums import Category, Role
from workflow.errors import ErrorCode


async def _duty(city: City, unit: str, title: str, keywords: str, topic: Topic) -> DutyItem:
    return await DutyItem.create(
        unit=city.units[unit],
        title=title,
        description=f"负责{title}。",
        keywords=keywords.split(),
        topic=topic,
        category=Category.LIVELIHOOD,
        legal_basis="《城市市容和环境卫生管理条例》",
    )


async def _city_with_lists() -> tuple[City, Topic]:
    city = await build_city()
    topic = city.topic
    assert topic is not None
    for district in ("SN", "SB"):
        await _duty(city, f"{district}-CG", "生活垃圾清运监管", "垃圾 清运 垃圾桶 满溢", topic)
    await _duty(city, "QD-CG", "生活垃圾清运监管", "垃圾 清运 垃圾桶 满溢", topic)
    await duty_lists_changed()
    return city, topic


async def _triage(city: City, **kw: object) -> Petition:
    """A petition in the SN platform's inbox (no community: intake leaves it in TRIAGE)."""
    return await submit(city, "SN", **kw)


async def _codes(city: City, pid: int, now: object = T0) -> list[str]:
    ranked = await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), pid, T0)
    return [unit.code for _, unit, _ in ranked]


async def test_suggestions_name_only_units_the_asking_platform_may_dispatch_to(db: str) -> None:
    city, _ = await _city_with_lists()
    p = await _triage(city)
    ranked = await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), p.id, T0)
    assert ranked, "the SN city-management bureau's garbage duty matches"
    assert ranked[0][1].code == "SN-CG"
    assert all(unit.district_id == city.id("SN") for _, unit, _ in ranked)
    best, _, items = ranked[0]
    assert [i.title for i in items] == ["生活垃圾清运监管"]
    assert "垃圾" in best.terms
    assert "生活垃圾清运监管" in best.reason


async def test_only_whoever_may_dispatch_the_petition_gets_suggestions(db: str) -> None:
    city, _ = await _city_with_lists()
    p = await _triage(city)
    handler = city.actor("SN-CG", Role.HANDLER)
    await refused(dispatch_suggestions(handler, p.id, T0), ErrorCode.NOT_FOUND)
    other = city.actor("SB", Role.DISPATCHER)
    await refused(dispatch_suggestions(other, p.id, T0), ErrorCode.NOT_FOUND)
    supervisor = city.actor("QD", Role.SUPERVISOR)
    await refused(dispatch_suggestions(supervisor, p.id, T0), ErrorCode.NOT_ALLOWED)
    await dispatched(city, p.id, "SN-CG")
    await refused(
        dispatch_suggestions(city.actor("SN", Role.DISPATCHER), p.id, T0), ErrorCode.WRONG_STATE
    )


async def test_the_limit_is_bounded(db: str) -> None:
    city, _ = await _city_with_lists()
    p = await _triage(city)
    actor = city.actor("SN", Role.DISPATCHER)
    await refused(dispatch_suggestions(actor, p.id, T0, limit=0), ErrorCode.INVALID_FIELD, "limit")


async def test_the_index_follows_an_edit_of_a_duty_list(db: str) -> None:
    city, topic = await _city_with_lists()
    p = await _triage(city, title="外卖餐盒吃出异物", content="外卖平台点餐吃出异物，商家不理。")
    assert (await _codes(city, p.id))[0] == "SN-CG"  # only the shared topic speaks for now
    await _duty(city, "SN-SCJG", "网络订餐外卖监管", "外卖 网络订餐 外卖平台 异物", topic)
    await duty_lists_changed()
    ranked = await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), p.id, T0)
    best, unit, items = ranked[0]
    assert unit.code == "SN-SCJG"
    assert items[0].title == "网络订餐外卖监管"
    assert "外卖" in best.terms


async def test_an_accepted_and_answered_dispatch_strengthens_that_unit(db: str) -> None:
    city, topic = await _city_with_lists()
    # The street's list matches the same words as the bureau's, a little less well.
    await _duty(city, "SN-S01", "辖区环境卫生协调", "垃圾 卫生", topic)
    await duty_lists_changed()
    first = await _triage(city)
    assert (await _codes(city, first.id))[:2] == ["SN-CG", "SN-S01"]
    for _ in range(3):
        earlier = await _triage(city)
        await dispatched(city, earlier.id, "SN-S01")
        await sent(city, earlier.id, "SN-S01")
    ranked = await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), first.id, T0)
    assert ranked[0][1].code == "SN-S01"
    assert "近90天同类诉求 3 件由本单位办结" in ranked[0][0].reason
    # History older than the window no longer counts.
    later = T0 + timedelta(days=91)
    ranked = await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), first.id, later)
    assert ranked[0][1].code == "SN-CG"


async def test_a_return_weakens_the_returner_and_strengthens_the_cited_unit(db: str) -> None:
    city, topic = await _city_with_lists()
    street_item = await _duty(city, "SN-S01", "辖区环境卫生协调", "垃圾 卫生", topic)
    await duty_lists_changed()
    p = await _triage(city)
    before = {
        u.code: s.score
        for s, u, _ in await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), p.id, T0)
    }
    earlier = await _triage(city)
    await dispatched(city, earlier.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(handler, earlier.id, T0)
    await triage.return_petition(
        handler, earlier.id, T0, reason="属街道职责", duty_item_id=street_item.id
    )
    ranked = await dispatch_suggestions(city.actor("SN", Role.DISPATCHER), p.id, T0)
    after = {u.code: s.score for s, u, _ in ranked}
    assert after["SN-CG"] < before["SN-CG"]
    assert after["SN-S01"] > before["SN-S01"]
    reasons = {u.code: s.reason for s, u, _ in ranked}
    assert "本单位退回同类诉求 1 件" in reasons["SN-CG"]
    assert "引用本单位职责" in reasons["SN-S01"]


async def test_a_return_the_platform_disputed_teaches_nothing(db: str) -> None:
    city, topic = await _city_with_lists()
    street_item = await _duty(city, "SN-S01", "辖区环境卫生协调", "垃圾 卫生", topic)
    await duty_lists_changed()
    p = await _triage(city)
    dispatcher = city.actor("SN", Role.DISPATCHER)
    before = {u.code: s.score for s, u, _ in await dispatch_suggestions(dispatcher, p.id, T0)}
    earlier = await _triage(city)
    await dispatched(city, earlier.id, "SN-CG")
    await triage.return_petition(
        city.actor("SN-CG", Role.HANDLER),
        earlier.id,
        T0,
        reason="属街道职责",
        duty_item_id=street_item.id,
    )
    # The platform does not agree: the cited item does not fit, back to the bureau.
    await dispatched(city, earlier.id, "SN-CG", note="所引事项不符，请按职责办理")
    ranked = await dispatch_suggestions(dispatcher, p.id, T0)
    after = {u.code: s.score for s, u, _ in ranked}
    assert after == before
    reasons = {u.code: s.reason for s, u, _ in ranked}
    assert "退回" not in reasons["SN-CG"] and "引用本单位职责" not in reasons["SN-S01"]
