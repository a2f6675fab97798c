"""The endpoint's guard rails: depth, aliases, batching, introspection, masked failures."""

from __future__ import annotations

import logging

import httpx
import pytest

from server import create_app
from tests.schema.conftest import Api
from workflow.enums import Role


async def test_a_query_nested_deeper_than_the_limit_is_refused(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    deep = "{ me { unit " + "{ parent " * 12 + "{ name }" + " }" * 12 + " } }"
    body = await api.raw(deep, token=token)
    assert "exceeds maximum operation depth" in body["errors"][0]["message"]


async def test_too_many_aliases_are_refused(api: Api) -> None:
    query = "{ " + " ".join(f"a{i}: topics {{ name }}" for i in range(40)) + " }"
    body = await api.raw(query)
    assert "aliases" in body["errors"][0]["message"]


async def test_batched_requests_are_not_accepted(api: Api) -> None:
    resp = await api.client.post("/graphql", json=[{"query": "{ topics { name } }"}] * 2)
    assert resp.status_code == 400


async def test_introspection_can_be_switched_off(db_url: str) -> None:
    app = create_app(db_url=db_url, introspection=False, sweep_every=0)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            resp = await client.post("/graphql", json={"query": "{ __schema { types { name } } }"})
    assert "introspection" in resp.json()["errors"][0]["message"].lower()


async def test_introspection_is_refused_to_anonymous_callers_and_open_to_staff(api: Api) -> None:
    query = "{ __schema { queryType { name } } }"
    anonymous = await api.raw(query)
    assert "introspection" in anonymous["errors"][0]["message"].lower()
    token = await api.user("SN", Role.DISPATCHER)
    data = (await api.raw(query, token=token))["data"]
    assert data["__schema"]["queryType"]["name"] == "Query"
    key = await api.app_key("SN")
    assert "errors" not in await api.raw(query, token=key)


async def test_anonymous_callers_get_no_field_suggestions(api: Api) -> None:
    anonymous = await api.raw("{ topicz { name } }")
    assert anonymous["errors"] and "Did you mean" not in str(anonymous["errors"])
    token = await api.user("SN", Role.DISPATCHER)
    staff = await api.raw("{ topicz { name } }", token=token)
    assert "Did you mean" in staff["errors"][0]["message"]


async def test_a_query_longer_than_the_token_limit_is_refused(api: Api) -> None:
    fields = " ".join(["name"] * 4100)
    body = await api.raw("{ topics { " + fields + " } }")
    assert "token" in body["errors"][0]["message"].lower()


async def test_a_client_mistake_is_logged_as_one_line_without_a_traceback(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await api.raw("{ petition(id: 1) { nosuchfield } }")
    await api.raw('{ petitions(filter: {createdFrom: "0001-01-01"}) { totalCount } }')
    lines = [r for r in caplog.records if r.name.startswith(("qingsu", "strawberry"))]
    assert lines and not [r for r in lines if r.exc_info]
    assert all("\n" not in r.getMessage() for r in lines)


async def test_a_repeated_query_is_validated_once_with_the_limits_in_force(api: Api) -> None:
    from schema.guard import _validate

    query = "{ topics { name parent { name } } }"
    await api.raw(query)
    before = _validate.cache_info()
    await api.raw(query)
    await api.raw(query)
    after = _validate.cache_info()
    assert after.hits == before.hits + 2 and after.misses == before.misses
