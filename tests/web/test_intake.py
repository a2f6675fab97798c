"""受理登记: the intake form, its pickers, and who may use it."""

from __future__ import annotations

import re

import pytest

from models import Petition
from tests.web.conftest import Web
from workflow.enums import Category, Channel, Role, State

FORM = {
    "title": "小区门口垃圾无人清运",
    "content": "垃圾堆放三天无人清理，气味很大。",
    "category": "LIVELIHOOD",
    "kind": "COMPLAINT",
    "topic_code": "SRHJ-01",
    "petitioner_type": "CITIZEN",
    "petitioner_name": "张三",
    "petitioner_phone": "13812345678",
    "address": "市南区某路1号",
    "channel": "WALK_IN",
}


def _beside(html: str, label: str) -> str:
    """The markup from a field's label up to the next label: where its error must be."""
    start = html.index(label)
    end = html.find("<label", start + 1)
    return html[start : end if end > 0 else None]


async def test_the_form_shows_grouped_topics_and_the_district_streets(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await b.get("/intake")
    assert page.status_code == 200
    assert '<optgroup label="市容环境（攻坚）">' in page.text
    assert 'value="SRHJ-01"' in page.text
    assert "SN一街道" in page.text and "SB一街道" not in page.text
    assert 'name="district_code"' not in page.text  # a district's staff take their own district
    assert page.headers["vary"].startswith("HX-Request")


async def test_a_livelihood_petition_with_a_community_goes_straight_to_that_community(
    web: Web,
) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await b.get("/intake")
    form = {
        **FORM,
        "street_id": web.city.id("SN-S01"),
        "community_id": web.city.id("SN-S01-C01"),
        "external_id": "W-1",
    }
    resp = await b.post("/intake", form)
    assert resp.status_code == 303, resp.text
    petition = await Petition.get(external_id="W-1")
    assert resp.headers["location"] == f"/petitions/{petition.id}"
    assert petition.district_id == web.city.id("SN")
    assert petition.state == State.ASSIGNED
    assert petition.handling_unit_id == web.city.id("SN-S01-C01")
    assert petition.channel == Channel.WALK_IN


async def test_a_development_petition_waits_in_triage_and_ignores_a_stray_kind(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await b.get("/intake")
    resp = await b.post("/intake", {**FORM, "category": "DEVELOPMENT", "external_id": "D-1"})
    assert resp.status_code == 303, resp.text
    petition = await Petition.get(external_id="D-1")
    assert petition.state == State.TRIAGE and petition.category == Category.DEVELOPMENT
    assert petition.kind is None and petition.platform_id == web.city.id("SN")


@pytest.mark.parametrize(
    ("username", "grant"),
    [("qd.dispatcher", ("QD", Role.DISPATCHER)), ("qd-cg.handler", ("QD-CG", Role.HANDLER))],
)
async def test_city_level_staff_see_no_intake_and_cannot_post_one(
    web: Web, username: str, grant: tuple[str, Role]
) -> None:
    b = await web.signed_in(username, grant)
    home = await b.get("/")
    assert 'href="/intake"' not in home.text
    page = await b.get("/intake")
    assert page.status_code == 403 and "市级平台不直接受理群众诉求" in page.text
    resp = await b.post("/intake", {**FORM, "district_code": "SB", "external_id": "H-1"})
    assert resp.status_code == 403
    assert await Petition.all().count() == 0


async def test_a_bad_phone_is_refused_beside_the_phone_field_and_nothing_is_written(
    web: Web,
) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await b.get("/intake")
    resp = await b.post("/intake", {**FORM, "petitioner_phone": "12345"})
    assert resp.status_code == 422
    assert "请填写正确的手机号或固定电话" in _beside(resp.text, "联系电话")
    assert "请填写正确的手机号" not in _beside(resp.text, "标题")
    assert 'value="小区门口垃圾无人清运"' in resp.text  # what was typed is kept
    assert 'value="12345"' in resp.text
    assert await Petition.all().count() == 0


async def test_an_htmx_submission_gets_the_form_alone_as_a_422_fragment(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await b.get("/intake")
    resp = await b.post("/intake", {**FORM, "title": " "}, htmx=True)
    assert resp.status_code == 422
    assert resp.text.lstrip().startswith("<form") and "<html" not in resp.text
    assert "请填写标题" in _beside(resp.text, "标题")
    done = await b.post("/intake", {**FORM, "external_id": "X-1"}, htmx=True)
    petition = await Petition.get(external_id="X-1")
    assert done.headers["HX-Redirect"] == f"/petitions/{petition.id}"


async def test_a_livelihood_petition_without_a_kind_is_refused_beside_the_kind(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await b.get("/intake")
    resp = await b.post("/intake", {**FORM, "kind": ""})
    assert resp.status_code == 422
    assert re.search(r'id="kind-field".*民生类诉求须选择咨询、建议或投诉', resp.text, re.S)


async def test_a_grid_worker_reports_from_their_own_community(web: Web) -> None:
    b = await web.signed_in("grid", ("SN-S01-C01", Role.GRID_WORKER))
    page = await b.get("/intake")
    assert page.status_code == 200
    assert 'data-testid="own-community"' in page.text and 'name="community_id"' not in page.text
    assert 'value="GRID" selected' in page.text
    resp = await b.post("/intake", {**FORM, "channel": "GRID", "external_id": "G-1"})
    assert resp.status_code == 303, resp.text
    petition = await Petition.get(external_id="G-1")
    assert petition.community_id == web.city.id("SN-S01-C01")
    assert petition.state == State.ASSIGNED


async def test_staff_whose_role_may_not_submit_get_403(web: Web) -> None:
    # HANDLER may submit (workflow.transitions.ROLES); a department's reviewer may not.
    b = await web.signed_in("sn.cg.reviewer", ("SN-CG", Role.REVIEWER))
    page = await b.get("/intake")
    assert page.status_code == 403 and "无权受理诉求" in page.text
    resp = await b.post("/intake", FORM)
    assert resp.status_code == 403
    assert await Petition.all().count() == 0


async def test_the_communities_fragment_lists_only_that_streets_communities(web: Web) -> None:
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    resp = await b.get(f"/intake/communities?street_id={web.city.id('SN-S01')}")
    assert resp.status_code == 200
    assert f'value="{web.city.id("SN-S01-C01")}"' in resp.text
    assert "SN一社区" in resp.text and "SB一社区" not in resp.text
    assert "<html" not in resp.text
    other = await b.get(f"/intake/communities?street_id={web.city.id('SB-S01')}")
    assert "SB一社区" in other.text and "SN一社区" not in other.text


async def test_signed_out_visitors_are_sent_to_login(web: Web) -> None:
    resp = await web.browser().get("/intake")
    assert resp.status_code == 303 and resp.headers["location"].startswith("/login")
