"""指挥中心 walked by the city and by a district: live counts, month rates, click-through."""

from __future__ import annotations

import re

from resolvers import handling
from tests.factories import T0, submit
from tests.resolvers.helpers import at, dispatched
from tests.web.conftest import Web
from workflow.enums import Role


def _cells(html: str, attr: str, row_id: int) -> dict[str, str]:
    row = re.search(rf'<tr {attr}="{row_id}">(.*?)</tr>', html, re.S)
    assert row, f"no row {attr}={row_id}"
    cells = re.findall(r'data-col="(\w+)">\s*(?:<a href="([^"]*)">)?(\d*)', row.group(1))
    return {col: num for col, _, num in cells} | {
        f"{col}_link": link for col, link, _ in cells if link
    }


async def _history(web: Web) -> dict[str, int]:
    city = web.city
    late = await submit(city)
    await dispatched(city, late.id, "SN-CG")  # deadline 24:00 on Tuesday the 28th
    fresh = await submit(city, now=at(2023, 3, 29, 9))
    await dispatched(city, fresh.id, "SN-CG", at(2023, 3, 29, 9))
    await handling.accept_petition(city.actor("SN-CG", Role.HANDLER), fresh.id, at(2023, 3, 29, 9))
    await submit(city, now=at(2023, 3, 29, 10))  # waits in triage
    await submit(city, "SB", now=T0)
    web.clock.now = at(2023, 3, 29, 11)
    return {"late": late.id, "fresh": fresh.id}


async def test_the_city_sees_every_district_and_clicks_through_to_the_petitions(web: Web) -> None:
    ids = await _history(web)
    city = web.city
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    home = await b.get("/")
    assert 'href="/command"' in home.text
    page = await b.get("/command")
    assert page.status_code == 200 and 'data-testid="districts"' in page.text
    sn = _cells(page.text, "data-district", city.id("SN"))
    assert (sn["open"], sn["red"], sn["overdue"], sn["yellow"], sn["today"]) == (
        "3",
        "1",
        "1",
        "0",
        "2",
    )
    # This month: two assignments, one accepted in time (the fresh one).
    assert "50.00%" in page.text
    sb = _cells(page.text, "data-district", city.id("SB"))
    assert (sb["open"], sb["today"]) == ("1", "0")
    # The live table refreshes itself as a fragment.
    frag = await b.client.get("/command", headers={"HX-Request": "true"})
    assert "<nav" not in frag.text and 'hx-trigger="every 30s"' in frag.text
    # District → units → petitions.
    district = await b.get(f"/command/districts/{city.id('SN')}")
    unit = _cells(district.text, "data-unit", city.id("SN-CG"))
    assert (unit["open"], unit["red"]) == ("2", "1")
    petitions = await b.get(unit["red_link"].replace("&amp;", "&"))
    late, fresh = _link(ids["late"]), _link(ids["fresh"])
    assert late in petitions.text and fresh not in petitions.text
    assert "暖南诉办" in petitions.text  # the district column


def _link(pid: int) -> str:
    return f'href="/petitions/{pid}?'


async def test_a_district_sees_only_itself_and_a_unit_not_at_all(web: Web) -> None:
    await _history(web)
    city = web.city
    b = await web.signed_in("sn.disp", ("SN", Role.DISPATCHER))
    go = await b.get("/command")
    assert go.status_code == 303 and go.headers["location"] == f"/command/districts/{city.id('SN')}"
    own = await b.get(go.headers["location"])
    assert own.status_code == 200 and 'data-testid="units"' in own.text
    assert (await b.get(f"/command/districts/{city.id('SB')}")).status_code == 403
    handler = await web.signed_in("cg.h", ("SN-CG", Role.HANDLER))
    assert (await handler.get("/command")).status_code == 403
    assert 'href="/command"' not in (await handler.get("/")).text


async def test_the_warnings_page_masks_phones_and_acknowledges(web: Web) -> None:
    await _history(web)  # four petitions from the same phone within a week
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    page = await b.get("/warnings")
    assert page.status_code == 200 and "138****5678" in page.text
    assert "13812345678" not in page.text
    assert 'data-kind="MOST_OVERDUE"' in page.text and "查看诉求" in page.text
    key = re.search(
        r'name="kind" value="REPEAT_PETITIONER"><input type="hidden" name="key" '
        r'value="(\w+)"',
        page.text,
    )
    assert key
    done = await b.post("/warnings/ack", {"kind": "REPEAT_PETITIONER", "key": key.group(1)})
    assert done.status_code == 303
    assert "已知悉" in (await b.get("/warnings")).text
    handler = await web.signed_in("cg.h2", ("SN-CG", Role.HANDLER))
    assert (await handler.get("/warnings")).status_code == 403
