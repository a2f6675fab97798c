"""人员与岗位 at city scale: paging, search, each user's page (grants with a unit picker that
searches, deactivate, reset password) and the password change a reset forces."""

from __future__ import annotations

import re

from models import AdminAudit, RoleGrant, Session, User
from tests.schema.conftest import PASSWORD
from tests.web.conftest import Browser, Web
from workflow.enums import AuditAction, Role

_ROW = re.compile(r'href="/admin/users/(\d+)" aria-label="管理 ')
_TEMP = re.compile(r'data-testid="temporary-password">.*?<code>([^<]+)</code>', re.S)


def _listed(html: str) -> list[int]:
    return [int(x) for x in _ROW.findall(html)]


async def _user_id(username: str) -> int:
    return (await User.get(username=username)).id


async def _login(web: Web, username: str, password: str) -> tuple[Browser, int, str]:
    b = web.browser()
    await b.get("/login")
    resp = await b.post("/login", {"username": username, "password": password, "next": "/"})
    return b, resp.status_code, resp.headers.get("location", "")


async def test_the_users_list_is_paged_and_searched_by_name_username_and_unit(web: Web) -> None:
    for n in range(57):
        await web.account(f"sn.h{n:02d}", ("SN-S01", Role.HANDLER))
    await web.account("sb.worker", ("SB-S01", Role.HANDLER))
    named = await User.get(username="sn.h07")
    named.display_name = "王小燕"
    await named.save(update_fields=["display_name"])
    b = await web.signed_in("qd.admin", ("QD", Role.ADMIN))

    first = await b.get("/admin/users")
    assert first.status_code == 200 and "共 59 人" in first.text
    assert len(_listed(first.text)) == 50 and "第 1 / 2 页" in first.text
    assert "<select" not in first.text.split("新建账号")[1]  # no select of every unit
    second = await b.get("/admin/users?page=2")
    assert len(_listed(second.text)) == 9 and "第 2 / 2 页" in second.text
    assert not set(_listed(first.text)) & set(_listed(second.text))
    small = await b.get("/admin/users?size=20&page=3")
    assert len(_listed(small.text)) == 19 and "第 3 / 3 页" in small.text

    by_name = await b.get("/admin/users", params={"q": "小燕"})
    assert _listed(by_name.text) == [named.id] and "共 1 人" in by_name.text
    by_username = await b.get("/admin/users", params={"q": "H0"})
    assert len(_listed(by_username.text)) == 10
    # A unit's name finds the people who have a role there.
    by_unit = await b.get("/admin/users", params={"q": web.city.units["SB-S01"].name})
    assert _listed(by_unit.text) == [await _user_id("sb.worker")]
    nothing = await b.get("/admin/users", params={"q": "无此人"})
    assert _listed(nothing.text) == [] and "没有匹配的人员" in nothing.text

    # A district admin's list holds their district only.
    sn = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    theirs = await sn.get("/admin/users?size=100")
    assert "sb.worker" not in theirs.text and "共 58 人" in theirs.text


async def test_the_unit_picker_searches_the_units_in_reach(web: Web) -> None:
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    found = await b.get("/admin/unit-options", params={"unit_q": "社区", "picker": "grant-unit"})
    assert found.status_code == 200
    ids = {int(x) for x in re.findall(r'name="unit_id" value="(\d+)"', found.text)}
    assert web.city.id("SN-S01-C01") in ids
    by_id = {u.id: u for u in web.city.units.values()}
    assert all(by_id[i].district_id == web.city.id("SN") for i in ids)
    assert 'id="grant-unit-u' in found.text and "<label" in found.text
    one = await b.get("/admin/unit-options", params={"unit_q": "SN-S01-C01"})
    assert re.findall(r'value="(\d+)"[^>]*checked', one.text) == [str(web.city.id("SN-S01-C01"))]
    other = await b.get("/admin/unit-options", params={"unit_q": "SB"})
    assert 'name="unit_id"' not in other.text and "没有找到" in other.text
    empty = await b.get("/admin/unit-options", params={"unit_q": " "})
    assert empty.text.strip() == ""
    handler = await web.signed_in("sn.handler", ("SN-S01", Role.HANDLER))
    assert (await handler.get("/admin/unit-options?unit_q=SN")).status_code == 403


async def test_grants_are_edited_on_the_users_own_page(web: Web) -> None:
    await web.account("sn.h", ("SN-S01", Role.HANDLER), ("SB-S01", Role.HANDLER))
    uid = await _user_id("sn.h")
    b = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    page = await b.get(f"/admin/users/{uid}")
    assert page.status_code == 200 and "另有 1 个岗位在你的管理范围以外" in page.text
    assert web.city.units["SB-S01"].name not in page.text
    assert 'hx-get="/admin/unit-options?picker=grant-unit"' in page.text
    added = await b.post(
        f"/admin/users/{uid}/grants", {"unit_id": web.city.id("SN-S01"), "role": "REVIEWER"}
    )
    assert added.status_code == 303 and added.headers["location"] == f"/admin/users/{uid}"
    grant = await RoleGrant.get(user_id=uid, role=Role.REVIEWER, ended_at__isnull=True)
    refused = await b.post(
        f"/admin/users/{uid}/grants", {"unit_id": web.city.id("SB-S01"), "role": "HEAD"}
    )
    assert refused.status_code == 403 and "不在你的管理范围内" in refused.text
    # The form comes back with the role kept; no unit of another district is offered.
    assert 'value="HEAD" selected' in refused.text
    missing = await b.post(f"/admin/users/{uid}/grants", {"role": "HEAD"})
    assert missing.status_code == 422 and 'id="err-unit_id"' in missing.text
    revoked = await b.post(f"/admin/users/{uid}/grants/{grant.id}/revoke")
    assert revoked.status_code == 303 and revoked.headers["location"] == f"/admin/users/{uid}"
    assert not await RoleGrant.exists(id=grant.id, ended_at__isnull=True)
    # Someone with no role in the district is not found at all.
    await web.account("sb.only", ("SB-S01", Role.HANDLER))
    outside = await b.get(f"/admin/users/{await _user_id('sb.only')}")
    assert outside.status_code == 404 and "sb.only" not in outside.text


async def test_a_deactivated_user_is_signed_out_and_cannot_sign_in_until_reactivated(
    web: Web,
) -> None:
    worker = await web.signed_in("sn.h", ("SN-S01", Role.HANDLER))
    uid = await _user_id("sn.h")
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    done = await admin.post(f"/admin/users/{uid}/deactivate")
    assert done.status_code == 303
    assert not (await User.get(id=uid)).active
    assert (await worker.get("/")).status_code == 303  # the open session is over
    assert not await Session.exists(user_id=uid, revoked_at__isnull=True)
    _, status, _ = await _login(web, "sn.h", PASSWORD)
    assert status == 401
    listed = await admin.get("/admin/users", params={"status": "inactive"})
    assert _listed(listed.text) == [uid] and "已停用" in listed.text
    assert (await admin.post(f"/admin/users/{uid}/reactivate")).status_code == 303
    _, status, _ = await _login(web, "sn.h", PASSWORD)
    assert status == 303
    actions = await AdminAudit.filter(target="User", target_id=uid).values_list(
        "action", flat=True
    )
    assert actions == [AuditAction.USER_DEACTIVATED, AuditAction.USER_REACTIVATED]
    assert (await AdminAudit.filter(target_id=uid).first()).district_id == web.city.id("SN")  # type: ignore[union-attr]
    record = await admin.get("/admin/audit")
    assert "停用账号" in record.text and "启用账号" in record.text
    # An admin cannot lock themselves out.
    me = await _user_id("sn.admin")
    own = await admin.post(f"/admin/users/{me}/deactivate")
    assert own.status_code == 403 and "不能停用自己的账号" in own.text


async def test_a_district_admin_cannot_deactivate_or_reset_an_account_with_roles_elsewhere(
    web: Web,
) -> None:
    await web.account("both", ("SN-S01", Role.HANDLER), ("QD-CG", Role.HANDLER))
    uid = await _user_id("both")
    sn = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    page = await sn.get(f"/admin/users/{uid}")
    assert page.status_code == 200 and "由上级管理员办理" in page.text
    assert f"/admin/users/{uid}/password" not in page.text
    for step in ("deactivate", "password"):
        refused = await sn.post(f"/admin/users/{uid}/{step}")
        assert refused.status_code == 403, step
    user = await User.get(id=uid)
    assert user.active and not user.must_change_password
    city = await web.signed_in("qd.admin", ("QD", Role.ADMIN))
    assert (await city.post(f"/admin/users/{uid}/deactivate")).status_code == 303


async def test_a_reset_password_is_shown_once_and_must_be_changed_before_anything_else(
    web: Web,
) -> None:
    old_session = await web.signed_in("sn.h", ("SN-S01", Role.HANDLER))
    uid = await _user_id("sn.h")
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    reset = await admin.post(f"/admin/users/{uid}/password")
    assert reset.status_code == 200 and reset.headers["cache-control"] == "no-store"
    temporary = _TEMP.search(reset.text).group(1)  # type: ignore[union-attr]
    assert len(temporary) >= 12
    again = await admin.get(f"/admin/users/{uid}")
    assert temporary not in again.text and "待改密码" in again.text
    entry = await AdminAudit.get(action=AuditAction.PASSWORD_RESET, target_id=uid)
    assert temporary not in str(entry.before) + str(entry.after)
    # The user's open session ended; the old password no longer works.
    assert (await old_session.get("/")).headers["location"].startswith("/login")
    assert (await _login(web, "sn.h", PASSWORD))[1] == 401

    b, status, location = await _login(web, "sn.h", temporary)
    assert status == 303 and location == "/password"
    for url in ("/", "/intake", "/notifications", "/admin", "/explorer"):
        resp = await b.get(url)
        assert resp.status_code == 303 and resp.headers["location"] == "/password", url
    form = await b.get("/password")
    assert form.status_code == 200 and "管理员已重置你的密码" in form.text
    assert 'href="/intake"' not in form.text  # the navigation is folded until then
    # Every error at once, beside its field, nothing changed.
    bad = await b.post(
        "/password",
        {"current_password": "wrong", "new_password": "short", "new_password_again": "short"},
    )
    assert bad.status_code == 422
    assert 'id="err-current_password"' in bad.text and 'id="err-new_password"' in bad.text
    mismatch = await b.post(
        "/password",
        {
            "current_password": temporary,
            "new_password": "my-own-pass-1",
            "new_password_again": "my-own-pass-2",
        },
    )
    assert mismatch.status_code == 422 and "两次输入的新密码不一致" in mismatch.text
    assert 'id="err-current_password"' not in mismatch.text
    all_wrong = await b.post(
        "/password",
        {"current_password": "x", "new_password": "short", "new_password_again": "other"},
    )
    assert all(
        f'id="err-{name}"' in all_wrong.text
        for name in ("current_password", "new_password", "new_password_again")
    )
    assert (await User.get(id=uid)).must_change_password
    same = await b.post(
        "/password",
        {
            "current_password": temporary,
            "new_password": temporary,
            "new_password_again": temporary,
        },
    )
    assert same.status_code == 422 and "不能与当前密码相同" in same.text
    ok = await b.post(
        "/password",
        {
            "current_password": temporary,
            "new_password": "my-own-pass-1",
            "new_password_again": "my-own-pass-1",
        },
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"
    assert (await b.get("/")).status_code == 200  # the same session carries on
    assert not (await User.get(id=uid)).must_change_password
    assert (await _login(web, "sn.h", "my-own-pass-1"))[1] == 303


async def test_one_persons_typos_on_the_login_form_do_not_lock_out_the_office(web: Web) -> None:
    # Every in-process request comes from one address, like an office behind NAT.
    await web.account("typist", ("SN-S01", Role.HANDLER))
    await web.account("colleague", ("SN-S01", Role.HANDLER))
    codes = [(await _login(web, "typist", f"typo-{n}"))[1] for n in range(6)]
    assert codes == [401] * 5 + [429]
    assert (await _login(web, "typist", PASSWORD))[1] == 429  # this account, this address
    assert (await _login(web, "colleague", PASSWORD))[1] == 303


async def test_the_explorer_is_for_admins_only(web: Web) -> None:
    handler = await web.signed_in("sn.h", ("SN-S01", Role.HANDLER))
    home = await handler.get("/")
    assert 'href="/explorer"' not in home.text
    refused = await handler.get("/explorer")
    assert refused.status_code == 403 and "无权使用接口调试" in refused.text
    assert 'id="explorer-query"' not in refused.text
    browser_graphql = await handler.get(
        "/graphql",
        headers={"Accept": "text/html", "X-CSRF-Token": handler.client.cookies["qingsu_csrf"]},
    )
    assert browser_graphql.status_code == 403 and "无权使用接口调试" in browser_graphql.text
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    assert 'href="/explorer"' in (await admin.get("/admin/users")).text
    page = await admin.get("/explorer")
    assert page.status_code == 200 and 'id="explorer-query"' in page.text


async def test_intake_is_offered_only_to_those_who_may_submit(web: Web) -> None:
    reviewer = await web.signed_in("sn.cg.reviewer", ("SN-CG", Role.REVIEWER))
    assert 'href="/intake"' not in (await reviewer.get("/")).text
    assert (await reviewer.get("/intake")).status_code == 403
    handler = await web.signed_in("sn.h", ("SN-S01", Role.HANDLER))
    assert 'href="/intake"' in (await handler.get("/")).text
    assert (await handler.get("/intake")).status_code == 200
