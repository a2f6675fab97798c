"""The dispatch form shows the suggested units with their duty items and words."""

from __future__ import annotations

import re

from resolvers.dispatch_suggestions import duty_lists_changed
from tests.factories import submit
from tests.web.conftest import Web
from workflow.enums import Category, Role


async def test_the_dispatch_form_lists_suggestions_that_fill_the_lead_and_cooperating_units(
    web: Web,
) -> None:
    await duty_lists_changed()
    p = await submit(
        web.city,
        title="无证经营食品",
        content="路边食品店没有食品经营许可，请查处",
        category=Category.ENFORCEMENT,
        kind=None,
    )
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await dispatcher.get(f"/petitions/{p.id}")
    assert page.status_code == 200
    block = page.text.split('data-testid="dispatch-suggestions"', 1)[1].split("</ol>", 1)[0]
    assert "SN区市场监管局" in block and "食品经营许可" in block and "<mark>食品</mark>" in block
    lead = re.search(r'data-fill-lead="(\d+)"', block)
    assert lead is not None and lead.group(1) == str(web.city.id("SN-SCJG"))
    assert 'src="/static/suggest.js"' in page.text


async def test_a_handler_sees_no_suggestions(web: Web) -> None:
    await duty_lists_changed()
    p = await submit(web.city)
    handler = await web.signed_in("sn.scjg", ("SN-SCJG", Role.HANDLER))
    page = await handler.get(f"/petitions/{p.id}")
    assert "dispatch-suggestions" not in page.text


async def test_the_related_panel_lists_petitions_with_similar_content(web: Web) -> None:
    first = await submit(web.city, petitioner_phone="13700000001")
    second = await submit(web.city, petitioner_phone="13700000002")
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await dispatcher.get(f"/petitions/{second.id}")
    block = page.text.split('data-testid="similar"', 1)[1].split("</ul>", 1)[0]
    assert first.tracking_code in block and 'value="' + first.tracking_code + '"' in block
