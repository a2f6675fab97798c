"""A database outage is not an internal error: 503 with Retry-After, a typed Unavailable,
one log line, and /healthz telling the truth.

The app is pointed at a PostgreSQL port where nothing listens (the machine's server is left
alone)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator

import httpx
import pytest

from bench.common import free_port
from resolvers import health
from server import create_app

SUBMIT = """mutation { login(input: {username: "someone", password: "some-password"}) {
  __typename ... on Unavailable { code retryAfterSeconds message } } }"""


@pytest.fixture
async def down() -> AsyncIterator[httpx.AsyncClient]:
    health._State.down = False
    url = f"postgres://postgres@127.0.0.1:{free_port()}/nowhere"
    app = create_app(db_url=url, sweep_every=0)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            yield client
    health._State.down = False


async def test_healthz_says_the_database_is_unreachable(down: httpx.AsyncClient) -> None:
    resp = await down.get("/healthz")
    assert resp.status_code == 503
    assert resp.json() == {"ok": False, "database": "unreachable"}


async def test_a_query_answers_503_unavailable_with_retry_after(down: httpx.AsyncClient) -> None:
    resp = await down.post("/graphql", json={"query": "{ topics { name } }"})
    assert resp.status_code == 503 and resp.headers["retry-after"] == "5"
    assert resp.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"


async def test_an_authenticated_request_answers_503_before_any_field_runs(
    down: httpx.AsyncClient,
) -> None:
    resp = await down.post(
        "/graphql",
        json={"query": "{ me { name } }"},
        headers={"Authorization": "Bearer qsk_demo12345_qingsu-demo-hotline-key"},
    )
    assert resp.status_code == 503 and resp.headers["retry-after"] == "5"
    assert resp.json()["errors"][0]["extensions"]["code"] == "UNAVAILABLE"


async def test_a_mutation_answers_the_typed_unavailable(down: httpx.AsyncClient) -> None:
    resp = await down.post("/graphql", json={"query": SUBMIT})
    assert resp.status_code == 503 and resp.headers["retry-after"] == "5"
    login = resp.json()["data"]["login"]
    assert login["__typename"] == "Unavailable" and login["code"] == "UNAVAILABLE"
    assert login["retryAfterSeconds"] == 5


async def test_a_staff_page_answers_503_and_the_outage_is_logged_once(
    down: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    down.cookies.set("qingsu_session", "some-session-token")
    for _ in range(3):
        page = await down.get("/")
        assert page.status_code == 503 and page.headers["retry-after"] == "5"
    await down.post("/graphql", json={"query": "{ topics { name } }"})
    # The server's start, which connects at once, may be the first to meet the outage.
    records = caplog.get_records("setup") + caplog.records
    lines = [r for r in records if "database unreachable" in r.getMessage()]
    assert len(lines) == 1
    assert not [r for r in records if r.exc_info], "no traceback for an outage"
