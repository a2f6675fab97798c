"""Machine clients' keys: created by admins within their reach, shown once, revocable."""

from __future__ import annotations

from models import ApiKey
from resolvers.auth import actor_from_api_key, create_api_key
from tests.factories import T0
from tests.schema.conftest import Api
from workflow.enums import ApiClientKind, Role

CREATE = """mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { __typename
  ... on CreateApiKeySuccess { secret apiKey { id prefix scopes revoked } }
  ... on InvalidField { field } ... on Error { message } } }"""
REVOKE = """mutation($id: ID!) { revokeApiKey(id: $id) { __typename
  ... on ApiKeyInfo { revoked } ... on Error { message } } }"""


async def test_a_district_admin_creates_a_key_for_its_district_only_and_only_a_hash_is_kept(
    api: Api,
) -> None:
    admin = await api.user("SN", Role.ADMIN)
    made = (
        await api.gql(
            CREATE,
            {
                "i": {
                    "name": "暖南诉办App",
                    "unitId": str(api.city.id("SN")),
                    "clientKind": "DISTRICT_APP",
                }
            },
            admin,
        )
    )["createApiKey"]
    assert made["__typename"] == "CreateApiKeySuccess"
    assert made["apiKey"]["scopes"] == ["PETITION_SUBMIT"]
    row = await ApiKey.get(id=int(made["apiKey"]["id"]))
    assert made["secret"] not in (row.key_hash, row.prefix) and len(row.key_hash) == 64
    other = (
        await api.gql(
            CREATE,
            {"i": {"name": "x", "unitId": str(api.city.id("SB")), "clientKind": "DISTRICT_APP"}},
            admin,
        )
    )["createApiKey"]
    assert other["__typename"] == "NotAllowed"
    handler = await api.user("SN-CG", Role.HANDLER)
    refused = await api.gql(
        CREATE,
        {
            "i": {
                "name": "x",
                "unitId": str(api.city.id("SN-CG")),
                "clientKind": "DEPARTMENT_SYSTEM",
            }
        },
        handler,
    )
    assert refused["createApiKey"]["__typename"] == "NotAllowed"
    blank = (
        await api.gql(
            CREATE,
            {"i": {"name": " ", "unitId": str(api.city.id("SN")), "clientKind": "DISTRICT_APP"}},
            admin,
        )
    )["createApiKey"]
    assert (blank["__typename"], blank["field"]) == ("InvalidField", "name")


async def test_a_revoked_key_no_longer_authenticates(api: Api) -> None:
    admin = await api.user("QD", Role.ADMIN)
    made = await create_api_key(
        None, "部门系统", api.city.id("SN-CG"), ApiClientKind.DEPARTMENT_SYSTEM, T0
    )
    assert (await api.gql("{ me { isMachine unit { code } } }", token=made.secret))["me"] == {
        "isMachine": True,
        "unit": {"code": "SN-CG"},
    }
    revoked = await api.gql(REVOKE, {"id": str(made.key.id)}, admin)
    assert revoked["revokeApiKey"] == {"__typename": "ApiKeyInfo", "revoked": True}
    assert (await api.gql("{ me { name } }", token=made.secret))["me"] is None


async def test_every_generated_key_authenticates_and_a_tampered_one_does_not(api: Api) -> None:
    for n in range(40):  # random tails contain '-' and '_' often enough to matter
        made = await create_api_key(None, f"k{n}", api.city.id("SN"), ApiClientKind.HOTLINE, T0)
        assert (await actor_from_api_key(made.secret)) is not None, made.secret
        tampered = made.secret[:-1] + ("A" if made.secret[-1] != "A" else "B")
        assert (await actor_from_api_key(tampered)) is None
