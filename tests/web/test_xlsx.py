"""The xlsx exports, opened with openpyxl and checked cell by cell."""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from datetime import date, datetime

import openpyxl

from tests.factories import T0
from tests.web.conftest import Web
from tests.web.test_campaign_pages import YEAR, _seed
from web.xlsx import MEDIA_TYPE, Column, Sheet, content_disposition, write_xlsx
from workflow.deadlines import TZ
from workflow.enums import Role


def _cells(ws: object) -> list[list[object]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]  # type: ignore[attr-defined]


async def test_every_kind_of_cell_is_written_as_its_excel_type() -> None:
    async def rows() -> AsyncIterator[tuple[object, ...]]:
        yield ("甲", 3, 0.5, 0.9046, date(2023, 3, 24), datetime(2023, 3, 24, 2, 30, tzinfo=TZ))
        yield ("乙", 0, None, None, None, None)

    columns = [
        Column("名称"),
        Column("数量", "int"),
        Column("均值", "float"),
        Column("解决率", "percent"),
        Column("日期", "date"),
        Column("时间", "datetime"),
    ]
    buffer = io.BytesIO()
    await write_xlsx(buffer, [Sheet("表一", columns, rows(), note="2023年3月")])
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    ws = book["表一"]
    assert _cells(ws) == [
        ["2023年3月", None, None, None, None, None],
        ["名称", "数量", "均值", "解决率", "日期", "时间"],
        ["甲", 3, 0.5, 0.9046, datetime(2023, 3, 24), datetime(2023, 3, 24, 2, 30)],
        ["乙", 0, None, None, None, None],
    ]
    assert ws["D3"].number_format == "0.00%"
    assert ws["E3"].number_format == "yyyy-mm-dd"


async def test_a_large_table_is_written_in_chunks_with_every_row() -> None:
    sheet = Sheet(
        "大表", [Column("序号", "int"), Column("文本")], ((i, f"行{i}") for i in range(5000))
    )
    buffer = io.BytesIO()
    await write_xlsx(buffer, [sheet])
    assert sheet.written == 5000
    ws = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()), read_only=True)["大表"]
    rows = _cells(ws)
    assert len(rows) == 5001 and rows[1] == [0, "行0"] and rows[-1] == [4999, "行4999"]


def test_a_chinese_file_name_reaches_the_browser_intact() -> None:
    header = content_disposition("攻坚行动2023.xlsx")
    assert header == (
        'attachment; filename="2023.xlsx"; '
        "filename*=UTF-8''%E6%94%BB%E5%9D%9A%E8%A1%8C%E5%8A%A82023.xlsx"
    )


async def test_the_public_campaign_export_holds_the_pages_tables(web: Web) -> None:
    await _seed(web)
    resp = await web.browser().client.get(f"/campaigns/{YEAR}.xlsx")
    assert resp.status_code == 200 and resp.headers["content-type"] == MEDIA_TYPE
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert book.sheetnames == ["任务", "月度诉求量"]
    tasks = _cells(book["任务"])
    assert tasks[0][0] == f"{YEAR}年民生领域集中攻坚行动（截至 {T0.date().isoformat()}）"
    assert tasks[1] == [
        "领域",
        "任务",
        "牵头单位",
        "配合单位",
        "攻坚目标",
        "计划进度",
        "实际进度",
        "状态",
        "阶段成果",
    ]
    assert tasks[2] == [
        "市容环境",
        "农村环卫",
        "市城市管理局",
        "市市场监管局",
        "垃圾日产日清",
        0.2,
        0.15,
        "滞后于计划",
        None,
    ]
    trend = _cells(book["月度诉求量"])
    assert trend[0][:2] == ["任务", f"{YEAR - 1}-01"] and trend[0][-1] == f"{YEAR}-03"
    assert trend[1][0] == "农村环卫" and sum(trend[1][1:]) == 3
    by_month = dict(zip(trend[0][1:], trend[1][1:], strict=True))
    # The petitions came on 3 January, 12 February and 24 March.
    assert [by_month[f"{YEAR}-0{m}"] for m in (1, 2, 3)] == [1, 1, 1]
    text = repr(tasks) + repr(trend)
    assert "李秘密" not in text and "王录入员" not in text


async def test_the_candidate_export_is_for_city_staff(web: Web) -> None:
    await _seed(web)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    resp = await b.get("/campaigns/candidates.xlsx")
    assert resp.status_code == 200
    rows = _cells(openpyxl.load_workbook(io.BytesIO(resp.content))["候选攻坚事项"])
    assert rows[1][:5] == ["序号", "领域", "诉求类别", "近一年", "上一年"]
    assert rows[2] == [1, "市容环境", "垃圾清运", 3, 0, None, 1, None, "是"]
    sn = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    assert (await sn.get("/campaigns/candidates.xlsx")).status_code == 403
    assert (await web.browser().client.get("/campaigns/candidates.xlsx")).status_code == 303
