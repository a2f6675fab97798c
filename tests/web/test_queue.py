"""The work-queue home page: full page or rows fragment, filters in the URL, tenant scope."""

from __future__ import annotations

from resolvers.triage import dispatch_petition
from tests.factories import T0, submit
from tests.web.conftest import Web
from workflow.enums import Role


async def test_the_queue_lists_only_this_districts_inbox_and_filters_in_place(web: Web) -> None:
    city = web.city
    mine = await submit(city, external_id="a", title="南区油烟扰民")
    other = await submit(city, external_id="b", title="南区路灯不亮")
    await submit(city, "SB", external_id="c", title="北区的诉求")
    b = await web.signed_in("sn.queue", ("SN", Role.DISPATCHER))
    page = await b.get("/?tab=triage")
    assert mine.tracking_code in page.text and other.tracking_code in page.text
    assert "北区的诉求" not in page.text
    rows = await b.client.get(
        "/?tab=triage&q=油烟", headers={"HX-Request": "true", "HX-Target": "queue-rows"}
    )
    assert rows.status_code == 200 and "<nav" not in rows.text  # a fragment, not the page
    assert mine.tracking_code in rows.text and other.tracking_code not in rows.text
    assert 'hx-get="/?tab=triage&amp;q=' in rows.text  # the refresh keeps the filters


async def test_a_handlers_queues_show_what_was_assigned_to_the_unit(web: Web) -> None:
    city = web.city
    p = await submit(city)
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    b = await web.signed_in("cg.queue", ("SN-CG", Role.HANDLER))
    assigned = await b.get("/?tab=assigned")
    assert p.tracking_code in assigned.text and "蓝灯" in assigned.text
    assert p.tracking_code not in (await b.get("/?tab=handling")).text
    # An unknown tab falls back to the first queue; a bad cursor goes back to page one.
    assert (await b.get("/?tab=nonsense")).status_code == 200
    assert (await b.get("/?tab=assigned&after=bogus")).status_code == 303


async def test_front_end_libraries_are_served_from_the_installed_packages(web: Web) -> None:
    b = web.browser()
    htmx = await b.get("/static/vendor/htmx.min.js")
    assert htmx.status_code == 200 and "htmx" in htmx.text[:2000]
    assert (await b.get("/static/vendor/bootstrap.min.css")).status_code == 200
    assert (await b.get("/static/vendor/jquery.js")).status_code == 404
    assert (await b.get("/static/app.css")).status_code == 200


async def test_tabs_show_counts_refreshed_with_the_rows_and_triage_waits_oldest_first(
    web: Web,
) -> None:
    from datetime import timedelta

    city = web.city
    older = await submit(city, external_id="o", title="先到的诉求")
    newer = await submit(city, now=T0 + timedelta(hours=2), external_id="n", title="后到的诉求")
    gone = await submit(city, external_id="g", title="已派出的诉求")
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), gone.id, T0, lead_unit_id=city.id("SN-CG")
    )
    web.clock.now = T0 + timedelta(hours=5)
    b = await web.signed_in("sn.tabs", ("SN", Role.DISPATCHER))
    page = await b.get("/?tab=triage")
    assert 'data-testid="count-triage">2<' in page.text
    assert page.text.index(older.tracking_code) < page.text.index(newer.tracking_code)
    assert "已等待 5 小时" in page.text and "已等待 3 小时" in page.text
    assert 'value="waiting" selected' in page.text and 'id="light-legend"' in page.text
    rows = await b.client.get(
        "/?tab=triage", headers={"HX-Request": "true", "HX-Target": "queue-rows"}
    )
    assert 'id="queue-tabs" hx-swap-oob="true"' in rows.text
    assert 'data-testid="count-triage">2<' in rows.text
    newest_first = await b.get("/?tab=triage&sort=new")
    assert newest_first.text.index(newer.tracking_code) < newest_first.text.index(
        older.tracking_code
    )


async def test_a_light_has_its_remaining_time_in_words(web: Web) -> None:
    from datetime import timedelta

    city = web.city
    p = await submit(city)
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    b = await web.signed_in("cg.words", ("SN-CG", Role.HANDLER))
    assert "剩余 2 个工作日" in (await b.get("/?tab=assigned")).text
    web.clock.now = T0 + timedelta(days=5)  # Wed 29 March: one working day late
    b = await web.signed_in("cg.words.later", ("SN-CG", Role.HANDLER))
    assert "已超期 1 个工作日" in (await b.get("/?tab=assigned")).text


async def test_a_dispatcher_dispatches_several_petitions_from_the_triage_queue(web: Web) -> None:
    from models import Petition

    city = web.city
    ps = [await submit(city, external_id=f"t{i}") for i in range(3)]
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), ps[0].id, T0, lead_unit_id=city.id("SN-SCJG")
    )
    b = await web.signed_in("sn.batch", ("SN", Role.DISPATCHER))
    page = await b.get("/?tab=triage")
    assert 'action="/batch/dispatch"' in page.text and 'name="ids"' in page.text
    resp = await b.post(
        "/batch/dispatch",
        {"tab": "triage", "lead_unit_id": city.id("SN-CG"), "ids": [str(p.id) for p in ps]},
    )
    assert resp.status_code == 200
    assert "成功 2 件，未办理 1 件" in resp.text and "未办理：" in resp.text
    states = {p.id: (await Petition.get(id=p.id)).handling_unit_id for p in ps}
    assert states == {
        ps[0].id: city.id("SN-SCJG"),
        ps[1].id: city.id("SN-CG"),
        ps[2].id: city.id("SN-CG"),
    }
    wrong = await b.post("/batch/accept", {"tab": "triage", "ids": [str(ps[1].id)]})
    assert wrong.status_code == 404
