"""系统管理: units, staff, API keys and the calendar on the staff screens."""

from __future__ import annotations

import pytest

from models import ApiKey, CalendarOverride, RoleGrant, Unit, User
from resolvers.auth import actor_from_api_key
from tests.web.conftest import Web
from workflow.enums import Role

PAGES = ["/admin", "/admin/units", "/admin/users", "/admin/keys", "/admin/calendar"]


def _beside(html: str, label: str) -> str:
    start = html.index(label)
    end = html.find("<label", start + 1)
    return html[start : end if end > 0 else None]


@pytest.mark.parametrize("role", [Role.DISPATCHER, Role.SUPERVISOR])
async def test_admin_pages_are_403_for_non_admins(web: Web, role: Role) -> None:
    b = await web.signed_in("not.admin", ("QD", role))
    for url in PAGES:
        resp = await b.get(url)
        assert resp.status_code == 403, url
        assert "无权访问系统管理" in resp.text
    created = await b.post(
        "/admin/keys", {"name": "x", "unit_id": web.city.id("QD"), "client_kind": "HOTLINE"}
    )
    assert created.status_code == 403
    assert await ApiKey.all().count() == 0


async def test_the_unit_tree_shows_only_the_district_and_a_street_can_be_added(web: Web) -> None:
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    assert (await b.get("/admin")).headers["location"] == "/admin/units"
    page = await b.get("/admin/units")
    assert page.status_code == 200 and "SN一社区" in page.text and "SB一社区" not in page.text
    form = {"parent_id": web.city.id("SN"), "kind": "STREET", "code": "SN-S02", "name": "二街道"}
    resp = await b.post("/admin/units", form)
    assert resp.status_code == 303 and resp.headers["location"] == "/admin/units"
    assert await Unit.exists(code="SN-S02", district_id=web.city.id("SN"))
    dup = await b.post("/admin/units", {**form, "name": "重复"})
    assert dup.status_code == 422
    assert "已被使用" in _beside(dup.text, "单位代码") and 'value="重复"' in dup.text


async def test_an_admin_creates_an_account_and_grants_and_revokes_a_role(web: Web) -> None:
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    await b.get("/admin/users")
    short = await b.post(
        "/admin/users",
        {
            "username": "sn.h2",
            "display_name": "李四",
            "password": "short",
            "unit_id": web.city.id("SN-S01"),
            "roles": "HANDLER",
        },
    )
    assert short.status_code == 422 and "初始密码至少8位" in _beside(short.text, "初始密码")
    assert 'value="sn.h2"' in short.text and not await User.exists(username="sn.h2")
    resp = await b.client.post(
        "/admin/users",
        data={
            "csrf_token": b.csrf,
            "username": "sn.h2",
            "display_name": "李四",
            "password": "long-enough",
            "unit_id": str(web.city.id("SN-S01")),
            "roles": ["HANDLER", "REVIEWER"],
        },
    )
    user = await User.get(username="sn.h2")
    assert resp.status_code == 303 and resp.headers["location"] == f"/admin/users/{user.id}"
    assert sorted(await RoleGrant.filter(user_id=user.id).values_list("role", flat=True)) == [
        "HANDLER",
        "REVIEWER",
    ]
    listed = await b.get("/admin/users")
    assert "sn.h2" in listed.text and "李四" in listed.text
    supervisor = await b.post(
        f"/admin/users/{user.id}/grants", {"unit_id": web.city.id("SN"), "role": "SUPERVISOR"}
    )
    assert supervisor.status_code == 403 and "只有市级管理员可以授予" in supervisor.text
    head = await b.post(
        f"/admin/users/{user.id}/grants", {"unit_id": web.city.id("SN-S01"), "role": "HEAD"}
    )
    assert head.status_code == 303
    grant = await RoleGrant.get(user_id=user.id, role=Role.HEAD)
    gone = await b.post(f"/admin/users/{user.id}/grants/{grant.id}/revoke")
    assert gone.status_code == 303
    assert not await RoleGrant.exists(id=grant.id, ended_at__isnull=True)
    # The record shows who did it, before and after.
    record = await b.get("/admin/audit")
    assert record.status_code == 200
    assert "授予岗位" in record.text and "撤销岗位" in record.text and "新增人员" in record.text
    assert "sn.admin" in record.text and "SN-S01" in record.text


async def test_a_district_admin_cannot_create_a_key_for_another_districts_unit(web: Web) -> None:
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    page = await b.get("/admin/keys")
    assert "SB一街道" not in page.text  # not even offered
    resp = await b.post(
        "/admin/keys",
        {"name": "北区App", "unit_id": web.city.id("SB"), "client_kind": "DISTRICT_APP"},
    )
    assert resp.status_code == 403
    assert "只有管理员可以为本级及下级单位创建密钥" in _beside(resp.text, "所属单位")
    assert await ApiKey.all().count() == 0
    ok = await b.post(
        "/admin/keys",
        {"name": "暖南App", "unit_id": web.city.id("SN"), "client_kind": "DISTRICT_APP"},
    )
    assert ok.status_code == 200
    assert await ApiKey.filter(name="暖南App", unit_id=web.city.id("SN")).count() == 1


async def test_a_keys_secret_is_shown_once_and_revoking_it_stops_it(web: Web) -> None:
    b = await web.signed_in("qd.admin", ("QD", Role.ADMIN))
    await b.get("/admin/keys")
    made = await b.post(
        "/admin/keys", {"name": "12345热线", "unit_id": web.city.id("QD"), "client_kind": "HOTLINE"}
    )
    assert made.status_code == 200 and made.headers["cache-control"] == "no-store"
    key = await ApiKey.get(name="12345热线")
    secret = next(
        line.split(">", 1)[1].split("<", 1)[0]
        for line in made.text.splitlines()
        if 'id="secret"' in line
    )
    assert secret.startswith(f"qsk_{key.prefix}_") and "只在此页显示" in made.text
    assert await actor_from_api_key(secret) is not None
    listing = await b.get("/admin/keys")
    assert f"qsk_{key.prefix}_" in listing.text and secret not in listing.text
    assert secret.split("_", 2)[2] not in listing.text
    revoked = await b.post(f"/admin/keys/{key.id}/revoke")
    assert revoked.status_code == 303 and revoked.headers["location"] == "/admin/keys"
    assert await actor_from_api_key(secret) is None
    assert "已吊销" in (await b.get("/admin/keys")).text


async def test_a_city_admin_adds_new_years_day_2027_and_the_warning_goes(web: Web) -> None:
    b = await web.signed_in("qd.admin", ("QD", Role.ADMIN))
    page = await b.get("/admin/calendar")
    assert 'data-testid="warn-2027"' in page.text and 'data-testid="warn-2028"' in page.text
    assert 'data-testid="warn-2025"' not in page.text
    bad = await b.post("/admin/calendar", {"day": "2027-02-30", "is_working": "0", "name": "x"})
    assert bad.status_code == 422 and "日期格式" in _beside(bad.text, "日期")
    resp = await b.post("/admin/calendar", {"day": "2027-01-01", "is_working": "0", "name": "元旦"})
    assert resp.status_code == 303 and resp.headers["location"] == "/admin/calendar"
    page = await b.get("/admin/calendar")
    assert 'data-testid="warn-2027"' not in page.text and 'data-testid="warn-2028"' in page.text
    assert "2027-01-01" in page.text and "元旦" in page.text
    row = await CalendarOverride.get(name="元旦")
    deleted = await b.post(f"/admin/calendar/{row.id}/delete")
    assert deleted.status_code == 303 and await CalendarOverride.all().count() == 0


async def test_a_district_admin_is_refused_the_calendar(web: Web) -> None:
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    page = await b.get("/admin/calendar")
    assert (
        page.status_code == 200 and "只有市级管理员" in page.text and 'name="day"' not in page.text
    )
    resp = await b.post("/admin/calendar", {"day": "2027-01-01", "is_working": "0", "name": "元旦"})
    assert resp.status_code == 403 and "只有市级管理员可以维护工作日历" in resp.text
    assert await CalendarOverride.all().count() == 0
