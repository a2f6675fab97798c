"""Batch steps through the API: each petition checked and written on its own, refusals reported
row by row, nothing half-done for any one petition."""

from __future__ import annotations

from models import Event
from tests.schema.conftest import Api
from tests.schema.helpers import REPLY, ok, submit
from workflow.enums import Action, Role

BATCH = """mutation($ids: [ID!]!) { acceptPetitions(input: {ids: $ids}) {
  __typename
  ... on BatchResult { succeeded failed
    items { id petition { state } error { __typename code message } } }
  ... on Error { code message } } }"""

DISPATCH = """mutation($ids: [ID!]!, $unit: ID!) {
  dispatchPetitions(input: {ids: $ids, leadUnitId: $unit}) {
  ... on BatchResult { succeeded failed items { id petition { state handlingUnit { code } } } }
  ... on Error { code message } } }"""


async def test_a_batch_accept_takes_each_petition_on_its_own_and_reports_refusals(
    api: Api,
) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    cg = str(api.city.id("SN-CG"))
    ids = [(await submit(api, sn, externalId=f"b{i}"))["petition"]["id"] for i in range(3)]
    data = await api.gql(DISPATCH, {"ids": ids, "unit": cg}, sn)
    assert data["dispatchPetitions"]["succeeded"] == 3
    handler = await api.user("SN-CG", Role.HANDLER)
    await ok(api, "acceptPetition", {"id": ids[0]}, handler)  # someone was quicker
    other = (await submit(api, sn, externalId="elsewhere"))["petition"]["id"]
    result = (await api.gql(BATCH, {"ids": [*ids, other]}, handler))["acceptPetitions"]
    assert (result["succeeded"], result["failed"]) == (2, 2)
    by_id = {i["id"]: i for i in result["items"]}
    assert by_id[ids[0]]["error"]["code"] == "WRONG_STATE"
    assert by_id[other]["error"]["__typename"] == "NotFound"
    assert by_id[ids[1]]["petition"]["state"] == "HANDLING" and by_id[ids[1]]["error"] is None
    assert await Event.filter(action=Action.ACCEPT).count() == 3


async def test_a_batch_needs_ids_and_a_reviewer_approves_several_replies(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    handler = await api.user("SN-CG", Role.HANDLER)
    cg = str(api.city.id("SN-CG"))
    ids = []
    for i in range(2):
        pid = (await submit(api, sn, externalId=f"r{i}"))["petition"]["id"]
        await ok(api, "dispatchPetition", {"id": pid, "leadUnitId": cg}, sn)
        await ok(api, "acceptPetition", {"id": pid}, handler)
        await ok(api, "submitReply", {"id": pid, **REPLY}, handler)
        ids.append(pid)
    reviewer = await api.user("SN-CG", Role.REVIEWER)
    empty = (await api.gql(BATCH, {"ids": []}, reviewer))["acceptPetitions"]
    assert empty["__typename"] == "InvalidField" and empty["code"] == "INVALID_FIELD"
    doc = """mutation($ids: [ID!]!) { reviewReplies(input: {ids: $ids, approve: true}) {
      ... on BatchResult { succeeded items { petition { reviewStage } } } } }"""
    data = (await api.gql(doc, {"ids": ids}, reviewer))["reviewReplies"]
    assert data["succeeded"] == 2
    assert {i["petition"]["reviewStage"] for i in data["items"]} == {"UNIT_HEAD"}
