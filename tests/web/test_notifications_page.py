"""The notification list, its mark-as-read forms and the navbar badge."""

from __future__ import annotations

from tests.factories import submit
from tests.resolvers.helpers import dispatched
from tests.web.conftest import Web
from workflow.enums import Role


async def test_the_badge_counts_unread_and_the_list_marks_them_read(web: Web) -> None:
    city = web.city
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    b = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    home = await b.get("/")
    assert 'hx-get="/notifications/count"' in home.text
    badge = await b.get("/notifications/count")
    assert 'data-testid="unread">1<' in badge.text
    page = await b.get("/notifications")
    assert p.tracking_code in page.text and "新派单" in page.text and "标为已读" in page.text
    done = await b.post("/notifications/read", {})
    assert done.status_code == 303
    assert (await b.get("/notifications/count")).text == ""
    assert "已读" in (await b.get("/notifications")).text


async def test_notifications_need_a_signed_in_person(web: Web) -> None:
    b = web.browser()
    resp = await b.get("/notifications", follow_redirects=False)
    assert resp.status_code == 303 and "/login" in resp.headers["location"]
