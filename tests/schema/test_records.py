"""Issue 6 through the API: refusals carry a code, reading personal data is logged whatever the
query's shape, two mutations in one request see each other's effect, and the hotline's intake
is recorded as the hotline."""

from __future__ import annotations

import pytest

from models import Event, Petition, Topic
from tests.schema.conftest import Api
from tests.schema.helpers import act, submit
from workflow.enums import Action, ApiClientKind, Role

SHAPES = {
    "plain": "query($id: ID!) { petition(id: $id) { petitionerName petitionerPhone } }",
    "named fragment": """query($id: ID!) { petition(id: $id) { ...Who } }
        fragment Who on Petition { petitionerName petitionerPhone }""",
    "inline fragment": """query($id: ID!) { petition(id: $id) {
        ... on Petition { petitionerName petitionerPhone } } }""",
    "aliases": """query($id: ID!) { a: petition(id: $id) { n: petitionerName }
        b: petition(id: $id) { p: petitionerPhone } }""",
}


@pytest.mark.parametrize("shape", list(SHAPES))
async def test_reading_personal_data_is_logged_whatever_the_query_shape(
    api: Api, shape: str
) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn))["petition"]["id"]
    body = await api.raw(SHAPES[shape], {"id": pid}, sn)
    assert "errors" not in body, body
    text = str(body["data"])
    assert "13812345678" in text or "张三" in text
    views = await Event.filter(petition_id=int(pid), action=Action.VIEW_PERSONAL_DATA)
    assert len(views) == 1 and views[0].actor_role is Role.DISPATCHER


async def test_a_masked_read_is_not_logged(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn))["petition"]["id"]
    body = await api.gql(
        "query { petitions(first: 5) { nodes { petitionerName petitionerPhone } } }", token=sn
    )
    assert body["petitions"]["nodes"][0]["petitionerPhone"] == "138****5678"
    assert not await Event.filter(petition_id=int(pid), action=Action.VIEW_PERSONAL_DATA).exists()


async def test_every_refusal_carries_a_machine_readable_code(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn))["petition"]["id"]
    handler = await api.user("SN-CG", Role.HANDLER)
    query = """mutation($id: ID!) { acceptPetition(input: {id: $id}) {
        __typename ... on Error { code message } } }"""
    refused = (await api.gql(query, {"id": pid}, handler))["acceptPetition"]
    assert refused["__typename"] == "NotFound" and refused["code"] == "NOT_FOUND"
    denied = (await api.gql(query, {"id": pid}, sn))["acceptPetition"]
    assert (denied["__typename"], denied["code"]) == ("NotAllowed", "NOT_ALLOWED")
    await act(api, "dispatchPetition", {"id": pid, "leadUnitId": str(api.city.id("SN-CG"))}, sn)
    wrong = await act(api, "rejectPetition", {"id": pid, "reason": "无效"}, sn)
    assert (wrong["__typename"], wrong["code"]) == ("WrongState", "WRONG_STATE")
    bad = await act(api, "dispatchPetition", {"id": pid, "leadUnitId": "x"}, sn)
    assert bad["__typename"] == "InvalidField" and bad["field"] == "leadUnitId"
    api.client.cookies.clear()  # the logins above left a session cookie
    anon = (await api.gql(query, {"id": pid}))["acceptPetition"]
    assert anon["code"] == "UNAUTHENTICATED", anon


async def test_two_mutations_in_one_request_see_fresh_available_actions(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn))["petition"]["id"]
    cg = str(api.city.id("SN-CG"))
    doc = """mutation($id: ID!, $cg: ID!) {
      a: dispatchPetition(input: {id: $id, leadUnitId: $cg}) {
        ... on PetitionSuccess { petition { state availableActions } } }
      b: escalatePetition(input: {id: $id, reason: "x"}) {
        __typename ... on PetitionSuccess { petition { state availableActions } } } }"""
    data = await api.gql(doc, {"id": pid, "cg": cg}, sn)
    assert data["a"]["petition"]["state"] == "ASSIGNED"
    assert "DISPATCH" not in data["a"]["petition"]["availableActions"]
    assert data["b"]["__typename"] == "NotAllowed"


async def test_the_hotlines_intake_is_recorded_as_the_hotline(api: Api) -> None:
    key = await api.app_key("QD", ApiClientKind.HOTLINE)
    sent = await submit(api, key, channel="HOTLINE_12345", externalId="H-77", districtCode="SB")
    assert sent["__typename"] == "PetitionReceipt", sent  # a channel gets a receipt
    pid = (await Petition.get(tracking_code=sent["trackingCode"])).id
    (event,) = await Event.filter(petition_id=pid)
    assert event.actor_role is Role.API_CLIENT and event.actor_client_kind is ApiClientKind.HOTLINE
    assert event.actor_user_id is None and event.actor_api_key_id is not None
    staff = await api.user("QD", Role.DISPATCHER)
    refused = await submit(api, staff, districtCode="SB")
    assert refused["__typename"] == "NotAllowed" and refused["code"] == "NOT_ALLOWED"


async def test_bad_input_names_every_bad_field_at_once(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    doc = """mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) {
      __typename ... on InvalidField { field fields { field message } } } }"""
    bad = {
        "title": " ",
        "content": "",
        "category": "LIVELIHOOD",
        "petitionerType": "CITIZEN",
        "petitionerName": "张三",
        "petitionerPhone": "123",
    }
    data = (await api.gql(doc, {"i": bad}, sn))["submitPetition"]
    assert data["__typename"] == "InvalidField" and data["field"] == "title"
    fields = [f["field"] for f in data["fields"]]
    assert fields == ["title", "content", "petitionerPhone", "kind"]
    assert await Event.all().count() == 0


async def test_the_api_timeline_names_the_client_kind_of_a_machine_step(api: Api) -> None:
    key = await api.app_key("QD", ApiClientKind.HOTLINE)
    await submit(api, key, channel="HOTLINE_12345", externalId="H-78", districtCode="SN")
    staff = await api.user("SN", Role.DISPATCHER)
    data = await api.gql(
        """{ petitions(first: 1) { nodes { timeline {
             action actorRole actorClientKind actorName } } } }""",
        token=staff,
    )
    (event,) = data["petitions"]["nodes"][0]["timeline"]
    assert event["actorRole"] == "API_CLIENT" and event["actorClientKind"] == "HOTLINE"


async def test_a_round_outside_one_and_two_is_refused_on_round(api: Api) -> None:
    staff = await api.user("SN", Role.DISPATCHER)
    for value in (-95097, 0, 3, 43785):
        body = await api.raw(
            "query($r: Int) { petitions(filter: {round: $r}) { nodes { id } } }",
            {"r": value},
            staff,
        )
        assert body["data"] is None and "办理轮次" in body["errors"][0]["message"], body
        assert body["errors"][0].get("extensions", {}).get("code") != "INTERNAL_ERROR"


async def test_a_campaign_year_no_campaign_can_have_is_unknown_not_an_error(api: Api) -> None:
    """Years reach a small integer column: one outside the campaigns' years never gets there
    (PostgreSQL refuses it as out of range; found by the generated-operations run)."""
    staff = await api.user("SN", Role.DISPATCHER)
    for year in (-5, 1464829, 2_000_000_000):
        body = await api.raw("query($y: Int!) { campaign(year: $y) { title } }", {"y": year}, staff)
        assert body == {"data": {"campaign": None}}, body
    city = await api.user("QD", Role.SUPERVISOR)
    topic = await Topic.first()
    assert topic is not None
    task = {
        "year": 1464829,
        "area": "城市管理",
        "title": "整治",
        "leadUnitId": str(api.city.id("QD-CG")),
        "topicIds": [str(topic.id)],
    }
    body = await api.raw(
        "mutation($i: AddCampaignTaskInput!) { addCampaignTask(input: $i) { __typename "
        "... on InvalidField { field } ... on Error { code } } }",
        {"i": task},
        city,
    )
    answer = body["data"]["addCampaignTask"]
    assert (answer["__typename"], answer["field"]) == ("InvalidField", "year"), body
