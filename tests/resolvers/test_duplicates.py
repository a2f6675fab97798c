"""Likely duplicates and repeats, on planted true and false cases."""

from __future__ import annotations

from datetime import timedelta

from resolvers.duplicates import related_petitions
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import dispatched
from workflow.enums import Role

GARBAGE = dict(
    title="小区门口垃圾无人清运",
    content="小区门口垃圾桶满溢，垃圾堆放三天无人清运，气味很大。",
)


async def test_the_same_problem_nearby_is_flagged_and_other_problems_are_not(db: str) -> None:
    city = await build_city()
    street = city.id("SN-S01")
    first = await submit(city, street_id=street, petitioner_phone="13800000001", **GARBAGE)
    again = await submit(
        city,
        now=T0 + timedelta(days=2),
        street_id=street,
        petitioner_phone="13800000002",
        title="门口垃圾堆了三天",
        content="我们小区门口的垃圾桶满溢了，垃圾三天没人清运，很臭。",
    )
    noise = await submit(
        city,
        street_id=street,
        petitioner_phone="13800000003",
        title="楼上装修噪音扰民",
        content="楼上邻居每天早上七点开始装修砸墙，噪音很大。",
        topic_code=None,
    )
    late = await submit(
        city, now=T0 + timedelta(days=30), petitioner_phone="13800000004", **GARBAGE
    )
    elsewhere = await submit(city, "SB", petitioner_phone="13800000005", **GARBAGE)
    found = await related_petitions(city.actor("SN", Role.DISPATCHER), first.id)
    ids = [p.id for p, _ in found.duplicates]
    assert ids == [again.id]
    assert noise.id not in ids and late.id not in ids and elsewhere.id not in ids
    _, why = found.duplicates[0]
    assert "同一主题" in why.reasons and "同一街道" in why.reasons


async def test_repeats_by_the_same_phone_are_counted_for_those_who_see_the_petitioner(
    db: str,
) -> None:
    city = await build_city()
    phone = "13900000009"
    first = await submit(city, petitioner_phone=phone, **GARBAGE)
    await submit(
        city,
        now=T0 + timedelta(days=10),
        petitioner_phone=phone,
        title="路灯不亮",
        content="门前路灯坏了一个月。",
        topic_code=None,
    )
    await submit(city, now=T0 + timedelta(days=200), petitioner_phone=phone, **GARBAGE)
    found = await related_petitions(city.actor("SN", Role.DISPATCHER), first.id)
    assert found.repeat_count == 2 and len(found.repeats) == 1
    assert found.repeats[0][1].reasons == ("同一来电号码",)
    other = await submit(city, petitioner_phone="13900000010", **GARBAGE)
    await dispatched(city, other.id, "SN-CG")
    handler = city.actor("SN-CG", Role.HANDLER)
    assert (await related_petitions(handler, other.id)).repeat_count == 1
    await dispatched(city, first.id, "SN-SCJG")
    scjg = city.actor("SN-SCJG", Role.HANDLER)
    assert (await related_petitions(scjg, first.id)).repeats == []  # sees only its own

