"""Tracking codes: one short statement per intake, never repeated, gaps allowed."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from models import Petition
from resolvers.intake import submit_petition
from tests.factories import T0, build_city, draft, submit
from workflow.enums import Role
from workflow.errors import ErrorCode, WorkflowError


async def test_concurrent_intakes_each_get_their_own_code_of_the_day(db: str) -> None:
    city = await build_city()
    dispatcher = city.actor("SN", Role.DISPATCHER)
    done = await asyncio.gather(
        *(submit_petition(dispatcher, draft(external_id=f"c-{n}"), T0) for n in range(20))
    )
    codes = sorted(d.petition.tracking_code for d in done)
    assert codes == [f"SN20230324{n:06d}" for n in range(1, 21)]


async def test_a_refused_intake_leaves_a_gap_and_the_next_day_starts_again(db: str) -> None:
    city = await build_city()
    first = await submit(city, external_id="a")
    try:
        await submit(city, external_id="b", community_id=city.id("SB-S01-C01"))
    except WorkflowError as err:
        assert err.code is ErrorCode.INVALID_FIELD and err.field == "communityId"
    else:
        raise AssertionError("a community of another district was accepted")
    third = await submit(city, external_id="c")
    tomorrow = await submit(city, external_id="d", now=T0 + timedelta(days=1))
    other = await submit(city, district="SB", external_id="e")
    assert [first.tracking_code, third.tracking_code] == ["SN20230324000001", "SN20230324000003"]
    assert tomorrow.tracking_code == "SN20230325000001"
    assert other.tracking_code == "SB20230324000001"
    assert await Petition.all().count() == 4
