"""Duty-list screens: the admin edits and sees history; a head proposes; an import previews."""

from __future__ import annotations

from models import DutyItem, DutyItemProposal
from resolvers.duty_lists import create_duty_item
from tests.factories import T0
from tests.web.conftest import Web
from workflow.enums import Role

FORM = {
    "title": "生活垃圾清运监管",
    "description": "监督垃圾及时清运。",
    "legal_basis": "《城市市容和环境卫生管理条例》第二十八条",
    "keywords": "垃圾 清运",
    "topic_code": "SRHJ-01",
    "category": "LIVELIHOOD",
}


async def test_an_admin_creates_edits_and_sees_the_history_on_the_item(web: Web) -> None:
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    unit = web.city.id("SN-CG")
    page = await admin.get(f"/duty-lists?unit={unit}")
    assert page.status_code == 200 and "新增职责事项" in page.text
    bad = await admin.post(f"/duty-lists/{unit}/items", {**FORM, "legal_basis": ""})
    assert bad.status_code == 422 and "请填写法律依据" in bad.text
    made = await admin.post(f"/duty-lists/{unit}/items", FORM)
    assert made.status_code == 303
    item = await DutyItem.get(unit_id=unit)
    edited = await admin.post(f"/duty-items/{item.id}", {**FORM, "keywords": "垃圾 清运 满溢"})
    assert edited.status_code == 303
    page = await admin.get(f"/duty-items/{item.id}")
    history = page.text.split('data-testid="history"', 1)[1].split("</ol>", 1)[0]
    assert "新增" in history and "修改" in history and "满溢" in history and "sn.admin" in history


async def test_a_head_proposes_and_the_platform_admin_approves_on_the_list_page(web: Web) -> None:
    head = await web.signed_in("cg.head", ("SN-CG", Role.HEAD))
    unit = web.city.id("SN-CG")
    page = await head.get("/duty-lists")
    assert "提出新增职责事项" in page.text and "导入" not in page.text
    sent = await head.post(
        f"/duty-lists/{unit}/items", {**FORM, "propose": "1", "reason": "新职责"}
    )
    assert sent.status_code == 303
    assert await DutyItem.filter(unit_id=unit).count() == 0
    proposal = await DutyItemProposal.get(unit_id=unit)
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    decided = await admin.post(f"/duty-proposals/{proposal.id}/decide", {"approve": "1"})
    assert decided.status_code == 303
    assert await DutyItem.filter(unit_id=unit, active=True).count() == 1


async def test_an_import_preview_lists_changes_and_an_export_downloads(web: Web) -> None:
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    unit = web.city.id("SN-CG")
    actor = web.city.actor("SN", Role.ADMIN)
    await create_duty_item(actor, unit, {**FORM, "keywords": ["垃圾"]}, T0)
    export = await admin.get(f"/duty-lists/{unit}/export.csv")
    assert export.status_code == 200 and "attachment" in export.headers["content-disposition"]
    csv_text = export.content.decode("utf-8-sig").replace(",垃圾,", ",垃圾 清运,")
    resp = await admin.client.post(
        f"/duty-lists/{unit}/import",
        data={"apply": "0"},
        headers={"X-CSRF-Token": admin.csrf, "HX-Request": "true"},
        files={"file": ("list.csv", csv_text.encode("utf-8"), "text/csv")},
    )
    assert resp.status_code == 200
    report = resp.text.split('data-testid="import-report"', 1)[1]
    assert "预览" in report and "修改" in report
    assert (await DutyItem.get(unit_id=unit)).keywords == ["垃圾"]
