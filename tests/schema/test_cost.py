"""No request can stall the server: query cost, time limit, body size and JSON nesting."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator

import httpx

from server import create_app
from tests.schema.conftest import Api
from workflow.enums import Role

NESTED = "dutyItems { unit { parent { parent { name } } } topic { parent { name } } }"


async def test_thirty_aliases_of_nested_duty_items_are_refused_and_healthz_answers(
    api: Api,
) -> None:
    key = await api.app_key("SN")
    query = "{ " + " ".join(f"a{i}: {NESTED}" for i in range(30)) + " }"
    heavy, health = await asyncio.gather(
        api.client.post(
            "/graphql", json={"query": query}, headers={"Authorization": f"Bearer {key}"}
        ),
        api.client.get("/healthz"),
    )
    body = heavy.json()
    assert body["data"] is None
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
    assert body["errors"][0]["extensions"]["cost"] > body["errors"][0]["extensions"]["maxCost"]
    assert health.status_code == 200 and health.json() == {"ok": True, "database": "reachable"}


async def test_one_nested_duty_item_list_and_a_full_page_of_petitions_are_allowed(
    api: Api,
) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    await api.gql("{ %s }" % NESTED, token=token)
    page = """{ petitions(first: 100) { nodes { id handlingUnit { name parent { name } }
      topic { name } } } }"""
    await api.gql(page, token=token)


async def test_a_page_size_given_by_a_variable_counts_as_the_largest_page(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    inner = "handlingUnit { parent { parent { name } } } topic { parent { name } }"
    fields = " ".join(f"a{i}: petitions(first: $n) {{ nodes {{ {inner} }} }}" for i in range(12))
    body = await api.raw("query($n: Int) { %s }" % fields, {"n": 1}, token=token)
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"


@contextlib.asynccontextmanager
async def client_of(db_url: str, **options: object) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(db_url=db_url, sweep_every=0, **options)  # type: ignore[arg-type]
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client


async def test_a_request_over_the_time_limit_is_refused_with_a_timeout(db_url: str) -> None:
    async with client_of(db_url, timeout=1e-9) as client:
        resp = await client.post("/graphql", json={"query": "{ topics { name } }"})
        health = await client.get("/healthz")
    assert resp.status_code == 503
    assert resp.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"
    assert health.status_code == 200


async def test_a_body_over_the_size_limit_is_refused_with_413(api: Api) -> None:
    big = '{"query": "{ topics { name } }", "variables": {"x": "%s"}}' % ("x" * 2_000_000)
    resp = await api.client.post(
        "/graphql", content=big, headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 413

    async def chunks() -> AsyncIterator[bytes]:  # no Content-Length: counted as it arrives
        for _ in range(40):
            yield b" " * 65536

    resp = await api.client.post(
        "/graphql", content=chunks(), headers={"Content-Type": "application/json"}
    )
    assert resp.status_code == 413


async def test_deeply_nested_json_and_invalid_utf8_are_client_errors(api: Api) -> None:
    json_headers = {"Content-Type": "application/json"}
    deep = '{"query": "{ topics { name } }", "variables": {"x": %s}}' % (
        "[" * 100_000 + "]" * 100_000
    )
    resp = await api.client.post("/graphql", content=deep, headers=json_headers)
    assert resp.status_code == 400
    nested = '{"query": "{ topics { name } }", "variables": {"x": %s}}' % ("[" * 40 + "]" * 40)
    resp = await api.client.post("/graphql", content=nested, headers=json_headers)
    assert resp.status_code == 400
    invalid_utf8 = b'{"query": "{ topics { name } }", "operationName": "' + bytes([0xFF]) + b'"}'
    resp = await api.client.post("/graphql", content=invalid_utf8, headers=json_headers)
    assert resp.status_code == 400


async def test_reference_lists_have_a_hard_cap_and_a_page_size(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    data = await api.gql("{ units(first: 2) { id } all: units(first: 100000) { id } }", token=token)
    assert len(data["units"]) == 2 and 2 < len(data["all"]) <= 1000
    data = await api.gql("{ topics(first: 1) { code } dutyItems(first: 0) { id } }", token=token)
    assert len(data["topics"]) == 1 and data["dutyItems"] == []


WHOLE_VIEW = """query($n: Int!) { myPetitions(first: $n) { pageInfo { hasNextPage endCursor }
  nodes { trackingCode title content submittedAt status statusText closureText closedAt
    handlingUnitName deadline evaluationDueAt availableActions
    replies { round unitName sentAt petitionerSituation policyBasis handlingResult
      responsiblePerson contactPhone }
    milestones { kind at text unitName }
    evaluations { round satisfaction resolution comment source createdAt }
    materials { id text createdAt byPetitioner }
    attachments { id filename contentType size fromReply replyRound createdAt url
      thumbnailUrl } } } }"""


async def test_an_app_asking_for_the_whole_petitioners_view_by_variable_is_within_the_limit(
    api: Api,
) -> None:
    """A district app lists a petitioner's petitions with every field the view has and the
    page size in a variable (counted as the largest page): that must never be too costly."""
    app = await api.app_key("SN")
    body = await api.raw(WHOLE_VIEW, {"n": 20}, token=app)
    codes = [e.get("extensions", {}).get("code") for e in body.get("errors") or []]
    assert "QUERY_TOO_COSTLY" not in codes, body
