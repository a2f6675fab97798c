"""Concurrent actions on one petition never both succeed."""

from __future__ import annotations

import asyncio

from models import Assignment, Event
from resolvers.triage import dispatch_petition
from tests.factories import T0, submit
from tests.schema.conftest import Api
from tests.schema.helpers import act
from workflow.enums import Role


async def test_twenty_concurrent_accepts_give_exactly_one_success(api: Api) -> None:
    city = api.city
    p = await submit(city)
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    tokens = [await api.user("SN-CG", Role.HANDLER)]
    results = await asyncio.gather(
        *(act(api, "acceptPetition", {"id": str(p.id)}, tokens[0]) for _ in range(20))
    )
    kinds = sorted(r["__typename"] for r in results)
    assert kinds.count("PetitionSuccess") == 1, kinds
    assert set(kinds) <= {"PetitionSuccess", "WrongState", "StaleVersion"}
    assert await Event.filter(petition_id=p.id, action="ACCEPT").count() == 1
    lead = await Assignment.get(petition_id=p.id)
    assert lead.accepted_at is not None
