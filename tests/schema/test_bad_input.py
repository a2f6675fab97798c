"""No input ends in a server error: each answers its typed refusal (or a client error) and
writes nothing."""

from __future__ import annotations

import json
from typing import Any

import pytest

from models import Petition
from tests.schema.conftest import Api
from workflow.enums import Role

MASKED = "服务器内部错误"
SUBMIT = """mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) {
  __typename ... on InvalidField { field message } ... on SubmitPetitionSuccess {
  petition { id title petitionerPhone } } } }"""


def draft(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "title": "路灯不亮",
        "content": "小区路灯坏了一周",
        "category": "LIVELIHOOD",
        "kind": "COMPLAINT",
        "petitionerType": "CITIZEN",
        "petitionerName": "王五",
        "petitionerPhone": "13700001111",
    }
    values.update(overrides)
    return values


def no_internal_error(body: dict[str, Any]) -> None:
    assert MASKED not in str(body), body
    for error in body.get("errors") or []:
        assert error.get("extensions", {}).get("code") != "INTERNAL_ERROR", body


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"topicCode": "T" * 17}, "topicCode"),
        ({"externalId": "x" * 65, "channel": "WALK_IN"}, "externalId"),
        ({"districtCode": "ABCDE"}, "districtCode"),
        ({"title": "\u200b\u200e\u202e \u2060"}, "title"),
        ({"streetId": str(2**31)}, "streetId"),
        ({"communityId": str(2**64)}, "communityId"),
        ({"petitionerPhone": "1370000111"}, "petitionerPhone"),
    ],
)
async def test_bad_submissions_are_refused_by_field(
    api: Api, overrides: dict[str, Any], field: str | None
) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    body = await api.raw(SUBMIT, {"input": draft(**overrides)}, token=token)
    no_internal_error(body)
    result = body["data"]["submitPetition"]
    if field is None:
        assert result["__typename"] == "SubmitPetitionSuccess"
        assert "\x00" not in str(result)
    else:
        assert result == {**result, "__typename": "InvalidField", "field": field}
        assert await Petition.all().count() == 0


async def test_text_is_cleaned_of_controls_and_bidi_overrides_and_phones_of_wide_digits(
    api: Api,
) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    sent = draft(
        title="路灯\u202e不亮\x07",
        content="坏了\u2066一周\x1b",
        petitionerPhone="１３７０００１１１１２",
    )
    body = await api.raw(SUBMIT, {"input": sent}, token=token)
    petition = body["data"]["submitPetition"]["petition"]
    assert petition["title"] == "路灯不亮"
    stored = await Petition.get(id=int(petition["id"]))
    assert stored.content == "坏了一周" and stored.petitioner_phone == "13700011112"


async def test_a_nul_escaped_in_the_document_is_cleaned_from_free_text(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    # The GraphQL escape \u0000 (not a raw NUL, which the JSON edge refuses).
    query = (
        'mutation { submitPetition(input: {title: "路灯\\u0000不亮", content: "坏了", '
        'category: LIVELIHOOD, kind: COMPLAINT, petitionerType: CITIZEN, '
        'petitionerName: "王\\u0000五", petitionerPhone: "13700001111"}) { __typename } }'
    )
    body = await api.raw(query, token=token)
    no_internal_error(body)
    stored = await Petition.get()
    assert stored.title == "路灯不亮" and stored.petitioner_name == "王五"


@pytest.mark.parametrize(
    "query",
    [
        '{ petitions(filter: {text: "%s"}) { totalCount } }' % ("长" * 40),
        '{ petitions(filter: {createdFrom: "0001-01-01"}) { totalCount } }',
        '{ petitions(filter: {createdTo: "9999-12-31T23:59:59-12:00"}) { totalCount } }',
        '{ petitions(filter: {unitId: "%d"}) { totalCount } }' % 2**31,
        '{ petition(id: "%d") { id } }' % 2**31,
        '{ petition(id: "%d") { id } }' % 2**64,
        "{ petitions(first: -5) { totalCount } }",
        '{ petitionByTrackingCode(code: "%s", phone: "1") { id } }' % ("S" * 80),
        '{ units(parentId: "%d") { id } }' % 2**63,
        '{ dutyItems(topicId: "99999999999999999999") { id } }',
    ],
)
async def test_bad_query_arguments_are_client_errors(api: Api, query: str) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    body = await api.raw(query, token=token)
    no_internal_error(body)


@pytest.mark.parametrize("value", ["\ud800", "a\x00b"])
async def test_lone_surrogates_and_nul_bytes_are_client_errors(api: Api, value: str) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    payload = {
        "query": "query($t: String) { petitions(filter: {text: $t}) { totalCount } }",
        "variables": {"t": value},
    }
    resp = await api.client.post(
        "/graphql",
        content=json.dumps(payload),  # \ud800 travels as an escape, as a client would send it
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert resp.status_code in (200, 400)
    if resp.status_code == 200:
        no_internal_error(resp.json())


async def test_huge_ids_in_page_urls_are_not_found(api: Api) -> None:
    for raw in (str(2**31), str(2**63), str(2**70)):
        resp = await api.client.get(f"/petitions/{raw}")
        assert resp.status_code in (303, 404), (raw, resp.status_code)
