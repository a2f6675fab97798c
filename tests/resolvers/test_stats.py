"""Every rate against a small history computed by hand, including an empty period."""

from __future__ import annotations

from datetime import date

import pytest

from resolvers import closing, handling, triage
from resolvers.rollup_rebuild import rebuild_stats
from resolvers.stats import measures_of
from tests.factories import T0, City, build_city, submit
from tests.resolvers.helpers import REPLY, at, dispatched, refused, replied, sent, signed_off
from tests.resolvers.stats_helpers import snapshot
from workflow.enums import Channel, Resolution, Role, Satisfaction, StatScope
from workflow.errors import ErrorCode

MARCH = (date(2023, 3, 24), date(2023, 3, 31))


async def _history(city: City) -> dict[str, int]:
    """Six petitions in SN and one in SB, with the outcomes the expectations below count."""
    sn = city.actor("SN", Role.DISPATCHER)
    # P1: accepted at once, replied on time, satisfied and resolved.
    p1 = (await submit(city)).id
    await dispatched(city, p1, "SN-CG")
    await sent(city, p1, "SN-CG")
    await closing.evaluate_petition(
        sn, p1, T0, satisfaction=Satisfaction.SATISFIED, resolution=Resolution.RESOLVED
    )
    # P2: accepted on Tuesday (too late), signed off after the deadline, unsatisfied.
    p2 = (await submit(city)).id
    await dispatched(city, p2, "SN-CG")
    tue, wed = at(2023, 3, 28, 9), at(2023, 3, 29, 10)
    await replied(city, p2, "SN-CG", tue)
    await signed_off(city, p2, "SN-CG", wed)
    await handling.review_reply(sn, p2, wed, approve=True)
    await closing.evaluate_petition(
        sn,
        p2,
        wed,
        satisfaction=Satisfaction.UNSATISFIED,
        resolution=Resolution.BASICALLY_RESOLVED,
    )
    # P3: returned by the department.
    p3 = (await submit(city)).id
    await dispatched(city, p3, "SN-CG")
    assert city.duty_item is not None
    await triage.return_petition(
        city.actor("SN-CG", Role.HANDLER),
        p3,
        T0,
        reason="不属本单位职责",
        duty_item_id=city.duty_item.id,
    )
    # P4: accepted, an extension approved, urged by the city.
    p4 = (await submit(city)).id
    await dispatched(city, p4, "SN-CG")
    cg = city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(cg, p4, T0)
    await handling.request_extension(cg, p4, T0, days=2, reason="需要协调多个部门")
    await handling.decide_extension(sn, p4, T0, approve=True)
    await closing.urge_petition(city.actor("QD", Role.SUPERVISOR), p4, T0, note="请加快办理")
    # P6: routed to its community at intake, basically satisfied and resolved.
    p6 = (await submit(city, community_id=city.id("SN-S01-C01"), channel=Channel.WECHAT)).id
    await replied(city, p6, "SN-S01-C01")
    await handling.review_reply(city.actor("SN-S01-C01", Role.HEAD), p6, T0, approve=True)
    await handling.review_reply(sn, p6, T0, approve=True)
    await closing.evaluate_petition(
        sn,
        p6,
        T0,
        satisfaction=Satisfaction.BASICALLY_SATISFIED,
        resolution=Resolution.RESOLVED,
    )
    # P5 in SB, late in the evening (Shanghai): still the 24th.
    p5 = (await submit(city, "SB", at(2023, 3, 24, 23, 30))).id
    await dispatched(city, p5, "SB-CG", at(2023, 3, 24, 23, 40), platform="SB")
    return {"p1": p1, "p2": p2, "p3": p3, "p4": p4, "p5": p5, "p6": p6}


def _rates(m: object) -> dict[str, str]:
    return {
        name: getattr(m, name).display
        for name in (
            "response_rate",
            "on_time_rate",
            "resolution_rate",
            "satisfaction_rate",
            "second_handling_rate",
            "return_rate",
        )
    }


async def test_every_rate_of_a_district_matches_the_hand_count(db: str) -> None:
    city = await build_city()
    await _history(city)
    city_actor = city.actor("QD", Role.SUPERVISOR)
    got = await measures_of(city_actor, StatScope.DISTRICT, str(city.id("SN")), *MARCH)
    m = got.measures
    # assigned: P1–P4 and P6 (5); in time: P1, P4, P6; returned: P3; replies: P1, P2, P6
    # (P2 late); evaluations: P1, P2, P6 — resolved all three, satisfied P1 and P6;
    # first-round evaluations 3, of which P2 went to second handling.
    assert (m["submitted"], m["assigned"], m["accepted_in_time"], m["returned"]) == (5, 5, 3, 1)
    assert (m["replies"], m["replies_on_time"], m["evaluations"]) == (3, 2, 3)
    assert (m["resolved"], m["satisfied"], m["second_rounds"]) == (3, 2, 1)
    assert (m["extensions"], m["urges"], m["closed"]) == (1, 1, 2)
    assert _rates(m) == {
        "response_rate": "60.00%",
        "on_time_rate": "66.67%",
        "resolution_rate": "100.00%",
        "satisfaction_rate": "66.67%",
        "second_handling_rate": "33.33%",
        "return_rate": "20.00%",
    }


async def test_a_unit_a_street_a_topic_a_channel_and_the_city_count_their_own_share(
    db: str,
) -> None:
    city = await build_city()
    await _history(city)
    sup = city.actor("QD", Role.SUPERVISOR)
    unit = (await measures_of(sup, StatScope.UNIT, str(city.id("SN-CG")), *MARCH)).measures
    assert _rates(unit) == {
        "response_rate": "50.00%",
        "on_time_rate": "50.00%",
        "resolution_rate": "100.00%",
        "satisfaction_rate": "50.00%",
        "second_handling_rate": "50.00%",
        "return_rate": "25.00%",
    }
    assert (unit["extensions"], unit["urges"], unit["submitted"]) == (1, 1, 0)
    street = (await measures_of(sup, StatScope.STREET, str(city.id("SN-S01")), *MARCH)).measures
    assert (street["submitted"], street["assigned"], street["accepted_in_time"]) == (1, 1, 1)
    assert city.topic is not None and city.topic.parent_id is not None
    topic = (await measures_of(sup, StatScope.TOPIC, str(city.topic.parent_id), *MARCH)).measures
    assert topic["submitted"] == 6
    wechat = (await measures_of(sup, StatScope.CHANNEL, "WECHAT", *MARCH)).measures
    assert (wechat["submitted"], wechat.satisfaction_rate.display) == (1, "100.00%")
    whole = (await measures_of(sup, StatScope.CITY, None, *MARCH)).measures
    assert (whole["submitted"], whole["assigned"]) == (6, 6)
    # The SB petition came in at 23:30 Shanghai time: it belongs to the 24th.
    day = await measures_of(sup, StatScope.CITY, None, date(2023, 3, 24), date(2023, 3, 24))
    assert day.measures["submitted"] == 6


async def test_an_empty_period_shows_a_dash_for_every_rate(db: str) -> None:
    city = await build_city()
    await _history(city)
    sup = city.actor("QD", Role.SUPERVISOR)
    m = (await measures_of(sup, StatScope.CITY, None, date(2023, 1, 1), date(2023, 1, 31))).measures
    assert set(_rates(m).values()) == {"—"}
    assert m.response_rate.percent is None and m["submitted"] == 0


async def test_a_period_counts_each_fact_on_its_own_day(db: str) -> None:
    city = await build_city()
    await _history(city)
    sup = city.actor("QD", Role.SUPERVISOR)
    wed = date(2023, 3, 29)
    m = (await measures_of(sup, StatScope.DISTRICT, str(city.id("SN")), wed, wed)).measures
    # Only P2's late sign-off and its evaluation happened on Wednesday.
    assert (m["replies"], m["replies_on_time"], m["evaluations"], m["submitted"]) == (1, 0, 1, 0)
    # P2's late acceptance counts against the day it was assigned, not the day accepted.
    assert m["assigned"] == 0


async def test_the_rebuild_gives_the_rows_the_steps_kept(db: str) -> None:
    city = await build_city()
    await _history(city)
    kept = await snapshot()
    assert kept
    assert await rebuild_stats() == 6
    assert await snapshot() == kept


async def test_district_staff_see_their_own_district_and_units_only_their_own_unit(
    db: str,
) -> None:
    city = await build_city()
    await _history(city)
    sn = city.actor("SN", Role.DISPATCHER)
    mine = await measures_of(sn, StatScope.DISTRICT, str(city.id("SN")), *MARCH)
    assert mine.measures["submitted"] == 5
    await refused(
        measures_of(sn, StatScope.DISTRICT, str(city.id("SB")), *MARCH), ErrorCode.NOT_ALLOWED
    )
    await refused(measures_of(sn, StatScope.CITY, None, *MARCH), ErrorCode.NOT_ALLOWED)
    # A channel asked by a district counts only that district's petitions.
    walk_in = await measures_of(sn, StatScope.CHANNEL, "WALK_IN", *MARCH)
    assert walk_in.measures["submitted"] == 4
    cg = city.actor("SN-CG", Role.HEAD)
    own = await measures_of(cg, StatScope.UNIT, str(city.id("SN-CG")), *MARCH)
    assert own.measures["assigned"] == 4
    await refused(
        measures_of(cg, StatScope.UNIT, str(city.id("SB-CG")), *MARCH), ErrorCode.NOT_ALLOWED
    )


@pytest.mark.parametrize(
    ("scope", "key", "field"),
    [
        (StatScope.DISTRICT, "999999", "id"),
        (StatScope.STREET, None, "id"),
        (StatScope.CHANNEL, "PIGEON", "id"),
        (StatScope.TOPIC, "x", "id"),
    ],
)
async def test_an_unknown_scope_key_is_refused_naming_the_field(
    db: str, scope: StatScope, key: str | None, field: str
) -> None:
    city = await build_city()
    sup = city.actor("QD", Role.SUPERVISOR)
    await refused(measures_of(sup, scope, key, *MARCH), ErrorCode.INVALID_FIELD, field)


async def test_a_period_ending_before_it_starts_is_refused(db: str) -> None:
    city = await build_city()
    sup = city.actor("QD", Role.SUPERVISOR)
    await refused(
        measures_of(sup, StatScope.CITY, None, date(2023, 3, 2), date(2023, 3, 1)),
        ErrorCode.INVALID_FIELD,
        "to",
    )


async def test_replies_count_for_the_unit_that_wrote_them(db: str) -> None:
    city = await build_city()
    p = (await submit(city)).id
    await dispatched(city, p, "SN-CG")
    await replied(city, p, "SN-CG")
    reviewer = city.actor("SN-CG", Role.REVIEWER)
    await handling.review_reply(reviewer, p, T0, approve=False, note="请补充政策依据")
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.submit_reply(handler, p, T0, **REPLY)
    await signed_off(city, p, "SN-CG")
    sup = city.actor("QD", Role.SUPERVISOR)
    m = (await measures_of(sup, StatScope.UNIT, str(city.id("SN-CG")), *MARCH)).measures
    # The rejected draft never reached the platform: one reply, on time.
    assert (m["replies"], m["replies_on_time"]) == (1, 1)


async def test_a_recalled_dispatch_is_not_counted_against_the_unit(db: str) -> None:
    city = await build_city()
    p = (await submit(city)).id
    await dispatched(city, p, "SN-CG")
    await triage.recall_petition(city.actor("SN", Role.DISPATCHER), p, T0, reason="派错单位")
    await dispatched(city, p, "SN-SCJG")
    sup = city.actor("QD", Role.SUPERVISOR)
    cg = (await measures_of(sup, StatScope.UNIT, str(city.id("SN-CG")), *MARCH)).measures
    scjg = (await measures_of(sup, StatScope.UNIT, str(city.id("SN-SCJG")), *MARCH)).measures
    assert (cg["assigned"], scjg["assigned"]) == (0, 1)
    kept = await snapshot()
    await rebuild_stats()
    assert await snapshot() == kept
