"""Two server processes on one PostgreSQL database and one Redis, as `qingsu serve --workers 2`
or two machines behind a balancer run them: a token works on both, signing out on one is
honoured by the other within the recheck, intake numbers never collide, one petition's step
succeeds once, and the login throttle counts failures made on either."""

from __future__ import annotations

import asyncio
import os
import uuid
from pathlib import Path
from typing import Any

import httpx
import pytest

from bench.common import free_port, uvicorn_process
from models import RoleGrant, User
from resolvers.auth import create_api_key, hash_password
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import dispatched
from tests.resolvers.test_ratelimit import REDIS_URL, _redis_answers
from workflow.enums import ApiClientKind, Role

LOGIN = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
  __typename ... on LoginSuccess { token } ... on Error { code } } }"""
ME = "{ me { name } }"
SUBMIT = """mutation($x: String!) { submitPetition(input: {title: "路灯不亮", content: "路灯坏了",
  category: LIVELIHOOD, kind: COMPLAINT, petitionerType: CITIZEN, petitionerName: "王五",
  petitionerPhone: "13700001111", channel: DISTRICT_APP, externalId: $x}) {
  __typename ... on PetitionReceipt { trackingCode } } }"""
ACCEPT = """mutation($id: ID!) { acceptPetition(input: {id: $id}) { __typename
  ... on Error { code } } }"""


async def _gql(
    client: httpx.AsyncClient, query: str, token: str | None = None, **variables: Any
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": query, "variables": variables}
    client.cookies.clear()  # a bearer token only, as an app sends it (cookies need CSRF)
    body = (await client.post("/graphql", json=payload, headers=headers)).json()
    assert "errors" not in body, body
    data: dict[str, Any] = body["data"]
    return data


async def test_two_server_processes_share_one_database_and_one_throttle(
    db: str, db_url: str, tmp_path: Path
) -> None:
    if db != "postgres":
        pytest.skip("several server processes need PostgreSQL (SQLite is for one process)")
    if not _redis_answers():
        if os.environ.get("CI"):
            pytest.fail(f"no Redis at {REDIS_URL}")
        pytest.skip(f"no Redis at {REDIS_URL}")
    city = await build_city()
    password = await hash_password("right-password")
    for name, code, role in (("sn.d", "SN", Role.DISPATCHER), ("cg.h", "SN-CG", Role.HANDLER)):
        user = await User.create(username=name, display_name=name, password_hash=password)
        await RoleGrant.create(user=user, unit=city.units[code], role=role)
    app_key = (
        await create_api_key(None, "暖南App", city.id("SN"), ApiClientKind.DISTRICT_APP, T0)
    ).secret
    petition = await submit(city)
    await dispatched(city, petition.id, "SN-CG")

    settings = {"RATE_LIMIT_STORAGE": REDIS_URL, "RATE_LIMIT_PREFIX": f"t-{uuid.uuid4().hex}"}
    logs = [tmp_path / "a.log", tmp_path / "b.log"]
    async with (
        uvicorn_process("server:app_factory", db_url, free_port(), log=logs[0], env=settings) as a,
        uvicorn_process("server:app_factory", db_url, free_port(), log=logs[1], env=settings) as b,
        httpx.AsyncClient(base_url=a, timeout=20) as on_a,
        httpx.AsyncClient(base_url=b, timeout=20) as on_b,
    ):
        # Signed in on one, known on the other; signed out on one, refused by the other too.
        token = (await _gql(on_a, LOGIN, u="sn.d", p="right-password"))["login"]["token"]
        assert (await _gql(on_b, ME, token))["me"] == {"name": "sn.d"}
        assert (await _gql(on_a, "mutation { logout { __typename } }", token))
        for _ in range(50):  # versions.RECHECK_SECONDS is 2 s
            if (await _gql(on_b, ME, token))["me"] is None:
                break
            await asyncio.sleep(0.2)
        else:
            pytest.fail("the other process still accepts a token signed out 10 s ago")

        # Intake through both at once: every petition its own tracking code.
        sent = await asyncio.gather(
            *(
                _gql((on_a, on_b)[n % 2], SUBMIT, app_key, x=f"two-{n}")
                for n in range(20)
            )
        )
        codes = [s["submitPetition"]["trackingCode"] for s in sent]
        assert len(set(codes)) == 20, codes

        # The same step on one petition through both processes at once: exactly one succeeds.
        handler = (await _gql(on_a, LOGIN, u="cg.h", p="right-password"))["login"]["token"]
        results = await asyncio.gather(
            *(
                _gql((on_a, on_b)[n % 2], ACCEPT, handler, id=str(petition.id))
                for n in range(6)
            )
        )
        kinds = sorted(r["acceptPetition"]["__typename"] for r in results)
        assert kinds.count("PetitionSuccess") == 1, kinds

        # Five wrong passwords for one account, spread over both processes, lock the pair.
        for n in range(5):
            answer = await _gql((on_a, on_b)[n % 2], LOGIN, u="sn.d", p="wrong")
            assert answer["login"] == {"__typename": "Unauthenticated", "code": "UNAUTHENTICATED"}
        locked = await _gql(on_b, LOGIN, u="sn.d", p="right-password")
        assert locked["login"]["code"] == "TOO_MANY_ATTEMPTS", locked
    for log in logs:
        assert "Traceback" not in log.read_text(), log.read_text()
