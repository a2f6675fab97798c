"""The real application on the test's database, called over ASGI with its lifespan running."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx
import pytest

from models import RoleGrant, User
from resolvers.auth import create_api_key, hash_password
from server import create_app
from tests.factories import T0, City, build_city
from workflow.enums import ApiClientKind, Role

PASSWORD = "test-password-1"


@dataclass
class Clock:
    now: datetime = T0

    def __call__(self) -> datetime:
        return self.now


@dataclass
class Api:
    client: httpx.AsyncClient
    city: City
    clock: Clock
    tokens: dict[str, str] = field(default_factory=dict)
    _hash: str = ""

    async def raw(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        # Like the explorer page: a cookie session echoes its CSRF token.
        csrf = self.client.cookies.get("qingsu_csrf")
        if csrf:
            headers["X-CSRF-Token"] = csrf
        resp = await self.client.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert resp.status_code == 200, resp.text
        body: dict[str, Any] = resp.json()
        return body

    async def gql(
        self, query: str, variables: dict[str, Any] | None = None, token: str | None = None
    ) -> dict[str, Any]:
        body = await self.raw(query, variables, token)
        assert "errors" not in body, body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def user(self, code: str, *roles: Role) -> str:
        """A real account with `roles` at unit `code`, logged in; returns its bearer token."""
        key = f"{code}:{'+'.join(sorted(roles))}"
        if key in self.tokens:
            return self.tokens[key]
        if not self._hash:
            self._hash = await hash_password(PASSWORD)
        username = key.lower().replace(":", ".").replace("+", ".")
        user = await User.create(username=username, display_name=username, password_hash=self._hash)
        for role in roles:
            await RoleGrant.create(user=user, unit=self.city.units[code], role=role)
        data = await self.gql(LOGIN, {"u": username, "p": PASSWORD})
        token: str = data["login"]["token"]
        self.tokens[key] = token
        return token

    async def app_key(self, code: str, kind: ApiClientKind = ApiClientKind.DISTRICT_APP) -> str:
        made = await create_api_key(None, f"{kind} {code}", self.city.id(code), kind, T0)
        return made.secret


LOGIN = """
mutation($u: String!, $p: String!) {
  login(input: {username: $u, password: $p}) {
    __typename
    ... on LoginSuccess { token me { name roles unit { code } } }
    ... on Error { message }
  }
}"""


@pytest.fixture
async def api(db_url: str) -> AsyncIterator[Api]:
    clock = Clock()
    app = create_app(db_url=db_url, clock=clock, sweep_every=0)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            city = await build_city()
            yield Api(client=client, city=city, clock=clock)
