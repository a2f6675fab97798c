"""单位退回情况 on screen: the platform's units with their counts, and a unit's page with its
details, its duty list, its returns and the disputes linking to the petitions."""

from __future__ import annotations

from tests.resolvers.test_returns import DISPUTE_NOTE, returns_history
from tests.web.conftest import Web
from workflow.enums import Role

MARCH = "from=2023-03-01&to=2023-03-31"


async def test_the_platform_sees_a_units_returns_and_disputes_on_its_page(web: Web) -> None:
    h = await returns_history(web.city)
    b = await web.signed_in("sn.admin", ("SN", Role.DISPATCHER), ("SN", Role.ADMIN))
    index = await b.get(f"/units?{MARCH}")
    assert index.status_code == 200
    cg = web.city.id("SN-CG")
    row = index.text[index.text.index(f'data-id="{cg}"') :].split("</tr>")[0]
    assert "SN区城市管理局" in row
    assert '<td class="text-end">2</td><td class="text-end">1</td>' in row
    assert "SB区城市管理局" not in index.text
    page = await b.get(f"/units/{cg}?{MARCH}")
    assert page.status_code == 200
    text = page.text
    assert f'href="/duty-lists?unit={cg}"' in text
    count = text.index('data-testid="return-count">') + len('data-testid="return-count">')
    assert text[count] == "2"
    disputes = text[text.index('data-testid="disputes"') : text.index('data-testid="returns"')]
    assert f'href="/petitions/{h.disputed.id}"' in disputes and DISPUTE_NOTE in disputes
    assert h.accepted.tracking_code not in disputes
    returns = text[text.index('data-testid="returns"') :]
    assert f'href="/petitions/{h.accepted.id}"' in returns
    assert h.later.tracking_code not in text  # returned in April


async def test_a_unit_and_another_district_are_refused_the_page(web: Web) -> None:
    await returns_history(web.city)
    cg = web.city.id("SN-CG")
    handler = await web.signed_in("cg.h", ("SN-CG", Role.HANDLER))
    assert (await handler.get(f"/units/{cg}")).status_code == 403
    assert (await handler.get("/units")).status_code == 403
    other = await web.signed_in("sb.d", ("SB", Role.DISPATCHER))
    assert (await other.get(f"/units/{cg}")).status_code == 403
