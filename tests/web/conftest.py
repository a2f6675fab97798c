"""The staff screens in-process: a browser-like client that keeps cookies and the CSRF token."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest

from models import RoleGrant, User
from resolvers.auth import hash_password
from server import create_app
from tests.factories import City, build_city
from tests.schema.conftest import PASSWORD, Clock
from workflow.enums import Role

_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


@dataclass
class Browser:
    """One person's browser: its own cookie jar."""

    client: httpx.AsyncClient
    csrf: str = ""

    async def get(self, url: str, **kw: object) -> httpx.Response:
        resp = await self.client.get(url, **kw)  # type: ignore[arg-type]
        found = _CSRF.search(resp.text)
        if found:
            self.csrf = found.group(1)
        elif "qingsu_csrf" in self.client.cookies:
            self.csrf = self.client.cookies["qingsu_csrf"]
        return resp

    async def post(
        self, url: str, data: dict[str, object] | None = None, htmx: bool = False, csrf: bool = True
    ) -> httpx.Response:
        if not self.csrf:
            await self.get("/login")
        headers = {"HX-Request": "true"} if htmx else {}
        form = dict(data or {})
        if csrf:
            form["csrf_token"] = self.csrf
        return await self.client.post(url, data=form, headers=headers)  # type: ignore[arg-type]


@dataclass
class Web:
    app: object
    city: City
    clock: Clock
    _hash: str = ""
    browsers: list[httpx.AsyncClient] = field(default_factory=list)

    async def account(self, username: str, *grants: tuple[str, Role]) -> None:
        if not self._hash:
            self._hash = await hash_password(PASSWORD)
        user = await User.create(username=username, display_name=username, password_hash=self._hash)
        for code, role in grants:
            await RoleGrant.create(user=user, unit=self.city.units[code], role=role)

    def browser(self) -> Browser:
        client = httpx.AsyncClient(
            transport=httpx.ASGITransport(app=self.app),  # type: ignore[arg-type]
            base_url="http://test",
            follow_redirects=False,
        )
        self.browsers.append(client)
        return Browser(client)

    async def signed_in(self, username: str, *grants: tuple[str, Role]) -> Browser:
        await self.account(username, *grants)
        b = self.browser()
        await b.get("/login")
        resp = await b.post("/login", {"username": username, "password": PASSWORD, "next": "/"})
        assert resp.status_code == 303, resp.text
        return b


@pytest.fixture
async def web(db_url: str) -> AsyncIterator[Web]:
    clock = Clock()
    app = create_app(db_url=db_url, clock=clock, sweep_every=0)
    async with app.router.lifespan_context(app):
        w = Web(app=app, city=await build_city(), clock=clock)
        try:
            yield w
        finally:
            for c in w.browsers:
                await c.aclose()
