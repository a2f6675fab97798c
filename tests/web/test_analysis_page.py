"""The 数据分析 screen: the same numbers as the resolver, as charts with tables, and in xlsx."""

from __future__ import annotations

import io
import re

import openpyxl

from tests.resolvers.test_analysis import plant_history
from tests.web.conftest import Web
from workflow.enums import Role

URL = "/analysis?month=2023-03&by=DAY"


def _rows(html: str, table_class: str) -> list[list[str]]:
    body = html.split(f"analysis-table {table_class}", 1)[1].split("</tbody>", 1)[0]
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[dh][^>]*>(.*?)</t[dh]>", r)]
        for r in re.findall(r"<tr>(.*?)</tr>", body.split("<tbody>", 1)[1], re.S)
    ]


async def test_the_city_supervisor_reads_every_table_of_the_month(web: Web) -> None:
    await plant_history(web.city)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    home = await b.get("/")
    assert 'href="/analysis"' in home.text
    page = await b.get(URL)
    assert page.status_code == 200
    html = page.text
    assert "受理 <strong>8</strong> 件，上月 2 件，环比 +300.00%" in html
    assert _rows(html, "areas-table") == [
        ["市容环境", "7", "2", "+250.00%", "87.50%"],
        ["交通出行", "1", "0", "—", "12.50%"],
    ]
    assert _rows(html, "channels-table") == [
        ["窗口受理", "6", "2", "+200.00%", "75.00%"],
        ["12345热线", "2", "0", "—", "25.00%"],
    ]
    assert _rows(html, "hotspots-table")[0] == [
        "SN一街道",
        "垃圾清运 市容环境",
        "5",
        "2",
        "+150.00%",
    ]
    assert _rows(html, "districts-table")[0] == ["暖南诉办", "6", "2", "+200.00%", "75.00%"]
    assert html.count('class="echart"') == 4 and 'role="img"' in html
    assert "/static/vendor/echarts.min.js" in html


async def test_the_workbook_holds_the_same_numbers_cell_by_cell(web: Web) -> None:
    await plant_history(web.city)
    b = await web.signed_in("qd.sup", ("QD", Role.SUPERVISOR))
    resp = await b.get("/analysis.xlsx?month=2023-03&by=WEEK")
    assert resp.status_code == 200
    assert "filename*=UTF-8''" in resp.headers["content-disposition"]
    book = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert book.sheetnames == [
        "受理趋势",
        "类别构成",
        "二级类别变化",
        "热点",
        "类别×街道",
        "渠道构成",
        "热线与区平台",
        "各区（市）",
    ]

    def cells(name: str) -> list[list[object]]:
        return [list(r) for r in book[name].iter_rows(values_only=True)]

    assert cells("类别构成") == [
        ["全市 · 2023年3月", None, None, None, None],
        ["领域", "本月", "上月", "环比", "占比"],
        ["市容环境", 7, 2, 2.5, 0.875],
        ["交通出行", 1, 0, None, 0.125],
    ]
    assert cells("类别×街道")[1:] == [
        ["街道", "市容环境", "交通出行"],
        ["SN一街道", 5, 0],
        ["SB一街道", 1, 1],
        ["未定位到街道", 1, 0],
    ]
    trend = cells("受理趋势")
    assert len(trend) == 2 + 13 and trend[-1] == ["2023-03-27", 1]
    assert cells("热线与区平台")[-1] == ["2023-03", 2, 6]
    assert cells("渠道构成")[2] == ["窗口受理", 6, 2, 2.0, 0.75]


async def test_a_district_sees_its_own_district_and_a_street_sees_none(web: Web) -> None:
    await plant_history(web.city)
    sb = await web.signed_in("sb.dispatcher", ("SB", Role.DISPATCHER))
    html = (await sb.get(URL)).text
    assert "数据分析 · 北尚诉办" in html and "受理 <strong>2</strong> 件" in html
    assert "districts-table" not in html
    street = await web.signed_in("sn.street", ("SN-S01", Role.HANDLER))
    assert 'href="/analysis"' not in (await street.get("/")).text
    assert (await street.get(URL)).status_code == 403
    assert (await street.get("/analysis.xlsx")).status_code == 403
    assert (await web.browser().client.get(URL)).status_code == 303
