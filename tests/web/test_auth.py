"""Logging in and out of the staff screens, CSRF, throttling and choosing a unit."""

from __future__ import annotations

from tests.web.conftest import Web
from workflow.enums import Role


async def test_an_anonymous_visitor_is_sent_to_login_and_htmx_gets_a_redirect_header(
    web: Web,
) -> None:
    b = web.browser()
    resp = await b.get("/")
    assert resp.status_code == 303 and resp.headers["location"] == "/login?next=/"
    resp = await b.client.get("/", headers={"HX-Request": "true"})
    assert resp.headers["HX-Redirect"] == "/login?next=/"


async def test_login_sets_a_strict_session_cookie_and_shows_the_queue(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await b.get("/")
    assert page.status_code == 200
    assert "待研判派单" in page.text and "sn.dispatcher" in page.text
    assert page.headers["vary"].startswith("HX-Request")


async def test_a_post_without_the_csrf_token_is_refused(web: Web) -> None:
    await web.account("csrf.user", ("SN", Role.DISPATCHER))
    b = web.browser()
    await b.get("/login")
    resp = await b.post("/login", {"username": "csrf.user", "password": "x"}, csrf=False)
    assert resp.status_code == 403
    forged = await b.client.post(
        "/login", data={"username": "csrf.user", "password": "x", "csrf_token": "forged"}
    )
    assert forged.status_code == 403


async def test_wrong_passwords_are_throttled_per_account(web: Web) -> None:
    await web.account("victim", ("SN", Role.DISPATCHER))
    b = web.browser()
    await b.get("/login")
    codes = [
        (await b.post("/login", {"username": "victim", "password": f"guess-{n}"})).status_code
        for n in range(6)
    ]
    assert codes == [401] * 5 + [429]
    # Even the right password waits until the window has passed.
    right = await b.post("/login", {"username": "victim", "password": "test-password-1"})
    assert right.status_code == 429


async def test_a_user_with_several_units_chooses_one_and_can_switch(web: Web) -> None:
    await web.account("multi", ("SN-CG", Role.HANDLER), ("SN-S01", Role.HANDLER))
    b = web.browser()
    await b.get("/login")
    resp = await b.post("/login", {"username": "multi", "password": "test-password-1", "next": "/"})
    assert resp.headers["location"] == "/choose-unit?next=/"
    await b.get("/choose-unit")
    resp = await b.post("/choose-unit", {"unit_id": web.city.id("SN-S01"), "next": "/"})
    assert resp.status_code == 303
    page = await b.get("/")
    assert "SN一街道" in page.text


async def test_logout_ends_the_session(web: Web) -> None:
    b = await web.signed_in("bye", ("SN", Role.DISPATCHER))
    await b.get("/")
    resp = await b.post("/logout")
    assert resp.status_code == 303
    assert (await b.get("/")).status_code == 303
