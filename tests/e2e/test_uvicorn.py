"""The app under a real uvicorn process: lifespan, Tortoise's per-task context, cookies."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx

from bench.common import free_port, uvicorn_process
from models import RoleGrant, User
from resolvers.auth import create_api_key, hash_password
from tests.factories import T0, build_city
from workflow.enums import ApiClientKind, Role

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


APP_SUBMIT = """mutation { submitPetition(input: {title: "噪音扰民", content: "夜间施工",
  category: LIVELIHOOD, kind: COMPLAINT, petitionerType: CITIZEN, petitionerName: "王五",
  petitionerPhone: "13700001111", channel: DISTRICT_APP, externalId: "e2e-1"}) {
  __typename ... on PetitionReceipt { trackingCode } } }"""
REQUEST_CODE = """mutation { requestPetitionerCode(input: {phone: "13700001111"}) {
  __typename ... on PetitionerCodeSent { sent } } }"""
VERIFY = """mutation($c: String!) { verifyPetitionerCode(input: {phone: "13700001111", code: $c}) {
  __typename ... on PetitionerSession { token } } }"""


async def test_a_petitioner_reads_the_code_from_the_servers_log_and_signs_in(
    db: str, db_url: str, tmp_path: Path
) -> None:
    """The console SMS backend writes `SMS to <phone>: <text>` to the server's log: the demo
    and a tester read the one-time code there."""
    city = await build_city()
    app_key = (
        await create_api_key(None, "暖南App", city.id("SN"), ApiClientKind.DISTRICT_APP, T0)
    ).secret
    log = tmp_path / "uvicorn.log"
    async with (
        uvicorn_process("server:app_factory", db_url, free_port(), log=log) as base,
        httpx.AsyncClient(base_url=base, timeout=10) as client,
    ):
        as_app = {"Authorization": f"Bearer {app_key}"}

        async def gql(query: str, headers: dict[str, str], **variables: str) -> dict[str, Any]:
            body = (
                await client.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=headers
                )
            ).json()
            assert "errors" not in body, body
            data: dict[str, Any] = body["data"]
            return data

        code = (await gql(APP_SUBMIT, as_app))["submitPetition"]["trackingCode"]
        assert (await gql(REQUEST_CODE, as_app))["requestPetitionerCode"]["sent"] is True
        lines = [ln for ln in log.read_text().splitlines() if "SMS to 13700001111: " in ln]
        assert len(lines) == 1, log.read_text()
        found = re.search(r"SMS to 13700001111: .*?(\d{6})", lines[0])
        assert found, lines[0]
        token = (await gql(VERIFY, as_app, c=found.group(1)))["verifyPetitionerCode"]["token"]
        as_petitioner = {"Authorization": f"Bearer {token}"}
        mine = await gql("{ myPetitions { nodes { trackingCode statusText } } }", as_petitioner)
        assert mine["myPetitions"]["nodes"] == [{"trackingCode": code, "statusText": "已受理"}]
    assert "Traceback" not in log.read_text(), log.read_text()
