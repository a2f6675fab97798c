"""Each mutation sends an exact, pinned number of SQL statements (authentication included), so
a change that adds round trips to a step is seen in review, not in production."""

from __future__ import annotations

from typing import Any

from tests.querycount import count_queries
from tests.schema.conftest import Api
from tests.schema.helpers import REPLY, SUBMISSION, act, submit
from workflow.enums import Role

# The same on both databases (PostgreSQL's row lock is part of the petition's SELECT). Units
# and topics come from the process's copy (resolvers/catalog.py). Each token's first request
# reads who it signs in as (one statement: session, user, roles); later ones use the process's
# copy (resolvers/auth.py) — the head's token below is used for the first time. submitPetition
# takes its tracking number in a statement of its own, and also writes
# the petition's words for search. A step that moves a measure adds one upsert of its rollup
# rows; accepting also reads the calendar to judge whether it came within the acceptance
# window; a step that tells someone to act (new assignment, review waiting) adds one insert of
# notifications.
EXPECTED: dict[str, int] = {
    "submitPetition": 7,
    "dispatchPetition": 14,
    "acceptPetition": 12,
    "submitReply": 13,
    "reviewReply": 11,
    "reviewReply@head": 14,
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


APP_SUBMIT = """mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) {
  __typename ... on PetitionReceipt { trackingCode created } } }"""


def _app_input(external_id: str) -> dict[str, Any]:
    return {**SUBMISSION, "channel": "DISTRICT_APP", "externalId": external_id}


async def test_an_app_submission_does_not_look_for_a_resend_first(api: Api) -> None:
    """A district app names each submission by its external id. A new one is five statements
    (number, petition, words, event, rollup: nobody is told to act yet); a resend is refused
    by the unique pair, then found and answered with the first one's code."""
    key = await api.app_key("SN")
    await api.gql(APP_SUBMIT, {"input": _app_input("warm-1")}, key)  # the key is read once
    with count_queries() as counter:
        first = await api.gql(APP_SUBMIT, {"input": _app_input("app-1")}, key)
    assert first["submitPetition"] == {
        "__typename": "PetitionReceipt",
        "trackingCode": first["submitPetition"]["trackingCode"],
        "created": True,
    }
    assert counter.count == 5, counter.statements
    assert not any("external_id" in s and "SELECT" in s for s in counter.statements)
    again = await api.gql(APP_SUBMIT, {"input": _app_input("app-1")}, key)
    assert again["submitPetition"]["created"] is False
    assert again["submitPetition"]["trackingCode"] == first["submitPetition"]["trackingCode"]
