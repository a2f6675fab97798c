"""The app under a real uvicorn process: lifespan, Tortoise's per-task context, cookies."""

from __future__ import annotations

import asyncio
import os
import socket
import sys
import time

import httpx

from models import RoleGrant, User
from resolvers.auth import hash_password
from tests.factories import build_city
from workflow.enums import Role

LOGIN = """mutation { login(input: {username: "e2e", password: "e2e-password"}) {
  __typename ... on LoginSuccess { token } } }"""
SUBMIT = """mutation { submitPetition(input: {title: "路灯不亮", content: "小区路灯坏了一周",
  category: LIVELIHOOD, kind: COMPLAINT, petitionerType: CITIZEN, petitionerName: "王五",
  petitionerPhone: "13700001111"}) { __typename ... on SubmitPetitionSuccess {
  petition { trackingCode state } } } }"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def test_a_real_uvicorn_process_serves_login_intake_and_lists(db: str, db_url: str) -> None:
    city = await build_city()
    user = await User.create(
        username="e2e", display_name="端到端", password_hash=await hash_password("e2e-password")
    )
    await RoleGrant.create(user=user, unit=city.units["SN"], role=Role.DISPATCHER)

    port = _free_port()
    env = {**os.environ, "DATABASE_URL": db_url, "SWEEP_EVERY_SECONDS": "0"}
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "server:app_factory",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "warning",
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=10) as client:
            deadline = time.monotonic() + 30
            while True:
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline, "uvicorn did not start"
                await asyncio.sleep(0.2)
            login = (await client.post("/graphql", json={"query": LOGIN})).json()
            assert "errors" not in login, login
            assert login["data"]["login"]["__typename"] == "LoginSuccess"
            # The cookie from login authenticates the next requests.
            sent = (await client.post("/graphql", json={"query": SUBMIT})).json()
            assert "errors" not in sent, sent
            petition = sent["data"]["submitPetition"]["petition"]
            assert petition["state"] == "TRIAGE" and petition["trackingCode"].startswith("SN")
            listed = (
                await client.post(
                    "/graphql", json={"query": "{ petitions { totalCount nodes { title } } }"}
                )
            ).json()
            assert listed["data"]["petitions"] == {
                "totalCount": 1,
                "nodes": [{"title": "路灯不亮"}],
            }
    finally:
        proc.terminate()
        out, _ = await asyncio.wait_for(proc.communicate(), timeout=10)
    assert b"Traceback" not in out, out.decode()
