"""Referrals through the resolvers: two failures make one, each assessment is cited once,
the referral is dated after what it cites, and only its recipients see and move it."""

from __future__ import annotations

import asyncio
from datetime import timedelta

import pytest

from models import Assessment, Referral, ReferralEvent
from resolvers import referrals
from tests.factories import T0, City, build_city, client
from tests.referral_helpers import NF, F, add_referral_units, assess, assessed, pending_assessment
from tests.resolvers.helpers import refused
from workflow.actors import Actor, petitioner
from workflow.enums import ApiClientKind, ReferralState, Role
from workflow.errors import ErrorCode


async def _pairs(unit_id: int) -> list[tuple[int, int]]:
    """Each referral of the unit as the positions (1-based, in time) of its two assessments."""
    order = [a.id for a in await Assessment.filter(unit_id=unit_id).order_by("created_at", "id")]
    return [
        (order.index(r.first_assessment_id) + 1, order.index(r.second_assessment_id) + 1)
        for r in await Referral.filter(unit_id=unit_id).order_by("id")
    ]


@pytest.mark.parametrize(
    ("results", "pairs"),
    [
        ((NF, NF), [(1, 2)]),
        ((NF, F, NF), []),
        # A third failure does not pair with the second; a fourth pairs with the third.
        ((NF, NF, NF), [(1, 2)]),
        ((NF, NF, NF, NF), [(1, 2), (3, 4)]),
        ((F, NF, NF, F, NF), [(2, 3)]),
    ],
    ids=lambda v: "-".join(r.value[0] for r in v) if isinstance(v, tuple) else str(v),
)
async def test_two_failures_in_a_row_make_one_referral_and_the_count_restarts_after_it(
    db, results, pairs
) -> None:
    city = await build_city()
    await assessed(city, *results)
    assert await _pairs(city.id("SN-CG")) == pairs


async def test_a_referral_is_dated_after_both_assessments_it_cites_and_starts_its_history(
    db,
) -> None:
    city = await build_city()
    await assessed(city, NF, NF)
    referral = await Referral.get()
    first = await Assessment.get(id=referral.first_assessment_id)
    second = await Assessment.get(id=referral.second_assessment_id)
    assert first.created_at < second.created_at <= referral.created_at
    assert referral.state == ReferralState.OPEN and referral.result == ""
    history = await ReferralEvent.filter(referral_id=referral.id)
    assert [(e.step, e.to_state, e.actor_role, e.at) for e in history] == [
        ("CREATE", "OPEN", Role.DISPATCHER, referral.created_at)
    ]


async def test_an_assessment_recorded_with_an_earlier_time_never_makes_a_referral_dated_before_it(
    db,
) -> None:
    """Assessments counted in time order: a late entry dated before the unit's latest
    assessment is counted where it belongs, not paired with a later one."""
    city = await build_city()
    a, b = [await pending_assessment(city, i) for i in range(2)]
    await assess(city, a, NF, T0 + timedelta(days=5))
    await assess(city, b, NF, T0 + timedelta(days=2))  # entered later, dated earlier
    assert await Referral.all().count() == 0
    c = await pending_assessment(city, 3)
    await assess(city, c, NF, T0 + timedelta(days=6))
    assert await _pairs(city.id("SN-CG")) == [(2, 3)]


async def test_two_units_are_counted_apart(db) -> None:
    city = await build_city()
    x = await pending_assessment(city, 1, unit="SN-CG")
    y = await pending_assessment(city, 2, unit="SN-SCJG")
    await assess(city, x, NF, T0 + timedelta(days=1))
    await assess(city, y, NF, T0 + timedelta(days=2))
    assert await Referral.all().count() == 0


async def test_concurrent_failures_of_one_unit_never_cite_the_same_assessment_twice(db) -> None:
    """N1 is on record; N2 and N3 are assessed at the same moment by two requests. Exactly
    one of them pairs with N1 (the unit's row lock makes them take turns on PostgreSQL)."""
    city = await build_city()
    first, *rest = [await pending_assessment(city, i) for i in range(5)]
    await assess(city, first, NF, T0 + timedelta(days=1))
    later = T0 + timedelta(days=2)
    await asyncio.gather(*(assess(city, pid, NF, later) for pid in rest))
    cited = [
        i
        for pair in await Referral.all().values_list("first_assessment_id", "second_assessment_id")
        for i in pair
    ]
    assert len(cited) == len(set(cited))
    assert len(cited) == 4  # five failures: two referrals, the fifth waits for a partner


# --- who sees and moves referrals ----------------------------------------------------------

SEES_AND_ACTS = "sees and acts"
READS = "reads"
NOTHING = "nothing"


async def _actors(city: City) -> dict[str, tuple[Actor, str]]:
    hotline = await client(city, "QD", ApiClientKind.HOTLINE)
    app = await client(city, "SN", ApiClientKind.DISTRICT_APP)
    system = await client(city, "SN-CG", ApiClientKind.DEPARTMENT_SYSTEM)
    return {
        "市纪委监委 INSPECTOR": (city.actor("QD-JW", Role.INSPECTOR), SEES_AND_ACTS),
        "市委组织部 INSPECTOR": (city.actor("QD-ZZB", Role.INSPECTOR), SEES_AND_ACTS),
        "city SUPERVISOR": (city.actor("QD", Role.SUPERVISOR), READS),
        "city DISPATCHER": (city.actor("QD", Role.DISPATCHER), NOTHING),
        "city ADMIN": (city.actor("QD", Role.ADMIN), NOTHING),
        "INSPECTOR at another city department": (city.actor("QD-CG", Role.INSPECTOR), NOTHING),
        "HANDLER at 市纪委监委": (city.actor("QD-JW", Role.HANDLER), NOTHING),
        "district DISPATCHER (the assessor)": (city.actor("SN", Role.DISPATCHER), NOTHING),
        "SUPERVISOR granted at a district": (city.actor("SN", Role.SUPERVISOR), NOTHING),
        "the referred unit's HEAD": (city.actor("SN-CG", Role.HEAD), NOTHING),
        "the referred unit's HANDLER": (city.actor("SN-CG", Role.HANDLER), NOTHING),
        "a community GRID_WORKER": (city.actor("SN-S01-C01", Role.GRID_WORKER), NOTHING),
        "12345 hotline key": (hotline, NOTHING),
        "district app key": (app, NOTHING),
        "department system key": (system, NOTHING),
        "a verified petitioner": (petitioner("13812345678"), NOTHING),
    }


async def test_only_the_two_recipients_act_on_referrals_and_city_supervisors_read_them(
    db,
) -> None:
    city = await build_city()
    await add_referral_units(city)
    await assessed(city, NF, NF)
    referral = await Referral.get()
    now = T0 + timedelta(days=10)
    for name, (actor, may) in (await _actors(city)).items():
        page = await referrals.list_referrals(actor)
        if may == NOTHING:
            assert (page.total, page.items) == (0, []), name
            await refused(referrals.get_referral(actor, referral.id), ErrorCode.NOT_FOUND)
            await refused(
                referrals.acknowledge_referral(actor, referral.id, now), ErrorCode.NOT_FOUND
            )
            await refused(
                referrals.conclude_referral(actor, referral.id, now, result="x"),
                ErrorCode.NOT_FOUND,
            )
            continue
        assert [r.id for r in page.items] == [referral.id], name
        assert (await referrals.get_referral(actor, referral.id)).id == referral.id
        if may == READS:
            await refused(
                referrals.acknowledge_referral(actor, referral.id, now), ErrorCode.NOT_ALLOWED
            )
    assert (await Referral.get()).state == ReferralState.OPEN  # nobody moved it


async def test_a_referral_is_acknowledged_then_concluded_with_a_result_each_step_recorded(
    db,
) -> None:
    city = await build_city()
    await add_referral_units(city)
    await assessed(city, NF, NF)
    rid = (await Referral.get()).id
    jw = city.actor("QD-JW", Role.INSPECTOR)
    zzb = city.actor("QD-ZZB", Role.INSPECTOR)
    t1, t2 = T0 + timedelta(days=5), T0 + timedelta(days=9)
    await refused(referrals.conclude_referral(jw, rid, t1, result="已约谈"), ErrorCode.WRONG_STATE)
    done = await referrals.acknowledge_referral(jw, rid, t1, note="已收到，转第三监督检查室")
    assert (done.state, done.acknowledged_at, done.version) == ("ACKNOWLEDGED", t1, 2)
    await refused(referrals.acknowledge_referral(zzb, rid, t1), ErrorCode.WRONG_STATE)
    await refused(
        referrals.conclude_referral(zzb, rid, t2, result="  "), ErrorCode.INVALID_FIELD, "result"
    )
    await refused(
        referrals.conclude_referral(zzb, rid, t2, result="x", expected_version=1),
        ErrorCode.STALE_VERSION,
        "expectedVersion",
    )
    done = await referrals.conclude_referral(
        zzb, rid, t2, result="对单位负责人进行约谈，责令限期整改", expected_version=2
    )
    assert (done.state, done.concluded_at) == ("CONCLUDED", t2)
    assert done.result == "对单位负责人进行约谈，责令限期整改"
    await refused(
        referrals.conclude_referral(zzb, rid, t2, result="再次办结"), ErrorCode.WRONG_STATE
    )
    history = await ReferralEvent.filter(referral_id=rid).order_by("id")
    assert [
        (e.step, e.from_state, e.to_state, e.actor_unit_id, e.actor_role, e.at, e.note)
        for e in history[1:]
    ] == [
        ("ACKNOWLEDGE", "OPEN", "ACKNOWLEDGED", city.id("QD-JW"), "INSPECTOR", t1,
         "已收到，转第三监督检查室"),
        ("CONCLUDE", "ACKNOWLEDGED", "CONCLUDED", city.id("QD-ZZB"), "INSPECTOR", t2,
         "对单位负责人进行约谈，责令限期整改"),
    ]  # fmt: skip


async def test_referrals_page_newest_first_and_filter_by_state(db) -> None:
    city = await build_city()
    await add_referral_units(city)
    await assessed(city, NF, NF, NF, NF)
    jw = city.actor("QD-JW", Role.INSPECTOR)
    newest, oldest = [r.id for r in await Referral.all().order_by("-id")]
    await referrals.acknowledge_referral(jw, oldest, T0 + timedelta(days=9))
    one = await referrals.list_referrals(jw, first=1)
    assert ([r.id for r in one.items], one.has_next, one.total) == ([newest], True, 2)
    two = await referrals.list_referrals(jw, first=1, after=one.end_cursor)
    assert ([r.id for r in two.items], two.has_next) == ([oldest], False)
    opened = await referrals.list_referrals(jw, ReferralState.OPEN)
    assert [r.id for r in opened.items] == [newest]
    await refused(referrals.list_referrals(jw, first=0), ErrorCode.INVALID_FIELD, "first")
    await refused(referrals.list_referrals(jw, after="bad"), ErrorCode.INVALID_FIELD, "after")


async def test_inspectors_see_exactly_the_petitions_a_referral_cites(db) -> None:
    from resolvers.reads import PetitionFilter, list_petitions

    city = await build_city()
    await add_referral_units(city)
    pids = await assessed(city, F, NF, NF)
    for code in ("QD-JW", "QD-ZZB"):
        page = await list_petitions(
            city.actor(code, Role.INSPECTOR), PetitionFilter(), T0 + timedelta(days=9), 50
        )
        assert sorted(p.id for p in page.items) == sorted(pids[1:]), code
    page = await list_petitions(
        city.actor("QD-CG", Role.INSPECTOR), PetitionFilter(), T0 + timedelta(days=9), 50
    )
    assert page.items == []
