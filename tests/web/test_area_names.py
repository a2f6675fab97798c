"""Districts have their names: the administrative area where a place is meant, the
platform's brand where the platform is meant."""

from __future__ import annotations

import re

from tests.factories import submit
from tests.web.conftest import Web
from workflow.enums import Role


def _dd(html: str, label: str) -> str:
    found = re.search(rf"<dt>{label}</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.S)
    assert found, label
    return re.sub(r"\s+", " ", found.group(1)).strip()


async def test_the_petition_page_names_the_district_as_a_place_and_the_platform_by_its_brand(
    web: Web,
) -> None:
    p = await submit(
        web.city, street_id=web.city.id("SN-S01"), community_id=web.city.id("SN-S01-C01")
    )
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = (await b.get(f"/petitions/{p.id}")).text
    assert _dd(page, "所在区域") == "市南区 › SN一街道 › SN一社区"
    assert _dd(page, "当前平台") == "暖南诉办"


async def test_intake_names_the_district_where_the_petition_happened(web: Web) -> None:
    b = await web.signed_in("sn.grid", ("SN-S01-C01", Role.GRID_WORKER))
    page = (await b.get("/intake")).text
    assert "区（市）" in page and "市南区" in page and "暖南诉办" not in page.split("<main")[1]
