"""The endpoint's guard rails: depth, aliases, batching, introspection, masked failures."""

from __future__ import annotations

import httpx

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


async def test_introspection_is_on_by_default(api: Api) -> None:
    data = await api.gql("{ __schema { queryType { name } } }")
    assert data["__schema"]["queryType"]["name"] == "Query"


async def test_a_query_longer_than_the_token_limit_is_refused(api: Api) -> None:
    fields = " ".join(["name"] * 4100)
    body = await api.raw("{ topics { " + fields + " } }")
    assert "token" in body["errors"][0]["message"].lower()


async def test_a_repeated_query_is_validated_once_with_the_limits_in_force(api: Api) -> None:
    from strawberry.extensions.validation_cache import _get_validate_cache

    cache = _get_validate_cache(256)
    query = "{ topics { name parent { name } } }"
    await api.raw(query)
    before = cache.cache_info()
    await api.raw(query)
    await api.raw(query)
    after = cache.cache_info()
    assert after.hits == before.hits + 2 and after.misses == before.misses
