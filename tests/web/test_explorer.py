"""接口调试: the offline GraphQL explorer, at /explorer and (once wired) at /graphql."""

from __future__ import annotations

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.routing import Route

from tests.web.conftest import Web
from web.routes.explorer import graphql_or_explorer, wants_explorer
from web.session import LoginRequired, login_redirect
from workflow.enums import Role

HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}


def _graphql_app(web: Web) -> object:
    route = next(r for r in web.app.routes if getattr(r, "path", "") == "/graphql")  # type: ignore[attr-defined]
    return route.endpoint  # type: ignore[attr-defined]


def _wired(web: Web) -> Starlette:
    """/graphql routed through the explorer, as server.py is asked to do it."""
    app = Starlette(
        routes=[Route("/graphql", graphql_or_explorer(_graphql_app(web)), methods=["GET", "POST"])],  # type: ignore[arg-type]
        exception_handlers={LoginRequired: login_redirect},
    )
    app.state.clock = web.clock
    app.state.login_throttle = web.app.state.login_throttle  # type: ignore[attr-defined]
    return app


def _request(method: str = "GET", query: str = "", accept: str = "text/html") -> Request:
    scope = {
        "type": "http",
        "method": method,
        "path": "/graphql",
        "query_string": query.encode(),
        "headers": [(b"accept", accept.encode())],
    }
    return Request(scope)


def test_only_a_browser_opening_graphql_wants_the_explorer() -> None:
    assert wants_explorer(_request(accept=HTML["Accept"]))
    assert not wants_explorer(_request(query="query={me{name}}", accept=HTML["Accept"]))
    assert not wants_explorer(_request(accept="application/json"))
    assert not wants_explorer(_request(method="POST", accept=HTML["Accept"]))


async def test_an_admin_gets_the_explorer_with_examples_for_their_roles(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER), ("SN", Role.ADMIN))
    page = await b.get("/explorer")
    assert page.status_code == 200
    assert '<script src="/static/explorer.js" defer></script>' in page.text
    assert 'id="explorer-query"' in page.text and 'id="explorer-variables"' in page.text
    assert 'id="explorer-result"' in page.text
    assert "submitPetition" in page.text and "TRIAGE" in page.text and "me {" in page.text
    assert "cdn" not in page.text.lower()
    script = await b.get("/static/explorer.js")
    assert script.status_code == 200 and 'fetch("/graphql"' in script.text
    assert 'credentials: "same-origin"' in script.text
    assert '"X-CSRF-Token": csrfToken()' in script.text


async def test_signed_out_visitors_are_sent_to_login_from_the_explorer(web: Web) -> None:
    resp = await web.browser().get("/explorer")
    assert resp.status_code == 303 and resp.headers["location"] == "/login?next=/explorer"


async def test_graphql_in_a_browser_shows_the_explorer_and_json_still_works(web: Web) -> None:
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    wired = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=_wired(web)),
        base_url="http://test",
        cookies=b.client.cookies,
    )
    web.browsers.append(wired)
    page = await wired.get("/graphql", headers=HTML)
    assert page.status_code == 200 and "/static/explorer.js" in page.text
    assert "Accept" in page.headers["vary"]
    # A GET link carrying only the cookie acts in nobody's name; the page's token is needed.
    forged = await wired.get("/graphql", params={"query": "{ me { name } }"}, headers=HTML)
    assert forged.status_code == 403 and forged.json()["errors"][0]["extensions"]["code"] == "CSRF"
    csrf = {"X-CSRF-Token": wired.cookies["qingsu_csrf"]}
    via_get = await wired.get(
        "/graphql", params={"query": "{ me { name } }"}, headers={**HTML, **csrf}
    )
    assert via_get.json() == {"data": {"me": {"name": "sn.admin"}}}
    posted = await wired.post("/graphql", json={"query": "{ me { name roles } }"}, headers=csrf)
    assert posted.json() == {"data": {"me": {"name": "sn.admin", "roles": ["ADMIN"]}}}
    anonymous = httpx.AsyncClient(
        transport=httpx.ASGITransport(app=_wired(web)), base_url="http://test"
    )
    web.browsers.append(anonymous)
    redirected = await anonymous.get("/graphql", headers=HTML)
    assert redirected.status_code == 303 and redirected.headers["location"].startswith("/login")


async def test_the_real_graphql_endpoint_still_answers_json_with_the_session_cookie(
    web: Web,
) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    query = {"query": "{ me { name unit { name } } }"}
    without = await b.client.post("/graphql", json=query, headers={"Accept": "application/json"})
    assert without.status_code == 403
    resp = await b.client.post(
        "/graphql",
        json=query,
        headers={"Accept": "application/json", "X-CSRF-Token": b.client.cookies["qingsu_csrf"]},
    )
    assert resp.status_code == 200
    assert resp.json() == {"data": {"me": {"name": "sn.dispatcher", "unit": {"name": "暖南诉办"}}}}
