"""Merging on the staff screens: the surviving petition names what was merged into it — in its
details and on its timeline — and the merged one links to where it went."""

from __future__ import annotations

from resolvers import triage
from tests.factories import T0, submit
from tests.web.conftest import Web
from workflow.enums import Role


async def test_both_petitions_link_to_each_other_after_a_merge(web: Web) -> None:
    city = web.city
    survivor = await submit(city, petitioner_phone="13800000001")
    copy = await submit(city, petitioner_phone="13800000002")
    await triage.merge_petition(
        city.actor("SN", Role.DISPATCHER), copy.id, T0, duplicate_of_id=survivor.id
    )
    b = await web.signed_in("sn.d", ("SN", Role.DISPATCHER))
    page = (await b.get(f"/petitions/{survivor.id}")).text
    listed = page[page.index('data-testid="duplicates"') :].split("</dd>")[0]
    assert f'href="/petitions/{copy.id}"' in listed
    assert f"合并了重复诉求 {copy.tracking_code}" in page  # the timeline event
    merged = (await b.get(f"/petitions/{copy.id}")).text
    assert f'合并至 <a href="/petitions/{survivor.id}">{survivor.tracking_code}</a>' in merged
    assert 'data-testid="duplicates"' not in merged
