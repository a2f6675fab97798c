"""Uploading through GraphQL with the multipart request spec, and listing a petition's files."""

from __future__ import annotations

import json
from typing import Any

import httpx

from tests.images import FAKE_JPEG, jpeg
from tests.schema.conftest import Api
from tests.schema.helpers import submit
from workflow.enums import Role

ADD = """
mutation($input: AddAttachmentsInput!) {
  addAttachments(input: $input) {
    __typename
    ... on AddAttachmentsSuccess {
      attachments { id owner filename contentType size sha256 isSiteLocation lat url thumbnailUrl }
      petition { id }
    }
    ... on InvalidField { field message }
    ... on Error { message }
  }
}"""

LIST = """query($id: ID!) { attachments(petitionId: $id) { id filename owner } }"""


async def _upload(
    api: Api,
    pid: str,
    files: list[tuple[str, bytes]],
    headers: dict[str, str],
    **extra: Any,
) -> httpx.Response:
    """A request as the multipart spec describes it: operations, map, then the files."""
    variables = {"input": {"petitionId": pid, "files": [None] * len(files), **extra}}
    operations = json.dumps({"query": ADD, "variables": variables})
    mapping = json.dumps({str(i): [f"variables.input.files.{i}"] for i in range(len(files))})
    parts = [(str(i), (name, body, "image/jpeg")) for i, (name, body) in enumerate(files)]
    return await api.client.post(
        "/graphql",
        data={"operations": operations, "map": mapping},
        files=parts,
        headers=headers,
    )


async def test_an_app_uploads_photos_with_a_bearer_token_and_lists_them(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, token))["petition"]["id"]
    resp = await _upload(
        api,
        pid,
        [("a.jpg", jpeg()), ("b.jpg", jpeg(gps=False))],
        {"Authorization": f"Bearer {token}"},
        siteLocation=True,
    )
    assert resp.status_code == 200, resp.text
    body = resp.json()
    assert "errors" not in body, body
    done = body["data"]["addAttachments"]
    assert done["__typename"] == "AddAttachmentsSuccess"
    first, second = done["attachments"]
    assert first["owner"] == "PETITION" and first["isSiteLocation"] and first["lat"]
    assert not second["isSiteLocation"] and second["lat"] is None
    assert first["thumbnailUrl"] == f"/attachments/{first['id']}/thumbnail"
    listed = await api.gql(LIST, {"id": pid}, token)
    assert [a["id"] for a in listed["attachments"]] == [first["id"], second["id"]]
    file = await api.client.get(first["url"], headers={"Authorization": f"Bearer {token}"})
    assert file.status_code == 200 and file.headers["x-content-type-options"] == "nosniff"
    outsider = await api.user("SB", Role.DISPATCHER)
    assert (await api.gql(LIST, {"id": pid}, outsider))["attachments"] is None
    hidden = await api.client.get(first["url"], headers={"Authorization": f"Bearer {outsider}"})
    assert hidden.status_code == 404


async def test_a_fake_photo_is_refused_on_the_files_field(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, token))["petition"]["id"]
    resp = await _upload(api, pid, [("x.jpg", FAKE_JPEG)], {"Authorization": f"Bearer {token}"})
    result = resp.json()["data"]["addAttachments"]
    assert result["__typename"] == "InvalidField" and result["field"] == "files"


async def test_uploads_need_a_credential_and_cookies_need_the_csrf_header(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, token))["petition"]["id"]
    api.client.cookies.clear()
    anonymous = await _upload(api, pid, [("a.jpg", jpeg())], {})
    assert anonymous.status_code == 401  # refused before the body is parsed
    wrong = await _upload(api, pid, [("a.jpg", jpeg())], {"Authorization": "Bearer nope"})
    assert wrong.status_code == 401
    # Signed in by cookie (as a browser would be), but no CSRF header: a cross-site form.
    api.client.cookies.set("qingsu_session", token)
    api.client.cookies.set("qingsu_csrf", "c" * 32)
    forged = await _upload(api, pid, [("a.jpg", jpeg())], {})
    assert forged.status_code == 403
    same_site = await _upload(api, pid, [("a.jpg", jpeg())], {"X-CSRF-Token": "c" * 32})
    assert same_site.status_code == 200
    assert same_site.json()["data"]["addAttachments"]["__typename"] == "AddAttachmentsSuccess"
    api.client.cookies.clear()
