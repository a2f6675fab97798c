"""The app under a real uvicorn process: lifespan, Tortoise's per-task context, cookies."""

from __future__ import annotations

from pathlib import Path

import httpx

from bench.common import free_port, uvicorn_process
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


async def test_a_real_uvicorn_process_serves_login_intake_and_lists(
    db: str, db_url: str, tmp_path: Path
) -> None:
    city = await build_city()
    user = await User.create(
        username="e2e", display_name="端到端", password_hash=await hash_password("e2e-password")
    )
    await RoleGrant.create(user=user, unit=city.units["SN"], role=Role.DISPATCHER)

    log = tmp_path / "uvicorn.log"
    async with (
        uvicorn_process("server:app_factory", db_url, free_port(), log=log) as base,
        httpx.AsyncClient(base_url=base, timeout=10) as client,
    ):
        login = (await client.post("/graphql", json={"query": LOGIN})).json()
        assert "errors" not in login, login
        assert login["data"]["login"]["__typename"] == "LoginSuccess"
        # The cookie from login authenticates the next requests, with the CSRF token it came with.
        client.headers["X-CSRF-Token"] = client.cookies["qingsu_csrf"]
        sent = (await client.post("/graphql", json={"query": SUBMIT})).json()
        assert "errors" not in sent, sent
        petition = sent["data"]["submitPetition"]["petition"]
        assert petition["state"] == "TRIAGE" and petition["trackingCode"].startswith("SN")
        query = "{ petitions { totalCount nodes { title } } }"
        listed = (await client.post("/graphql", json={"query": query})).json()
        assert listed["data"]["petitions"] == {"totalCount": 1, "nodes": [{"title": "路灯不亮"}]}
    assert "Traceback" not in log.read_text(), log.read_text()
