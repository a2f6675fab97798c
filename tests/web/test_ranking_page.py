"""考核排名 on screen and in GraphQL: scores, places, and who is left unranked."""

from __future__ import annotations

import pytest

import settings
from tests.resolvers.stats_helpers import ranked_history
from tests.web.conftest import Web
from workflow.enums import Role


async def test_the_city_ranks_districts_and_leaves_thin_samples_unranked(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "RANKING_MIN_SAMPLE", 1)
    await ranked_history(web.city)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    page = await b.get("/ranking?from=2023-03-01&to=2023-03-31")
    assert page.status_code == 200
    sn = page.text.index(f'data-id="{web.city.id("SN")}"')
    sb = page.text.index(f'data-id="{web.city.id("SB")}"')
    assert sn < sb  # ranked first, the unranked last
    assert "<td>1</td><td>暖南诉办</td>" in page.text and "100.00" in page.text
    assert "<td>不参与</td><td>北尚诉办</td>" in page.text
    units = await b.get("/ranking?level=UNIT&from=2023-03-01&to=2023-03-31")
    assert "SN区城市管理局" in units.text and "SB区城市管理局" in units.text


async def test_a_district_ranks_its_own_units_and_a_unit_sees_no_ranking(web: Web) -> None:
    await ranked_history(web.city)
    b = await web.signed_in("sn.d", ("SN", Role.DISPATCHER))
    page = await b.get("/ranking?from=2023-03-01&to=2023-03-31")
    assert page.status_code == 200
    assert "SN区城市管理局" in page.text and "SB区城市管理局" not in page.text
    h = await web.signed_in("cg.h", ("SN-CG", Role.HANDLER))
    assert (await h.get("/ranking")).status_code == 403
