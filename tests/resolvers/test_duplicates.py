"""Likely duplicates and repeats, on planted true and false cases."""

from __future__ import annotations

from datetime import timedelta

from models import Petition
from resolvers import triage
from resolvers.duplicates import related_petitions
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import dispatched, events, refused
from workflow.enums import Action, Role, State
from workflow.errors import ErrorCode

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



async def test_a_merge_is_recorded_on_both_timelines_and_the_survivor_lists_it(db: str) -> None:
    city = await build_city()
    survivor = await submit(city, petitioner_phone="13800000001", **GARBAGE)
    await dispatched(city, survivor.id, "SN-CG")
    copy = await submit(city, petitioner_phone="13800000002", **GARBAGE)
    dispatcher = city.actor("SN", Role.DISPATCHER)
    later = T0 + timedelta(hours=2)
    await triage.merge_petition(dispatcher, copy.id, later, duplicate_of_id=survivor.id)
    timeline = await events(survivor.id)
    on_survivor = timeline[-1]
    assert on_survivor.action is Action.MERGE and on_survivor.at == later
    assert on_survivor.payload["merged"] == {"id": copy.id, "trackingCode": copy.tracking_code}
    assert copy.tracking_code in on_survivor.note
    # Not a state change: it keeps the survivor's state chain and its version.
    assert on_survivor.from_state == on_survivor.to_state == State.ASSIGNED
    assert (await Petition.get(id=survivor.id)).version == len(timeline) - 1
    copy_timeline = await events(copy.id)
    assert [e.action for e in copy_timeline] == [Action.SUBMIT, Action.MERGE]
    assert copy_timeline[-1].to_state is State.CLOSED
    assert copy_timeline[-1].payload["duplicateOf"]["id"] == survivor.id
    assert [p.id for p in await Petition.filter(duplicate_of_id=survivor.id)] == [copy.id]


async def test_nothing_is_merged_into_a_merged_withdrawn_or_invalid_petition(db: str) -> None:
    city = await build_city()
    dispatcher = city.actor("SN", Role.DISPATCHER)
    first = await submit(city, petitioner_phone="13800000001", **GARBAGE)
    second = await submit(city, petitioner_phone="13800000002", **GARBAGE)
    invalid_one = await submit(city, petitioner_phone="13800000003", **GARBAGE)
    third = await submit(city, petitioner_phone="13800000004", **GARBAGE)
    await triage.merge_petition(dispatcher, second.id, T0, duplicate_of_id=first.id)
    await refused(
        triage.merge_petition(dispatcher, third.id, T0, duplicate_of_id=second.id),
        ErrorCode.INVALID_FIELD,
        "duplicateOfId",
    )
    await triage.reject_petition(dispatcher, invalid_one.id, T0, reason="无效")
    await refused(
        triage.merge_petition(dispatcher, third.id, T0, duplicate_of_id=invalid_one.id),
        ErrorCode.INVALID_FIELD,
        "duplicateOfId",
    )
    assert len(await events(first.id)) == 2  # the submission and the one merge
    assert (await Petition.get(id=third.id)).state is State.TRIAGE


async def test_petitions_merged_earlier_follow_their_survivor_when_it_is_merged_too(
    db: str,
) -> None:
    city = await build_city()
    dispatcher = city.actor("SN", Role.DISPATCHER)
    oldest = await submit(city, petitioner_phone="13800000001", **GARBAGE)
    middle = await submit(city, petitioner_phone="13800000002", **GARBAGE)
    newest = await submit(city, petitioner_phone="13800000003", **GARBAGE)
    await triage.merge_petition(dispatcher, newest.id, T0, duplicate_of_id=middle.id)
    later = T0 + timedelta(hours=1)
    await triage.merge_petition(dispatcher, middle.id, later, duplicate_of_id=oldest.id)
    assert (await Petition.get(id=newest.id)).duplicate_of_id == oldest.id
    merged_in = [p.id for p in await Petition.filter(duplicate_of_id=oldest.id).order_by("id")]
    assert merged_in == [middle.id, newest.id]
    followed = (await events(newest.id))[-1]
    assert followed.action is Action.MERGE and followed.at == later
    assert followed.from_state == followed.to_state == State.CLOSED
    assert followed.payload["duplicateOf"]["id"] == oldest.id
    named = [e.payload["merged"]["id"] for e in await events(oldest.id) if e.action is Action.MERGE]
    assert named == [middle.id, newest.id]
