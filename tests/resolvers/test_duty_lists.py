"""Keeping the duty lists: who edits, proposals, history, and all-or-nothing imports."""

from __future__ import annotations

import io
from datetime import timedelta

from openpyxl import load_workbook

from models import DutyItem, DutyItemChange
from resolvers.dispatch_suggestions import dispatch_suggestions
from resolvers.duty_files import FileFormat, export_duty_list, import_duty_list
from resolvers.duty_lists import (
    DutySearch,
    create_duty_item,
    decide_duty_proposal,
    duty_item_history,
    propose_duty_change,
    retire_duty_item,
    search_duty_items,
    update_duty_item,
)
from tests.factories import T0, build_city, submit
from tests.resolvers.helpers import refused
from workflow.duty_lists import DutyChangeKind, ProposalStatus
from workflow.enums import Role
from workflow.errors import ErrorCode

LAW = "《城市市容和环境卫生管理条例》第二十八条"
GARBAGE = {
    "title": "生活垃圾清运监管",
    "description": "监督垃圾及时清运。",
    "legal_basis": "《城市市容和环境卫生管理条例》第二十八条",
    "keywords": ["垃圾", "清运", "满溢"],
    "topic_code": "SRHJ-01",
    "category": "LIVELIHOOD",
}


async def test_a_platform_admin_edits_and_retires_with_every_change_in_the_history(
    db: str,
) -> None:
    city = await build_city()
    admin = city.actor("SN", Role.ADMIN)
    item = await create_duty_item(admin, city.id("SN-CG"), GARBAGE, T0)
    later = T0 + timedelta(hours=1)
    changed = {**GARBAGE, "keywords": "垃圾 清运 垃圾桶", "title": "垃圾清运监管"}
    await update_duty_item(admin, item.id, changed, later)
    await retire_duty_item(admin, item.id, later + timedelta(hours=1))
    history = await duty_item_history(item.id)
    assert [h.kind for h in history] == ["CREATE", "UPDATE", "RETIRE"]
    create, update, retire = history
    assert create.before == {} and create.after["title"] == "生活垃圾清运监管"
    assert update.before["keywords"] == ["垃圾", "清运", "满溢"]
    assert update.after["keywords"] == ["垃圾", "清运", "垃圾桶"]
    assert update.after["title"] == "垃圾清运监管" and update.at == later
    assert retire.after["active"] is False and retire.by_unit_id == city.id("SN")
    assert all(h.by_user_id == admin.user_id for h in history)
    row = await DutyItem.get(id=item.id)
    assert not row.active and row.retired_at is not None
    await refused(update_duty_item(admin, item.id, GARBAGE, later), ErrorCode.WRONG_STATE)


async def test_a_retired_item_no_longer_suggests_its_unit(db: str) -> None:
    city = await build_city()
    admin = city.actor("SN", Role.ADMIN)
    item = await create_duty_item(admin, city.id("SN-CG"), GARBAGE, T0)
    p = await submit(city)
    dispatcher = city.actor("SN", Role.DISPATCHER)
    codes = [u.code for _, u, _ in await dispatch_suggestions(dispatcher, p.id, T0)]
    assert codes[0] == "SN-CG"
    await retire_duty_item(admin, item.id, T0)
    codes = [u.code for _, u, _ in await dispatch_suggestions(dispatcher, p.id, T0)]
    assert "SN-CG" not in codes
    assert item.id not in [i.id for i in await search_duty_items(DutySearch(text="垃圾"))]
    found = await search_duty_items(DutySearch(text="垃圾", include_retired=True))
    assert item.id in [i.id for i in found]


async def test_only_the_keeping_platforms_admin_edits_a_list(db: str) -> None:
    city = await build_city()
    sn_cg = city.id("SN-CG")
    for actor in (
        city.actor("SB", Role.ADMIN),
        city.actor("SN-CG", Role.HEAD),
        city.actor("SN", Role.DISPATCHER),
        city.actor("QD", Role.ADMIN),
    ):
        await refused(create_duty_item(actor, sn_cg, GARBAGE, T0), ErrorCode.NOT_ALLOWED)
    qd_admin = city.actor("QD", Role.ADMIN)
    await create_duty_item(qd_admin, city.id("QD-CG"), GARBAGE, T0)
    await refused(
        create_duty_item(city.actor("SN", Role.ADMIN), sn_cg, {**GARBAGE, "category": "X"}, T0),
        ErrorCode.INVALID_FIELD,
        "category",
    )
    assert await DutyItem.filter(unit_id=sn_cg).count() == 0


async def test_a_unit_head_proposes_and_the_platform_decides(db: str) -> None:
    city = await build_city()
    head = city.actor("SN-CG", Role.HEAD)
    proposal = await propose_duty_change(
        head, city.id("SN-CG"), DutyChangeKind.CREATE, T0, raw=GARBAGE, reason="新增职责"
    )
    assert proposal.status == ProposalStatus.PENDING
    assert await DutyItem.filter(unit_id=city.id("SN-CG")).count() == 0
    await refused(decide_duty_proposal(head, proposal.id, True, T0), ErrorCode.NOT_ALLOWED)
    decided = await decide_duty_proposal(city.actor("SN", Role.ADMIN), proposal.id, True, T0)
    assert decided.status == ProposalStatus.APPROVED and decided.item_id is not None
    [change] = await DutyItemChange.filter(item_id=decided.item_id)
    assert change.proposal_id == proposal.id and change.kind == "CREATE"
    await refused(
        decide_duty_proposal(city.actor("SN", Role.ADMIN), proposal.id, True, T0),
        ErrorCode.WRONG_STATE,
    )
    retire = await propose_duty_change(
        head, city.id("SN-CG"), DutyChangeKind.RETIRE, T0, item_id=decided.item_id
    )
    rejected = await decide_duty_proposal(city.actor("SN", Role.ADMIN), retire.id, False, T0)
    assert rejected.status == ProposalStatus.REJECTED
    assert (await DutyItem.get(id=decided.item_id)).active
    other_head = city.actor("SN-SCJG", Role.HEAD)
    await refused(
        propose_duty_change(other_head, city.id("SN-CG"), DutyChangeKind.CREATE, T0, raw=GARBAGE),
        ErrorCode.NOT_ALLOWED,
    )


def _csv(*rows: str) -> bytes:
    header = "单位代码,事项编号,事项名称,事项描述,法律依据,关键词,主题代码,类别,停用"
    return ("\n".join((header, *rows)) + "\n").encode("utf-8")


async def test_an_import_with_bad_rows_imports_nothing_and_reports_each_bad_row(db: str) -> None:
    city = await build_city()
    admin = city.actor("SN", Role.ADMIN)
    content = _csv(
        "SN-CG,,生活垃圾清运监管,监督清运,《条例》第二十八条,垃圾 清运,SRHJ-01,LIVELIHOOD,",
        "SN-CG,,占道经营查处,查处占道,《条例》第十四条,占道 摆摊,SRHJ-01,WRONG,",
        "SN-CG,,,没有名称,《条例》,占道,SRHJ-01,ENFORCEMENT,",
        "SB-CG,,外区事项,描述,《条例》,词,SRHJ-01,ENFORCEMENT,",
        "SN-CG,,主题不存在,描述,《条例》,词,ZZZ-09,ENFORCEMENT,",
    )
    report = await import_duty_list(admin, city.id("SN"), content, FileFormat.CSV, T0, False)
    assert not report.applied
    bad = {r.row: set(r.errors) for r in report.bad_rows}
    assert bad == {3: {"category"}, 4: {"title"}, 5: {"unitCode"}, 6: {"topicCode"}}
    assert report.rows[0].change == DutyChangeKind.CREATE and not report.rows[0].errors
    assert await DutyItem.filter(unit_id=city.id("SN-CG")).count() == 0
    assert await DutyItemChange.all().count() == 0


async def test_a_dry_run_shows_what_would_change_and_writes_nothing(db: str) -> None:
    city = await build_city()
    admin = city.actor("SN", Role.ADMIN)
    kept = await create_duty_item(admin, city.id("SN-CG"), GARBAGE, T0)
    gone = await create_duty_item(admin, city.id("SN-CG"), {**GARBAGE, "title": "旧事项"}, T0)
    content = _csv(
        f"SN-CG,{kept.id},生活垃圾清运监管,监督垃圾及时清运和分类。,{LAW},垃圾 清运,SRHJ-01,"
        "LIVELIHOOD,",
        f"SN-CG,{gone.id},旧事项,,,,,,是",
        "SN-CG,,城市照明设施维护,路灯巡查维修,《城市照明管理规定》,路灯 不亮,,LIVELIHOOD,",
    )
    dry = await import_duty_list(admin, city.id("SN-CG"), content, FileFormat.CSV, T0, True)
    assert not dry.applied and not dry.bad_rows
    assert [r.change for r in dry.rows] == [
        DutyChangeKind.UPDATE,
        DutyChangeKind.RETIRE,
        DutyChangeKind.CREATE,
    ]
    assert await DutyItem.filter(unit_id=city.id("SN-CG"), active=True).count() == 2
    assert await DutyItemChange.all().count() == 2  # the two creations above
    done = await import_duty_list(admin, city.id("SN-CG"), content, FileFormat.CSV, T0, False)
    assert done.applied
    assert not (await DutyItem.get(id=gone.id)).active
    assert (await DutyItem.get(id=kept.id)).keywords == ["垃圾", "清运"]
    assert await DutyItem.filter(unit_id=city.id("SN-CG"), active=True).count() == 2


async def test_an_exported_xlsx_imports_back_unchanged(db: str) -> None:
    city = await build_city()
    admin = city.actor("SN", Role.ADMIN)
    await create_duty_item(admin, city.id("SN-CG"), GARBAGE, T0)
    name, data = await export_duty_list(admin, city.id("SN"), FileFormat.XLSX)
    assert name.endswith(".xlsx")
    sheet = load_workbook(io.BytesIO(data)).active
    assert sheet is not None and sheet.cell(row=2, column=3).value == "生活垃圾清运监管"
    report = await import_duty_list(admin, city.id("SN"), data, FileFormat.XLSX, T0, True)
    assert not report.bad_rows and all(r.change is None for r in report.rows)
    await refused(
        export_duty_list(city.actor("SB", Role.ADMIN), city.id("SN"), FileFormat.CSV),
        ErrorCode.NOT_ALLOWED,
    )
