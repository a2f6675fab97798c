"""Per-unit returns and the platform's disputes of them (a return sent back to the unit that
made it, the cited duty item not fitting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from models import DutyItem, Petition
from resolvers import triage
from resolvers.returns import return_counts, unit_returns
from tests.factories import T0, City, build_city, submit
from tests.resolvers.helpers import dispatched, refused
from workflow.enums import Category, Role
from workflow.errors import ErrorCode

MARCH = (date(2023, 3, 1), date(2023, 3, 31))
DISPUTE_NOTE = "所引食品经营许可与本诉求不符，请按职责办理"


@dataclass
class History:
    disputed: Petition  # SN-CG returned it, the platform sent it back to SN-CG
    accepted: Petition  # SN-CG returned it, the platform dispatched it to the cited unit
    by_scjg: Petition  # SN-SCJG returned it; it waits in the inbox
    elsewhere: Petition  # returned by SB-CG, another district
    later: Petition  # returned by SN-CG in April


async def _return(city: City, p: Petition, unit: str, item: DutyItem, hours: int) -> None:
    await triage.return_petition(
        city.actor(unit, Role.HANDLER),
        p.id,
        T0 + timedelta(hours=hours),
        reason="不属于本单位职责",
        duty_item_id=item.id,
    )


async def returns_history(city: City) -> History:
    assert city.duty_item is not None
    scjg_item = city.duty_item
    cg_item = await DutyItem.create(
        unit=city.units["SN-CG"],
        title="占道经营查处",
        description="查处占道经营",
        keywords=["占道"],
        category=Category.ENFORCEMENT,
        legal_basis="《城市市容和环境卫生管理条例》",
    )
    sb_item = await DutyItem.create(
        unit=city.units["SB-SCJG"],
        title="食品安全监管",
        description="",
        keywords=[],
        category=Category.ENFORCEMENT,
        legal_basis="《中华人民共和国食品安全法》",
    )
    made = []
    for phone in ("13800000001", "13800000002", "13800000003"):
        p = await submit(city, petitioner_phone=phone, title="路边摊占道经营", topic_code=None)
        made.append(p)
    disputed, accepted, by_scjg = made
    for p in (disputed, accepted):
        await dispatched(city, p.id, "SN-CG")
        await _return(city, p, "SN-CG", scjg_item, 1)
    await dispatched(city, disputed.id, "SN-CG", T0 + timedelta(hours=2), note=DISPUTE_NOTE)
    await dispatched(city, accepted.id, "SN-SCJG", T0 + timedelta(hours=2))
    await dispatched(city, by_scjg.id, "SN-SCJG")
    await _return(city, by_scjg, "SN-SCJG", cg_item, 3)
    elsewhere = await submit(city, "SB", petitioner_phone="13800000004", topic_code=None)
    await dispatched(city, elsewhere.id, "SB-CG", platform="SB")
    await _return(city, elsewhere, "SB-CG", sb_item, 1)
    later = await submit(city, petitioner_phone="13800000005", topic_code=None)
    await dispatched(city, later.id, "SN-CG", T0 + timedelta(days=20))
    await _return(city, later, "SN-CG", scjg_item, 24 * 20 + 1)
    return History(disputed, accepted, by_scjg, elsewhere, later)


async def test_a_units_returns_are_counted_and_the_disputed_one_is_named(db: str) -> None:
    city = await build_city()
    h = await returns_history(city)
    dispatcher = city.actor("SN", Role.DISPATCHER)
    found = await unit_returns(dispatcher, city.id("SN-CG"), *MARCH)
    assert (found.return_count, found.dispute_count) == (2, 1)
    assert {r.petition.id for r in found.returns} == {h.disputed.id, h.accepted.id}
    [dispute] = found.disputes
    assert dispute.petition.id == h.disputed.id
    assert dispute.fact.dispute_note == DISPUTE_NOTE
    assert dispute.fact.item_title == "食品经营许可"
    assert dispute.fact.item_unit_id == city.id("SN-SCJG")
    assert dispute.fact.disputed_at == T0 + timedelta(hours=2)
    scjg = await unit_returns(dispatcher, city.id("SN-SCJG"), *MARCH)
    assert (scjg.return_count, scjg.dispute_count) == (1, 0)
    april = await unit_returns(dispatcher, city.id("SN-CG"), date(2023, 4, 1), date(2023, 4, 30))
    assert [r.petition.id for r in april.returns] == [h.later.id]
    counts = {r.unit.code: (r.returns, r.disputes) for r in await return_counts(dispatcher, *MARCH)}
    assert counts["SN-CG"] == (2, 1) and counts["SN-SCJG"] == (1, 0)
    assert counts["SN-S01"] == (0, 0) and "SB-CG" not in counts


async def test_only_the_dispatching_platform_and_the_city_see_a_units_returns(db: str) -> None:
    city = await build_city()
    await returns_history(city)
    sb_cg = city.id("SB-CG")
    sn = city.actor("SN", Role.DISPATCHER)
    await refused(unit_returns(sn, sb_cg, *MARCH), ErrorCode.NOT_ALLOWED)
    handler = city.actor("SN-CG", Role.HANDLER)
    await refused(unit_returns(handler, city.id("SN-CG"), *MARCH), ErrorCode.NOT_ALLOWED)
    await refused(return_counts(handler, *MARCH), ErrorCode.NOT_ALLOWED)
    city_view = await unit_returns(city.actor("QD", Role.SUPERVISOR), sb_cg, *MARCH)
    assert city_view.return_count == 1
    await refused(
        unit_returns(sn, city.id("SN-CG"), date(2023, 3, 31), date(2023, 3, 1)),
        ErrorCode.INVALID_FIELD,
        "to",
    )
