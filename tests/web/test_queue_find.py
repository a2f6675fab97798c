"""Finding on the list screen: the combined filters in the URL, page numbers and sizes, a
phone search recorded for the one who may see phones, and the list exported as xlsx."""

from __future__ import annotations

import io
from datetime import timedelta

import openpyxl

from models import AdminAudit, Petition
from resolvers.triage import dispatch_petition
from tests.factories import T0, submit
from tests.web.conftest import Web
from workflow.enums import AuditAction, Channel, Role

ROWS = {"HX-Request": "true", "HX-Target": "queue-rows"}


async def test_the_filters_combine_in_the_url_and_stay_inside_the_district(web: Web) -> None:
    city = web.city
    street = city.id("SN-S01")
    a = await submit(city, external_id="a", title="街道的诉求", street_id=street)
    b = await submit(city, external_id="b", title="热线的诉求")
    await Petition.filter(id=b.id).update(channel=Channel.HOTLINE_12345)
    c = await submit(city, "SB", external_id="c", title="北区的诉求")
    b_ = await web.signed_in("sn.find", ("SN", Role.DISPATCHER))
    page = await b_.get("/?tab=all")
    assert page.status_code == 200
    # The pickers offer this district's streets and no other district's.
    assert f'value="{street}"' in page.text and f'value="{city.id("SB-S01")}"' not in page.text
    rows = await b_.client.get(f"/?tab=all&street={street}", headers=ROWS)
    assert a.tracking_code in rows.text and b.tracking_code not in rows.text
    assert f"street={street}" in rows.text  # the refresh and the pages keep the filter
    hotline = await b_.client.get("/?tab=all&channel=HOTLINE_12345", headers=ROWS)
    assert b.tracking_code in hotline.text and a.tracking_code not in hotline.text
    both = await b_.client.get(f"/?tab=all&channel=HOTLINE_12345&street={street}", headers=ROWS)
    assert a.tracking_code not in both.text and b.tracking_code not in both.text
    # Another district's ids in the URL find nothing of it.
    for query in (f"district={city.id('SB')}", f"street={city.id('SB-S01')}", "q=北区"):
        other = await b_.client.get(f"/?tab=all&{query}", headers=ROWS)
        assert c.tracking_code not in other.text and "共 0 件" in other.text, query
    # The communities of the chosen street, for its picker.
    options = await b_.client.get(f"/queue/communities?street={street}")
    assert "SN一社区" in options.text
    assert (
        "SB一社区"
        not in (await b_.client.get(f"/queue/communities?street={city.id('SB-S01')}")).text
    )


async def test_bad_filter_values_are_named_beside_the_list(web: Web) -> None:
    b = await web.signed_in("sn.bad", ("SN", Role.DISPATCHER))
    rows = await b.client.get(
        "/?tab=all&overdue_days=abc&created_from=2023-13-01&deadline_from=2023-05-02"
        "&deadline_to=2023-05-01",
        headers=ROWS,
    )
    assert rows.status_code == 200
    assert 'data-testid="filter-errors"' in rows.text
    for name in ("超期工作日", "受理日期（起）"):
        assert name in rows.text
    later = await b.client.get("/?tab=all&overdue_days=0", headers=ROWS)
    assert "超期工作日" in later.text and "1至366" in later.text


async def test_page_numbers_and_sizes_page_through_the_whole_list(web: Web) -> None:
    city = web.city
    made = [
        await submit(city, now=T0 + timedelta(minutes=i), external_id=f"p{i}", title=f"第{i}件")
        for i in range(45)
    ]
    b = await web.signed_in("sn.pages", ("SN", Role.DISPATCHER))
    seen: list[str] = []
    for number in (1, 2, 3):
        rows = await b.client.get(f"/?tab=all&sort=new&page={number}", headers=ROWS)
        found = [p.tracking_code for p in made if p.tracking_code in rows.text]
        assert len(found) == (20 if number < 3 else 5), number
        assert f"第 {number} 页" in rows.text
        seen += found
    assert sorted(seen) == sorted(p.tracking_code for p in made)
    first = await b.client.get("/?tab=all&sort=new", headers=ROWS)
    assert 'href="/?tab=all&amp;sort=new&amp;page=3"' in first.text  # three numbered pages
    assert "page=4" not in first.text
    fifty = await b.client.get("/?tab=all&sort=new&size=50", headers=ROWS)
    assert all(p.tracking_code in fifty.text for p in made) and "下一页" not in fifty.text
    # 下一页 continues by cursor and shows the page it reaches.
    assert "下一页" in first.text and "after=" in first.text
    # Past the numbered pages a page number alone starts again at page one.
    far = await b.client.get("/?tab=all&sort=new&page=40", headers=ROWS)
    assert "第 1 页" in far.text


async def test_a_phone_search_on_the_screen_finds_the_petition_and_is_recorded(web: Web) -> None:
    city = web.city
    p = await submit(city, external_id="a", petitioner_phone="13900001111", petitioner_name="李雷")
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    sn = await web.signed_in("sn.phone", ("SN", Role.DISPATCHER))
    rows = await sn.client.get("/?tab=all&q=139-0000-1111", headers=ROWS)
    assert p.tracking_code in rows.text and "13900001111" not in rows.text  # found, not shown
    (entry,) = await AdminAudit.filter(action=AuditAction.PERSONAL_DATA_SEARCHED)
    assert entry.actor_name == "sn.phone" and entry.after["term"] == "13900001111"
    # The district's admin reads it in the audit record: who searched which phone.
    admin = await web.signed_in("sn.admin", ("SN", Role.ADMIN))
    record = await admin.get("/admin/audit")
    assert "按诉求人电话/姓名检索" in record.text and "13900001111" in record.text
    assert "sn.phone" in record.text
    # A department that does not handle it finds nothing, and its count says 0.
    other = await web.signed_in("scjg.phone", ("SN-SCJG", Role.HANDLER))
    miss = await other.client.get("/?tab=handling&q=13900001111", headers=ROWS)
    assert p.tracking_code not in miss.text and "共 0 件" in miss.text


def _sheet(body: bytes) -> list[list[object]]:
    book = openpyxl.load_workbook(io.BytesIO(body))
    ws = book.worksheets[0]
    return [list(r) for r in ws.iter_rows(values_only=True)]


async def test_the_export_has_the_filtered_list_with_personal_data_masked(web: Web) -> None:
    city = web.city
    street = city.id("SN-S01")
    a = await submit(
        city,
        external_id="a",
        street_id=street,
        petitioner_phone="13900001111",
        petitioner_name="李雷",
    )
    other = await submit(city, external_id="b", title="不在街道的诉求")
    b = await web.signed_in("sn.export", ("SN", Role.DISPATCHER))
    resp = await b.client.get(f"/queue.xlsx?tab=all&street={street}")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith(
        "application/vnd.openxmlformats"
    )
    cells = _sheet(resp.content)
    header = cells[1]
    assert header[:3] == ["查询码", "标题", "状态"] and "联系电话" in header
    body = cells[2:]
    assert [r[0] for r in body] == [a.tracking_code]
    assert other.tracking_code not in str(cells)
    row = dict(zip(header, body[0], strict=True))
    assert (row["诉求人"], row["联系电话"]) == ("李*", "139****1111")
    assert row["街道"] == "SN一街道" and row["区（市）"] == "暖南诉办"
    assert "已脱敏" in str(cells[0][0])
    assert not await AdminAudit.filter(action=AuditAction.PERSONAL_DATA_EXPORTED).exists()


async def test_an_unmasked_export_shows_only_whom_the_user_may_see_and_is_recorded(
    web: Web,
) -> None:
    city = web.city
    mine = await submit(
        city, external_id="a", petitioner_phone="13900001111", petitioner_name="李雷"
    )
    anon = await submit(
        city,
        external_id="b",
        petitioner_phone="13900002222",
        petitioner_name="王五",
        anonymous=True,
    )
    dispatcher = city.actor("SN", Role.DISPATCHER)
    for p in (mine, anon):
        await dispatch_petition(dispatcher, p.id, T0, lead_unit_id=city.id("SN-CG"))
    await Petition.filter(id__in=[mine.id, anon.id]).update(state="HANDLING")
    cg = await web.signed_in("cg.export", ("SN-CG", Role.HANDLER))
    resp = await cg.client.get("/queue.xlsx?tab=handling&identity=1&sort=new")
    assert resp.status_code == 200
    cells = _sheet(resp.content)
    header, body = cells[1], cells[2:]
    by_code = {r[0]: dict(zip(header, r, strict=True)) for r in body}
    assert (by_code[mine.tracking_code]["诉求人"], by_code[mine.tracking_code]["联系电话"]) == (
        "李雷",
        "13900001111",
    )
    assert (by_code[anon.tracking_code]["诉求人"], by_code[anon.tracking_code]["联系电话"]) == (
        "匿名",
        "***",
    )
    (entry,) = await AdminAudit.filter(action=AuditAction.PERSONAL_DATA_EXPORTED)
    assert entry.actor_name == "cg.export" and entry.after["rows"] == 2
    assert entry.after["unmasked"] == 1 and entry.after["filters"]["tab"] == "handling"
    # The list offers the unmasked export to those who may see identities.
    page = await cg.get("/?tab=handling")
    assert 'data-testid="export-xlsx-identity"' in page.text


async def test_an_export_with_a_refused_filter_goes_back_to_the_list_that_names_it(
    web: Web,
) -> None:
    b = await web.signed_in("sn.badexport", ("SN", Role.DISPATCHER))
    for query in ("overdue_days=abc", "overdue_days=0", "round=7"):
        resp = await b.client.get(f"/queue.xlsx?tab=all&{query}")
        assert resp.status_code == 303, query
        assert resp.headers["location"].startswith("/?tab=all")
    assert not await AdminAudit.filter(action=AuditAction.PERSONAL_DATA_EXPORTED).exists()
