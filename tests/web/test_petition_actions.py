"""Whole lives through the petition page's forms, each step posted by the person who takes it."""

from __future__ import annotations

import re

from models import Event, Extension, Petition
from tests.factories import submit
from tests.web.conftest import Browser, Web
from workflow.enums import Action, Closure, Role, State

REPLY = {
    "petitioner_situation": "张三反映小区门口垃圾无人清运。",
    "policy_basis": "《城市市容和环境卫生管理条例》第二十八条",
    "handling_result": "已安排环卫车辆清运，并加密巡查频次。",
    "responsible_person": "李四",
    "contact_phone": "0532-88886666",
}


async def step(b: Browser, pid: int, slug: str, data: dict[str, object] | None = None) -> str:
    """Open the page, find the action's form and post it as htmx would; return the new page."""
    page = await b.get(f"/petitions/{pid}")
    form = re.search(rf'id="form-{slug}".*?name="expected_version" value="(\d+)"', page.text, re.S)
    assert form, f"{slug} form not offered"
    resp = await b.post(
        f"/petitions/{pid}/{slug}", {**(data or {}), "expected_version": form.group(1)}, htmx=True
    )
    assert resp.status_code == 303, (slug, resp.status_code, resp.text[:500])
    follow = await b.client.get(
        resp.headers["location"], headers={"HX-Request": "true", "HX-Target": "petition"}
    )
    assert follow.status_code == 200
    return follow.text


async def test_one_petition_from_dispatch_to_callback_evaluation_through_the_forms(
    web: Web,
) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    handler = await web.signed_in("street.handler", ("SN-S01", Role.HANDLER))
    reviewer = await web.signed_in("street.reviewer", ("SN-S01", Role.REVIEWER))
    head = await web.signed_in("street.head", ("SN-S01", Role.HEAD))

    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-S01")})
    await step(handler, p.id, "accept")
    page = await step(handler, p.id, "submit-reply", REPLY)
    assert "单位审核中" in page
    page = await step(reviewer, p.id, "review-reply", {"decision": "approve", "note": "同意"})
    assert "负责人签发" in page
    page = await head.get(f"/petitions/{p.id}")
    assert REPLY["policy_basis"] in page.text  # the head reads the reply under review
    await step(head, p.id, "review-reply", {"decision": "approve"})
    page = await step(dispatcher, p.id, "review-reply", {"decision": "approve"})
    assert "待评价" in page
    page = await step(
        dispatcher,
        p.id,
        "evaluate",
        {"satisfaction": "SATISFIED", "resolution": "RESOLVED", "comment": "回访满意"},
    )

    done = await Petition.get(id=p.id)
    assert done.state == State.CLOSED and done.closure == Closure.EVALUATED
    actions = [
        e.action
        for e in await Event.filter(petition_id=p.id).order_by("id")
        if e.action != Action.VIEW_PERSONAL_DATA
    ]
    assert actions == [
        Action.SUBMIT,
        Action.DISPATCH,
        Action.ACCEPT,
        Action.SUBMIT_REPLY,
        Action.REVIEW_REPLY,
        Action.REVIEW_REPLY,
        Action.REVIEW_REPLY,
        Action.EVALUATE,
    ]
    assert "评价办结" in page and "满意 · 已解决" in page
    assert "按时" in page and "回访满意" in page


async def test_a_reviewer_returning_a_reply_must_say_why(web: Web) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    reviewer = await web.signed_in("cg.reviewer", ("SN-CG", Role.REVIEWER))
    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-CG")})
    await step(handler, p.id, "accept")
    await step(handler, p.id, "submit-reply", REPLY)
    resp = await reviewer.post(
        f"/petitions/{p.id}/review-reply", {"decision": "reject", "expected_version": "4"}, True
    )
    assert resp.status_code == 422
    assert 'id="review-reply-note-error">退回修改时请写明审核意见<' in resp.text
    assert re.search(r'value="reject" checked', resp.text)
    resp = await reviewer.post(f"/petitions/{p.id}/review-reply", {"expected_version": "4"}, True)
    assert resp.status_code == 422 and 'id="review-reply-decision-error"' in resp.text
    page = await step(reviewer, p.id, "review-reply", {"decision": "reject", "note": "补充依据"})
    assert "办理中" in page and "补充依据" in page


async def test_an_extension_is_requested_by_the_unit_and_decided_by_the_platform(
    web: Web,
) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-CG")})
    await step(handler, p.id, "accept")
    bad = await handler.post(
        f"/petitions/{p.id}/request-extension",
        {"days": "25", "reason": "需现场勘验", "expected_version": "3"},
        htmx=True,
    )
    assert bad.status_code == 422 and 'id="request-extension-days-error"' in bad.text
    page = await step(handler, p.id, "request-extension", {"days": "3", "reason": "需现场勘验"})
    assert "request-extension" not in page  # one pending request at a time
    page = await dispatcher.get(f"/petitions/{p.id}")
    assert "申请延期 <strong>3</strong> 个工作日；理由：需现场勘验" in page.text
    page_text = await step(dispatcher, p.id, "decide-extension", {"decision": "approve"})
    ext = await Extension.get(petition_id=p.id)
    assert ext.status == "APPROVED" and ext.new_deadline is not None
    # 2023-03-28 + 3 working days → 2023-03-31.
    assert "2023年3月31日 24:00" in page_text and "已同意" in page_text


async def test_a_duplicate_is_merged_by_its_tracking_code_and_a_return_cites_a_duty_item(
    web: Web,
) -> None:
    original = await submit(web.city)
    dup = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    unknown = await dispatcher.post(
        f"/petitions/{dup.id}/merge",
        {"duplicate_of": "SN19990101000001", "expected_version": "1"},
        htmx=True,
    )
    assert unknown.status_code == 422 and 'id="merge-duplicate_of-error"' in unknown.text
    assert 'value="SN19990101000001"' in unknown.text
    page = await step(dispatcher, dup.id, "merge", {"duplicate_of": original.tracking_code.lower()})
    merged = await Petition.get(id=dup.id)
    assert merged.closure == Closure.DUPLICATE and merged.duplicate_of_id == original.id
    assert f'href="/petitions/{original.id}">{original.tracking_code}' in page

    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    await step(dispatcher, original.id, "dispatch", {"lead_unit_id": web.city.id("SN-CG")})
    no_item = await handler.post(
        f"/petitions/{original.id}/return", {"reason": "非本单位职责", "expected_version": "2"}
    )
    assert no_item.status_code == 422 and 'id="return-duty_item_id-error"' in no_item.text
    item = web.city.duty_item
    assert item is not None
    await step(handler, original.id, "return", {"reason": "非本单位职责", "duty_item_id": item.id})
    back = await Petition.get(id=original.id)
    assert back.state == State.TRIAGE


async def test_a_city_supervisor_urges_and_the_page_counts_it(web: Web) -> None:
    p = await submit(web.city)
    supervisor = await web.signed_in("qd.supervisor", ("QD", Role.SUPERVISOR))
    page = await step(supervisor, p.id, "urge", {"note": "请加快办理"})
    assert "督办 1 次" in page and "请加快办理" in page
    assert (await Petition.get(id=p.id)).urge_count == 1


async def test_the_district_platform_records_a_withdrawal_the_petitioner_asked_for(
    web: Web,
) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.withdraw", ("SN", Role.DISPATCHER))
    page = await dispatcher.get(f"/petitions/{p.id}")
    assert 'id="form-withdraw"' in page.text
    blank = await dispatcher.post(
        f"/petitions/{p.id}/withdraw", {"reason": " ", "expected_version": "1"}, htmx=True
    )
    assert blank.status_code == 422 and "撤回原因" in blank.text
    await step(dispatcher, p.id, "withdraw", {"reason": "诉求人来电：问题已自行解决"})
    done = await Petition.get(id=p.id)
    assert (done.state, done.closure) == (State.CLOSED, Closure.WITHDRAWN)
    handler = await web.signed_in("cg.nowithdraw", ("SN-CG", Role.HANDLER))
    other = await submit(web.city, external_id="w2")
    resp = await handler.post(f"/petitions/{other.id}/withdraw", {"reason": "x"}, htmx=True)
    assert resp.status_code == 404  # a department cannot even see an undispatched petition


async def test_a_dispatcher_recalls_an_unaccepted_dispatch_from_the_page(web: Web) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-CG")})
    empty = await dispatcher.post(
        f"/petitions/{p.id}/recall", {"reason": " ", "expected_version": "2"}, htmx=True
    )
    assert empty.status_code == 422 and 'id="recall-reason-error"' in empty.text
    page = await step(dispatcher, p.id, "recall", {"reason": "派错单位，改派市场监管局"})
    assert "待研判" in page and "已收回" in page
    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-SCJG")})
    after = await Petition.get(id=p.id)
    assert after.state == State.ASSIGNED and after.handling_unit_id == web.city.id("SN-SCJG")
    assert await Event.filter(petition_id=p.id, action=Action.RECALL).count() == 1


async def test_after_an_action_the_next_petition_of_the_same_queue_is_one_click_away(
    web: Web,
) -> None:
    first = await submit(web.city, external_id="n1")
    second = await submit(web.city, external_id="n2")
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    queue = await dispatcher.get("/?tab=triage")
    assert f'href="/petitions/{first.id}?queue=triage"' in queue.text
    page = await dispatcher.get(f"/petitions/{first.id}?queue=triage")
    assert 'name="queue" value="triage"' in page.text
    # The main step is the first, open form; the exceptions are folded below it.
    assert page.text.index('id="action-dispatch"') < page.text.index('id="fold-escalate"')
    resp = await dispatcher.post(
        f"/petitions/{first.id}/dispatch",
        {"lead_unit_id": web.city.id("SN-CG"), "queue": "triage", "expected_version": "1"},
    )
    assert resp.headers["location"] == f"/petitions/{first.id}?queue=triage&done=dispatch"
    done = await dispatcher.get(resp.headers["location"])
    assert 'data-testid="done"' in done.text and "派单已完成" in done.text
    assert f'href="/petitions/{second.id}?queue=triage" data-testid="next"' in done.text
    await dispatcher.post(
        f"/petitions/{second.id}/dispatch",
        {"lead_unit_id": web.city.id("SN-CG"), "queue": "triage", "expected_version": "1"},
    )
    last = await dispatcher.get(f"/petitions/{second.id}?queue=triage&done=dispatch")
    assert "该队列已处理完" in last.text
    forged = await dispatcher.get(f"/petitions/{second.id}?queue=assigned&done=dispatch")
    assert 'data-testid="next"' not in forged.text and "该队列已处理完" not in forged.text


async def test_a_district_escalation_names_a_city_department_the_city_form_starts_from(
    web: Web,
) -> None:
    p = await submit(web.city)
    sn = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await sn.get(f"/petitions/{p.id}")
    assert 'id="escalate-suggested_unit_id"' in page.text and "市市场监管局" in page.text
    missing = await sn.post(
        f"/petitions/{p.id}/escalate", {"reason": "需市级办理", "expected_version": "1"}, htmx=True
    )
    assert missing.status_code == 422 and 'id="escalate-suggested_unit_id-error"' in missing.text
    qd_scjg = web.city.id("QD-SCJG")
    await step(sn, p.id, "escalate", {"reason": "需市级办理", "suggested_unit_id": qd_scjg})
    qd = await web.signed_in("qd.dispatcher", ("QD", Role.DISPATCHER))
    city_page = await qd.get(f"/petitions/{p.id}")
    assert f'<option value="{qd_scjg}" selected>市市场监管局（区级平台建议）' in city_page.text


async def test_triage_shows_the_same_petitioners_and_places_petitions_with_one_click_merge(
    web: Web,
) -> None:
    city = web.city
    street = city.id("SN-S01")
    earlier = await submit(city, external_id="e1", title="楼下烧烤油烟", street_id=street)
    neighbour = await submit(
        city, external_id="e2", title="同街道噪音", street_id=street, petitioner_phone="13700001111"
    )
    elsewhere = await submit(city, "SB", external_id="e3", title="北区的诉求")
    p = await submit(city, external_id="e4", title="烧烤油烟又来了", street_id=street)
    sn = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    page = await sn.get(f"/petitions/{p.id}")
    related = page.text.split('data-testid="related"')[1].split("</section>")[0]
    same_phone, same_place = related.split("同一地点")
    assert earlier.tracking_code in same_phone and neighbour.tracking_code in same_place
    assert elsewhere.tracking_code not in related and "合并到此件" in related
    resp = await sn.post(
        f"/petitions/{p.id}/merge",
        {"duplicate_of": earlier.tracking_code, "expected_version": str(p.version)},
    )
    assert resp.status_code == 303
    merged = await Petition.get(id=p.id)
    assert merged.closure == Closure.DUPLICATE and merged.duplicate_of_id == earlier.id


async def test_a_handler_records_first_contact_and_sees_the_time_left_in_the_reply_form(
    web: Web,
) -> None:
    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-CG")})
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    page = await step(handler, p.id, "first-contact", {"method": "PHONE", "note": "已电话联系"})
    assert "尚未联系" not in page and "电话联系" in page
    page = await step(handler, p.id, "accept")
    assert 'data-testid="reply-remaining"' in page and "剩余 2 个工作日" in page
    page = await step(handler, p.id, "submit-reply", REPLY)
    assert 'id="form-take-back-reply"' in page
    page = await step(handler, p.id, "take-back-reply", {"reason": "补充依据"})
    assert "已由撰写人收回" in page and "办理中" in page


async def test_a_reply_draft_is_saved_from_the_form_and_opens_with_it(web: Web) -> None:
    from resolvers import reply_aids

    p = await submit(web.city)
    dispatcher = await web.signed_in("sn.dispatcher", ("SN", Role.DISPATCHER))
    await step(dispatcher, p.id, "dispatch", {"lead_unit_id": web.city.id("SN-CG")})
    head = web.city.actor("SN-CG", Role.HEAD)
    await reply_aids.create_template(
        head, "清运常用语", "《市容条例》第二十八条", "", web.clock.now
    )
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    await step(handler, p.id, "accept")
    resp = await handler.post(
        f"/petitions/{p.id}/reply-draft",
        {"policy_basis": "先写一半的依据", "contact_phone": "0532"},
    )
    assert resp.status_code == 303
    page = await handler.get(f"/petitions/{p.id}")
    assert 'data-testid="draft-saved"' in page.text and "先写一半的依据" in page.text
    assert "data-reply-template" in page.text and "清运常用语" in page.text
    await step(handler, p.id, "submit-reply", REPLY)
    assert "先写一半的依据" not in (await handler.get(f"/petitions/{p.id}")).text


async def test_a_head_keeps_the_units_stock_phrases_on_their_page(web: Web) -> None:
    head = await web.signed_in("cg.head", ("SN-CG", Role.HEAD))
    assert 'href="/reply-templates"' in (await head.get("/")).text
    bad = await head.post("/reply-templates", {"title": "空的"})
    assert bad.status_code == 422 and 'id="tpl-policy_basis-error"' in bad.text
    made = await head.post(
        "/reply-templates", {"title": "噪音答复", "policy_basis": "《噪声污染防治法》"}
    )
    assert made.status_code == 303
    page = await head.get("/reply-templates")
    assert "噪音答复" in page.text
    handler = await web.signed_in("cg.handler", ("SN-CG", Role.HANDLER))
    denied = await handler.post("/reply-templates", {"title": "x", "policy_basis": "y"})
    assert denied.status_code == 403
