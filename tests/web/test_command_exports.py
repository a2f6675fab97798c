"""The command screens' charts and xlsx exports: each chart carries the rows of the table
beside it, and each export, opened with openpyxl, holds the figures the screen shows."""

from __future__ import annotations

import html
import io
import json
import re
from typing import Any

import openpyxl
import pytest

import settings
from tests.resolvers.stats_helpers import ranked_history
from tests.web.conftest import Browser, Web
from tests.web.test_command import _cells, _history
from workflow.enums import Role

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _chart(page: str, testid: str) -> dict[str, Any]:
    found = re.search(rf'data-testid="{testid}"[^>]*data-chart=\'([^\']*)\'', page)
    assert found, f"no chart {testid}"
    spec: dict[str, Any] = json.loads(html.unescape(found.group(1)))
    return spec


async def _book(b: Browser, url: str) -> openpyxl.Workbook:
    resp = await b.get(url)
    assert resp.status_code == 200, resp.text
    assert resp.headers["content-type"] == XLSX
    assert "attachment" in resp.headers["content-disposition"]
    return openpyxl.load_workbook(io.BytesIO(resp.content))


def _rows(ws: Any) -> list[list[Any]]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


HEAD = ["在办", "黄灯", "红灯", "超期", "待审核", "今日受理"]
RATES = ["响应率", "按时办结率", "解决率", "满意率", "先行联系率"]


async def test_the_city_centre_draws_its_rows_and_exports_them(web: Web) -> None:
    await _history(web)
    city = web.city
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    page = (await b.get("/command")).text
    assert 'src="/static/vendor/echarts.min.js"' in page and 'href="/command.xlsx"' in page
    sn = _cells(page, "data-district", city.id("SN"))
    live = _chart(page, "chart-live")
    col = live["x"].index("暖南诉办")
    assert [s["name"] for s in live["series"]] == ["在办", "黄灯", "红灯", "超期"]
    assert [s["data"][col] for s in live["series"]] == [
        int(sn["open"]),
        int(sn["yellow"]),
        int(sn["red"]),
        int(sn["overdue"]),
    ]
    rates = _chart(page, "chart-rates")
    assert rates["series"][0]["name"] == "响应率"
    assert rates["series"][0]["data"][rates["x"].index("暖南诉办")] == 50.0

    book = await _book(b, "/command.xlsx")
    ws = book["各区（市）"]
    rows = _rows(ws)
    assert rows[0][0].startswith("全市 · 2023-03-29 11:00")
    assert rows[1] == ["区（市）平台", *HEAD, *RATES]
    by_name = {r[0]: r for r in rows[2:]}
    assert len(by_name) == len(live["x"])
    got = by_name["暖南诉办"]
    assert got[1:7] == [
        int(sn["open"]),
        int(sn["yellow"]),
        int(sn["red"]),
        int(sn["overdue"]),
        int(sn["review"]),
        int(sn["today"]),
    ]
    assert got[7] == 0.5 and got[10] is None  # 响应率 50.00 %; no evaluations: blank
    assert ws.cell(row=3, column=8).number_format == "0.00%"
    assert by_name["北尚诉办"][1] == 1


async def test_a_district_exports_its_total_units_and_streets(web: Web) -> None:
    await _history(web)
    city = web.city
    b = await web.signed_in("sn.disp", ("SN", Role.DISPATCHER))
    page = (await b.get(f"/command/districts/{city.id('SN')}")).text
    cg = _cells(page, "data-unit", city.id("SN-CG"))
    units = _chart(page, "chart-units")
    col = units["x"].index("SN区城市管理局")
    assert [s["data"][col] for s in units["series"]][:3] == [int(cg["open"]), 0, int(cg["red"])]
    # A district platform asking for the city's export is sent to its own.
    go = await b.get("/command.xlsx")
    assert go.status_code == 303
    assert go.headers["location"] == f"/command/districts/{city.id('SN')}.xlsx"
    book = await _book(b, go.headers["location"])
    assert book.sheetnames == ["全区", "承办单位", "镇（街道）"]
    total = _rows(book["全区"])[2]
    assert total[0] == "暖南诉办" and total[1] == 3
    unit_rows = {r[0]: r for r in _rows(book["承办单位"])[2:]}
    assert unit_rows["SN区城市管理局"][1:4] == [int(cg["open"]), 0, int(cg["red"])]
    assert unit_rows["SN区城市管理局"][6] is None  # no intake column for units
    assert unit_rows["SN区城市管理局"][7] == 0.5
    assert (await b.get(f"/command/districts/{city.id('SB')}.xlsx")).status_code == 403
    handler = await web.signed_in("cg.h", ("SN-CG", Role.HANDLER))
    assert (await handler.get("/command.xlsx")).status_code == 403
    assert (await handler.get(f"/command/districts/{city.id('SN')}.xlsx")).status_code == 403


async def test_the_warnings_chart_and_export_match_the_table(web: Web) -> None:
    await _history(web)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    page = (await b.get("/warnings")).text
    shown = re.findall(
        r'<tr data-kind="(\w+)"[^>]*>\s*<td>([^<]*)</td><td>([^<]*)</td>'
        r'<td class="text-end">(\d+)</td>',
        page,
    )
    assert shown
    chart = _chart(page, "chart-warnings")
    assert chart["x"] == [f"{title}·{name}" for _, title, name, _ in shown]
    assert chart["series"][0]["data"] == [int(n) for *_, n in shown]
    rows = _rows((await _book(b, "/warnings.xlsx"))["监测预警"])
    assert rows[1] == ["类型", "对象", "数量", "基线（日均）", "已知悉"]
    assert [(r[0], r[1], r[2]) for r in rows[2:]] == [(t, n, int(c)) for _, t, n, c in shown]
    assert ("重复诉求（同一诉求人）", "138****5678") in [(r[0], r[1]) for r in rows[2:]]
    assert "13812345678" not in str(rows)
    handler = await web.signed_in("cg.h", ("SN-CG", Role.HANDLER))
    assert (await handler.get("/warnings.xlsx")).status_code == 403


async def test_the_ranking_chart_and_export_match_the_table(
    web: Web, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "RANKING_MIN_SAMPLE", 1)
    await ranked_history(web.city)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    page = (await b.get("/ranking?from=2023-03-01&to=2023-03-31")).text
    assert 'href="/ranking.xlsx?level=DISTRICT&amp;from=2023-03-01&amp;to=2023-03-31"' in page
    chart = _chart(page, "chart-ranking")
    assert chart["x"] == ["暖南诉办"] and chart["series"][0]["data"] == [100.0]
    book = await _book(b, "/ranking.xlsx?level=DISTRICT&from=2023-03-01&to=2023-03-31")
    rows = _rows(book["考核排名"])
    assert rows[0][0] == "区（市） · 2023-03-01 至 2023-03-31"
    assert rows[1] == ["名次", "名称", "得分", "派单数", *RATES]
    first = rows[2]
    assert first[:4] == [1, "暖南诉办", 100.0, 1] and first[4:8] == [1.0, 1.0, 1.0, 1.0]
    unranked = next(r for r in rows[2:] if r[1] == "北尚诉办")
    assert unranked[0] is None and unranked[2] is None and unranked[4] == 0.0
    units = await _book(b, "/ranking.xlsx?level=UNIT&from=2023-03-01&to=2023-03-31")
    names = [r[1] for r in _rows(units["考核排名"])[2:]]
    assert "SN区城市管理局" in names and "SB区城市管理局" in names
    sn = await web.signed_in("sn.d", ("SN", Role.DISPATCHER))
    own = await _book(sn, "/ranking.xlsx?from=2023-03-01&to=2023-03-31")
    assert [r[1] for r in _rows(own["考核排名"])[2:]] == ["SN区城市管理局"]
    h = await web.signed_in("cg.h", ("SN-CG", Role.HANDLER))
    assert (await h.get("/ranking.xlsx")).status_code == 403
