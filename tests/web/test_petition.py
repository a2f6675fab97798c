"""The petition page: what each person sees, and its forms refused or accepted as the API is."""

from __future__ import annotations

import re

from models import Assignment, Event, Petition
from resolvers import handling, triage
from resolvers.petitioner import add_material
from tests.factories import submit
from tests.resolvers.helpers import REPLY
from tests.web.conftest import Web
from workflow.actors import petitioner
from workflow.enums import Action, Category, Role, State


def _forms(html: str) -> set[str]:
    return set(re.findall(r'id="form-([a-z-]+)"', html))


async def test_a_handler_of_one_district_gets_404_for_the_page_and_the_actions_of_another(
    web: Web,
) -> None:
    p = await submit(web.city, "SB")
    await triage.dispatch_petition(
        web.city.actor("SB", Role.DISPATCHER),
        p.id,
        web.clock.now,
        lead_unit_id=web.city.id("SB-CG"),
    )
    sn_dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    sn_handler = await web.signed_in("sn.handler", ("SN-CG", Role.HANDLER))
    for b in (sn_dispatcher, sn_handler):
        page = await b.get(f"/petitions/{p.id}")
        assert page.status_code == 404 and "诉求不存在或无权查看" in page.text
        assert p.tracking_code not in page.text
        for slug in ("accept", "dispatch", "return"):
            resp = await b.post(f"/petitions/{p.id}/{slug}", {"expected_version": "2"}, htmx=True)
            assert resp.status_code == 404, (slug, resp.status_code)
    assert (await Petition.get(id=p.id)).state == State.ASSIGNED


async def test_a_handler_cannot_dispatch_unseen_petitions_404_nor_its_own_403(web: Web) -> None:
    """A department sees only petitions it handles or handled: an undispatched one does not
    exist for it (404). Once the petition is its own, it is visible, and the rules refuse a
    dispatch by a handler's role (403) — decided in resolvers/, not in web/."""
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    p = await submit(web.city)
    form = {"lead_unit_id": web.city.id("SN-CG"), "expected_version": "1"}
    assert (await handler.post(f"/petitions/{p.id}/dispatch", form)).status_code == 404

    await triage.dispatch_petition(
        web.city.actor("SN", Role.DISPATCHER),
        p.id,
        web.clock.now,
        lead_unit_id=web.city.id("SN-CG"),
    )
    events = await Event.filter(petition_id=p.id).count()
    form["expected_version"] = "2"
    resp = await handler.post(f"/petitions/{p.id}/dispatch", form, htmx=True)
    assert resp.status_code == 403
    assert resp.headers["HX-Retarget"] == "#action-dispatch"
    assert "你的角色无权执行此操作" in resp.text
    assert await Event.filter(petition_id=p.id).count() == events
    assert await Assignment.filter(petition_id=p.id).count() == 1


async def test_the_dispatcher_sees_the_dispatch_form_and_the_units_handler_sees_accept_and_return(
    web: Web,
) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await dispatcher.get(f"/petitions/{p.id}")
    assert page.status_code == 200
    assert {"dispatch", "escalate", "reject", "merge"} <= _forms(page.text)
    assert "accept" not in _forms(page.text)
    # The unit picker offers the district's own units only, grouped by kind.
    dispatch = page.text.split('id="action-dispatch"')[1].split("</section>")[0]
    assert 'label="区直部门"' in dispatch and "SN区城市管理局" in dispatch
    assert "SB区城市管理局" not in dispatch and "市城市管理局</option>" not in dispatch
    assert f'name="expected_version" value="{p.version}"' in page.text

    await triage.dispatch_petition(
        web.city.actor("SN", Role.DISPATCHER),
        p.id,
        web.clock.now,
        lead_unit_id=web.city.id("SN-CG"),
    )
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    page = await handler.get(f"/petitions/{p.id}")
    assert _forms(page.text) == {"accept", "return", "first-contact"}
    # The return cites a duty item, labelled with its unit.
    assert "SN区市场监管局 · 食品经营许可" in page.text


async def test_dispatch_through_the_form_moves_the_petition_and_writes_the_event(web: Web) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await dispatcher.get(f"/petitions/{p.id}")
    resp = await dispatcher.post(
        f"/petitions/{p.id}/dispatch",
        {
            "lead_unit_id": web.city.id("SN-S01"),
            "complexity": "COMPLEX",
            "note": "请街道牵头处理",
            "expected_version": str(p.version),
        },
        htmx=True,
    )
    assert resp.status_code == 303
    assert resp.headers["location"] == f"/petitions/{p.id}?done=dispatch"
    moved = await Petition.get(id=p.id)
    assert moved.state == State.ASSIGNED and moved.handling_unit_id == web.city.id("SN-S01")
    assert moved.time_limit_days == 5
    last = await Event.filter(petition_id=p.id).order_by("-id").first()
    assert last is not None and last.action == Action.DISPATCH and last.note == "请街道牵头处理"
    # htmx follows the 303 with its own headers: the page answers with the content only.
    frag = await dispatcher.client.get(
        resp.headers["location"], headers={"HX-Request": "true", "HX-Target": "petition"}
    )
    assert frag.status_code == 200 and frag.text.lstrip().startswith('<div id="petition"')
    assert "<html" not in frag.text and "待签收" in frag.text and "SN一街道" in frag.text
    assert "HX-Request" in frag.headers["vary"]
    full = await dispatcher.get(resp.headers["location"])
    assert "<html" in full.text and 'class="timeline' in full.text and "派单" in full.text


async def test_a_lead_unit_of_another_district_is_refused_beside_the_picker_and_nothing_written(
    web: Web,
) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    events = await Event.filter(petition_id=p.id).count()
    form = {"lead_unit_id": web.city.id("SB-CG"), "note": "试试", "expected_version": "1"}
    resp = await dispatcher.post(f"/petitions/{p.id}/dispatch", form, htmx=True)
    assert resp.status_code == 422
    assert resp.headers["HX-Retarget"] == "#action-dispatch"
    assert resp.headers["HX-Reswap"] == "outerHTML"
    html = resp.text
    assert html.lstrip().startswith('<section id="action-dispatch"')
    picker = re.search(r'<select[^>]*name="lead_unit_id"[^>]*>', html)
    assert picker and 'aria-describedby="dispatch-lead_unit_id-error"' in picker.group(0)
    assert 'id="dispatch-lead_unit_id-error">承办单位不在本平台的派单范围内<' in html
    assert ">试试</textarea>" in html  # the note is kept
    assert await Assignment.filter(petition_id=p.id).count() == 0
    assert await Event.filter(petition_id=p.id).count() == events
    assert (await Petition.get(id=p.id)).state == State.TRIAGE

    # Without JavaScript the whole page comes back, with the same error beside the picker.
    plain = await dispatcher.post(f"/petitions/{p.id}/dispatch", form)
    assert plain.status_code == 422 and "<html" in plain.text
    assert 'id="dispatch-lead_unit_id-error"' in plain.text


async def test_a_reply_without_its_policy_basis_is_refused_naming_it(web: Web) -> None:
    p = await submit(web.city)
    await triage.dispatch_petition(
        web.city.actor("SN", Role.DISPATCHER),
        p.id,
        web.clock.now,
        lead_unit_id=web.city.id("SN-CG"),
    )
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    resp = await handler.post(f"/petitions/{p.id}/accept", {"expected_version": "2"})
    assert resp.status_code == 303
    page = await handler.get(f"/petitions/{p.id}")
    assert "submit-reply" in _forms(page.text)
    reply = {
        "petitioner_situation": "张三反映垃圾未清运",
        "policy_basis": "   ",
        "handling_result": "已清运",
        "responsible_person": "李四",
        "contact_phone": "0532-88886666",
        "expected_version": "3",
    }
    resp = await handler.post(f"/petitions/{p.id}/submit-reply", reply, htmx=True)
    assert resp.status_code == 422
    assert 'id="submit-reply-policy_basis-error">答复必须写明政策依据<' in resp.text
    assert 'aria-describedby="submit-reply-policy_basis-error"' in resp.text
    assert ">已清运</textarea>" in resp.text and 'value="0532-88886666"' in resp.text
    assert (await Petition.get(id=p.id)).state == State.HANDLING


async def test_a_stale_page_is_refused_with_409_and_the_current_state(web: Web) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await dispatcher.get(f"/petitions/{p.id}")
    assert 'name="expected_version" value="1"' in page.text
    # A colleague dispatches first.
    await triage.dispatch_petition(
        web.city.actor("SN", Role.DISPATCHER),
        p.id,
        web.clock.now,
        lead_unit_id=web.city.id("SN-CG"),
    )
    form = {"reason": "内容不实", "expected_version": "1"}
    resp = await dispatcher.post(f"/petitions/{p.id}/reject", form, htmx=True)
    assert resp.status_code == 409
    assert resp.headers["HX-Retarget"] == "#action-reject"
    assert "该诉求已被他人处理，当前状态：待签收" in resp.text
    assert f'href="/petitions/{p.id}"' in resp.text
    plain = await dispatcher.post(f"/petitions/{p.id}/reject", form)
    assert plain.status_code == 409 and "当前状态：待签收" in plain.text and "<html" in plain.text
    # With the current version, the state itself refuses: still 409 with the state.
    form["expected_version"] = "2"
    resp = await dispatcher.post(f"/petitions/{p.id}/reject", form, htmx=True)
    assert resp.status_code == 409 and "当前状态：待签收" in resp.text
    assert (await Petition.get(id=p.id)).state == State.ASSIGNED


async def test_identity_is_masked_for_a_department_that_handled_it_and_shown_to_the_platform(
    web: Web,
) -> None:
    p = await submit(web.city)
    now = web.clock.now
    await triage.dispatch_petition(
        web.city.actor("SN", Role.DISPATCHER), p.id, now, lead_unit_id=web.city.id("SN-CG")
    )
    cg = web.city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(cg, p.id, now)
    await triage.return_petition(
        cg,
        p.id,
        now,
        reason="不属于本单位职责",
        duty_item_id=web.city.duty_item.id,  # type: ignore[union-attr]
    )
    earlier = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    page = await earlier.get(f"/petitions/{p.id}")
    assert page.status_code == 200
    assert 'data-testid="petitioner-name">张*' in page.text and "138****5678" in page.text
    assert "张三" not in page.text and "13812345678" not in page.text
    assert not await Event.filter(petition_id=p.id, action=Action.VIEW_PERSONAL_DATA).exists()

    assert "显示完整信息" not in page.text  # no longer the handling unit: nothing to reveal

    platform = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await platform.get(f"/petitions/{p.id}")
    # Masked until the platform asks; reading the page logs nothing.
    assert "13812345678" not in page.text and "显示完整信息" in page.text
    assert not await Event.filter(petition_id=p.id, action=Action.VIEW_PERSONAL_DATA).exists()
    shown = await platform.post(f"/petitions/{p.id}/identity", htmx=True)
    assert 'data-testid="petitioner-name">张三' in shown.text and "13812345678" in shown.text
    views = await Event.filter(petition_id=p.id, action=Action.VIEW_PERSONAL_DATA)
    assert len(views) == 1 and views[0].actor_name == "sn.dispatcher"
    page = await platform.get(f"/petitions/{p.id}")
    assert "查看个人信息" in page.text  # the reveal is on the timeline it shows
    refused = await earlier.post(f"/petitions/{p.id}/identity", htmx=True)
    assert "13812345678" not in refused.text
    assert len(await Event.filter(petition_id=p.id, action=Action.VIEW_PERSONAL_DATA)) == 1


async def test_a_form_post_without_the_csrf_token_is_refused(web: Web) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    form = {"reason": "无效诉求", "expected_version": "1"}
    resp = await dispatcher.post(f"/petitions/{p.id}/reject", form, csrf=False)
    assert resp.status_code == 403
    assert (await Petition.get(id=p.id)).state == State.TRIAGE


async def test_the_deadline_preview_counts_working_days_from_a_friday(web: Web) -> None:
    p = await submit(web.city)  # a simple livelihood complaint, Friday 2023-03-24 10:00
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    url = f"/petitions/{p.id}/deadline-preview"
    resp = await dispatcher.get(url, params={"complexity": "SIMPLE"}, headers={"HX-Request": "1"})
    assert resp.status_code == 200
    assert "办理时限 2 个工作日，截止 2023年3月28日 24:00" in resp.text
    resp = await dispatcher.get(url, params={"complexity": "COMPLEX"})
    assert "办理时限 5 个工作日，截止 2023年3月31日 24:00" in resp.text
    page = await dispatcher.get(f"/petitions/{p.id}")
    assert "截止 2023年3月28日 24:00" in page.text  # the form opens with the preview drawn

    dev = await submit(web.city, category=Category.DEVELOPMENT, kind=None)
    resp = await dispatcher.get(
        f"/petitions/{dev.id}/deadline-preview",
        params={"complexity": "COMPLEX", "time_limit_days": "15"},
    )
    assert "办理时限 15 个工作日" in resp.text
    resp = await dispatcher.get(
        f"/petitions/{dev.id}/deadline-preview",
        params={"complexity": "COMPLEX", "time_limit_days": "30"},
    )
    assert "1至20个工作日" in resp.text
    other = await submit(web.city, "SB")
    resp = await dispatcher.get(f"/petitions/{other.id}/deadline-preview")
    assert resp.status_code == 404


async def test_a_reply_shows_the_pending_extension_as_withdrawn_and_the_queue_drops_it(
    web: Web,
) -> None:
    city, now = web.city, web.clock.now
    p = await submit(city)
    await triage.dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, now, lead_unit_id=city.id("SN-CG")
    )
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(handler, p.id, now)
    await handling.request_extension(handler, p.id, now, days=2, reason="需要核实")
    await handling.submit_reply(handler, p.id, now, **REPLY)
    b = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await b.get(f"/petitions/{p.id}")
    assert "已撤回：已提交答复" in page.text and "已失效" not in page.text
    assert p.tracking_code not in (await b.get("/?tab=extensions")).text


async def test_the_head_who_signed_the_reviewers_stage_gets_no_second_review_form(
    web: Web,
) -> None:
    city, now = web.city, web.clock.now
    p = await submit(city)
    await triage.dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, now, lead_unit_id=city.id("SN-CG")
    )
    handler = city.actor("SN-CG", Role.HANDLER)
    await handling.accept_petition(handler, p.id, now)
    await handling.submit_reply(handler, p.id, now, **REPLY)
    b = await web.signed_in("both.cg", ("SN-CG", Role.REVIEWER), ("SN-CG", Role.HEAD))
    assert "review-reply" in _forms((await b.get(f"/petitions/{p.id}")).text)
    resp = await b.post(f"/petitions/{p.id}/review-reply", {"decision": "approve"})
    assert resp.status_code == 303
    assert "review-reply" not in _forms((await b.get(f"/petitions/{p.id}")).text)
    again = await b.post(f"/petitions/{p.id}/review-reply", {"decision": "approve"})
    assert again.status_code == 403
    assert (await Petition.get(id=p.id)).state == State.UNIT_REVIEW


async def test_the_petition_page_shows_the_material_a_petitioner_added(web: Web) -> None:
    p = await submit(web.city)
    await add_material(petitioner(p.petitioner_phone), p.id, web.clock.now, text="补充：3号楼东侧")
    await add_material(
        web.city.actor("SN", Role.DISPATCHER), p.id, web.clock.now, text="来电补充：已拍照"
    )
    page = await (await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))).get(
        f"/petitions/{p.id}"
    )
    assert page.status_code == 200
    shown = re.findall(r'data-testid="material">(.*?)</p>', page.text, re.S)
    assert len(shown) == 2
    assert "诉求人提交" in shown[0] and "补充：3号楼东侧" in shown[0]
    assert "平台记录" in shown[1] and "来电补充：已拍照" in shown[1]
    assert "补充材料" in page.text  # and the timeline names the step
