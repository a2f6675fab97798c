"""Each mutation sends an exact, pinned number of SQL statements (authentication included), so
a change that adds round trips to a step is seen in review, not in production."""

from __future__ import annotations

from typing import Any

from tests.querycount import count_queries
from tests.schema.conftest import Api
from tests.schema.helpers import REPLY, act, submit
from workflow.enums import Role

# The same on both databases (PostgreSQL's row lock is part of the petition's SELECT). Units
# and topics come from the process's copy (resolvers/catalog.py): the first step of the test
# loads it (version, units, topics), and submitPetition also writes the petition's words.
EXPECTED: dict[str, int] = {
    "submitPetition": 14,
    "dispatchPetition": 14,
    "acceptPetition": 12,
    "submitReply": 14,
    "reviewReply": 12,
    "reviewReply@head": 13,
}


async def _counted(api: Api, name: str, input: dict[str, Any], token: str) -> int:
    with count_queries() as counter:
        result = await act(api, name, input, token)
    assert result["__typename"] == "PetitionSuccess", result
    return counter.count


async def test_each_step_sends_a_pinned_number_of_statements(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    handler = await api.user("SN-CG", Role.HANDLER)
    reviewer = await api.user("SN-CG", Role.REVIEWER)
    head = await api.user("SN-CG", Role.HEAD)
    with count_queries() as counter:
        sent = await submit(api, sn)
    counts = {"submitPetition": counter.count}
    pid = sent["petition"]["id"]
    cg = str(api.city.id("SN-CG"))
    counts["dispatchPetition"] = await _counted(
        api, "dispatchPetition", {"id": pid, "leadUnitId": cg}, sn
    )
    counts["acceptPetition"] = await _counted(api, "acceptPetition", {"id": pid}, handler)
    counts["submitReply"] = await _counted(api, "submitReply", {"id": pid, **REPLY}, handler)
    counts["reviewReply"] = await _counted(
        api, "reviewReply", {"id": pid, "approve": True}, reviewer
    )
    counts["reviewReply@head"] = await _counted(
        api, "reviewReply", {"id": pid, "approve": True}, head
    )
    assert counts == EXPECTED, counts
