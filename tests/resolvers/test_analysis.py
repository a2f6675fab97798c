"""The analysis numbers against a hand-built month (March 2023, compared with February)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models import Topic
from resolvers.analysis import analyse
from resolvers.intake import submit_petition
from tests.factories import City, build_city, client, draft, submit
from workflow.analysis import TrendBy
from workflow.deadlines import TZ
from workflow.enums import ApiClientKind, Channel, Role
from workflow.errors import WorkflowError

MARCH = date(2023, 3, 1)


def at(month: int, day: int, hour: int = 9, minute: int = 0) -> datetime:
    return datetime(2023, month, day, hour, minute, tzinfo=TZ)


async def build_history() -> City:
    return await plant_history(await build_city())


async def plant_history(city: City) -> City:
    """SN: 3 walk-in 垃圾清运 at its street, 1 占道经营 without a street and 2 from the hotline
    in March; 2 in February. SB: 1 垃圾清运 and 1 道路拥堵 in March. One in April."""
    assert city.topic is not None
    stall = await Topic.create(code="SRHJ-02", name="占道经营", parent_id=city.topic.parent_id)
    traffic = await Topic.create(code="JTCX", name="交通出行", campaign=True)
    jam = await Topic.create(code="JTCX-01", name="道路拥堵", parent_id=traffic.id)
    sn_street, sb_street = city.id("SN-S01"), city.id("SB-S01")
    for when in (at(3, 1, 8), at(3, 1, 9), at(3, 15), at(2, 10), at(2, 11), at(4, 1, 0, 10)):
        await submit(city, "SN", when, street_id=sn_street)
    await submit(city, "SN", at(3, 20), topic_code=stall.code)
    hotline = await client(city, "QD", ApiClientKind.HOTLINE)
    for i, when in enumerate((at(3, 31, 23, 30), at(3, 2))):
        hot = draft(
            channel=Channel.HOTLINE_12345,
            district_code="SN",
            street_id=sn_street,
            external_id=f"h{i}",
        )
        await submit_petition(hotline, hot, when)
    await submit(city, "SB", at(3, 5), street_id=sb_street)
    await submit(city, "SB", at(3, 6), street_id=sb_street, topic_code=jam.code)
    return city


async def test_the_city_sees_every_figure_of_the_month(db: str) -> None:
    city = await build_history()
    a = await analyse(city.actor("QD", Role.SUPERVISOR), MARCH, TrendBy.DAY)
    assert (a.scope_name, a.total, a.total_before) == ("全市", 8, 2)

    days = {p.bucket.day: p.petitions for p in a.trend}
    assert len(a.trend) == 31 and sum(days.values()) == 8
    assert (days[1], days[2], days[5], days[6], days[31], days[3]) == (2, 1, 1, 1, 1, 0)

    assert [(s.name, s.current, s.before, s.share) for s in a.areas] == [
        ("市容环境", 7, 2, 0.875),
        ("交通出行", 1, 0, 0.125),
    ]
    assert a.areas[0].change == pytest.approx(2.5) and a.areas[1].change is None

    assert [(h.street, h.topic, h.current, h.before) for h in a.hotspots] == [
        ("SN一街道", "垃圾清运", 5, 2),
        ("SB一街道", "垃圾清运", 1, 0),
        ("SB一街道", "道路拥堵", 1, 0),
        ("未定位到街道", "占道经营", 1, 0),
    ]
    assert a.hotspots[0].change == pytest.approx(1.5)
    assert a.heat_areas == ["市容环境", "交通出行"]
    assert a.heat_streets == ["SN一街道", "SB一街道", "未定位到街道"]
    assert a.heat == [[5, 0], [1, 1], [1, 0]]

    assert [(s.key, s.current, s.before) for s in a.channels] == [
        ("WALK_IN", 6, 2),
        ("HOTLINE_12345", 2, 0),
    ]
    months = {m.month: (m.hotline, m.district) for m in a.channel_months}
    assert len(months) == 12 and max(months) == MARCH
    assert months[MARCH] == (2, 6) and months[date(2023, 2, 1)] == (0, 2)
    assert [(s.name, s.current, s.before) for s in a.districts] == [
        ("暖南诉办", 6, 2),
        ("北尚诉办", 2, 0),
    ]


async def test_a_district_platform_sees_only_its_own_district(db: str) -> None:
    city = await build_history()
    a = await analyse(city.actor("SB", Role.DISPATCHER), MARCH, TrendBy.MONTH)
    assert (a.scope_name, a.total, a.total_before, a.districts) == ("北尚诉办", 2, 0, [])
    assert [(s.name, s.current) for s in a.areas] == [("交通出行", 1), ("市容环境", 1)]
    assert [p.petitions for p in a.trend][-2:] == [0, 2] and len(a.trend) == 12


async def test_weeks_start_on_monday_in_shanghai(db: str) -> None:
    city = await build_history()
    a = await analyse(city.actor("SN", Role.DISPATCHER), MARCH, TrendBy.WEEK)
    weeks = {p.bucket: p.petitions for p in a.trend}
    assert len(a.trend) == 13 and all(b.weekday() == 0 for b in weeks)
    # 27 Feb – 5 Mar: 1, 1 and 2 March; 27 Mar – 2 Apr: 31 March 23:30 (April is not counted).
    assert weeks[date(2023, 2, 27)] == 3
    assert weeks[date(2023, 3, 27)] == 1
    assert weeks[date(2023, 2, 6)] == 2


@pytest.mark.parametrize("code", ["SN-S01", "QD-CG", "SN-CG"])
async def test_units_below_the_platforms_have_no_analysis(db: str, code: str) -> None:
    city = await build_city()
    with pytest.raises(WorkflowError):
        await analyse(city.actor(code, Role.HANDLER), MARCH, TrendBy.DAY)
