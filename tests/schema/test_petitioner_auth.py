"""Petitioners prove who they are: a one-time code by SMS buys a token scoped to their phone;
a tracking code (with or without a phone number) proves nothing, and guessing is bounded."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

import pytest

import settings
from models import Event, Material, Petition, PetitionerCode
from tests.factories import T0, submit
from tests.resolvers.helpers import dispatched, sent
from tests.schema.conftest import Api
from tests.schema.helpers import REQUEST_CODE, VERIFY_CODE, act, ok, sign_in, sms_code
from workflow.enums import ApiClientKind, Closure, Role, State

PHONE = "13812345678"
OTHER = "13900000000"
BY_CODE = """query($c: String!) { petitionByTrackingCode(code: $c) {
  trackingCode statusText materials { text byPetitioner } } }"""
ONE = "query($id: ID!) { petition(id: $id) { title } }"
MINE = "{ myPetitions { nodes { trackingCode statusText } pageInfo { hasNextPage } } }"


async def _code(api: Api, phone: str, key: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.gql(REQUEST_CODE, {"p": phone}, key))[
        "requestPetitionerCode"
    ]
    return result


async def _verify(api: Api, phone: str, code: str, key: str) -> dict[str, Any]:
    result: dict[str, Any] = (await api.gql(VERIFY_CODE, {"p": phone, "c": code}, key))[
        "verifyPetitionerCode"
    ]
    return result


async def test_a_code_from_the_sms_log_buys_a_token_to_read_evaluate_withdraw_and_add_material(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    city = api.city
    answered, open_ = await submit(city), await submit(city, title="路灯不亮")
    await dispatched(city, answered.id, "SN-CG")
    await sent(city, answered.id, "SN-CG")
    app = await api.app_key("SN")

    caplog.set_level(logging.INFO, logger="qingsu.sms")
    asked = await _code(api, "138 1234 5678", app)
    assert asked["__typename"] == "PetitionerCodeSent" and asked["sent"] is True
    assert asked["retryAfterSeconds"] == settings.PETITIONER_CODE_RESEND_SECONDS
    lines = [m for m in caplog.messages if m.startswith("SMS to ")]
    assert len(lines) == 1 and lines[0].startswith(f"SMS to {PHONE}: 【暖南诉办】")
    stored = await PetitionerCode.get(phone=PHONE)
    assert sms_code(caplog, PHONE) not in stored.code_hash  # only a hash is kept
    session = await _verify(api, PHONE, sms_code(caplog, PHONE), app)
    assert session["__typename"] == "PetitionerSession"
    token = session["token"]
    assert token.startswith("qsp_")

    mine = (await api.gql(MINE, None, token))["myPetitions"]["nodes"]
    assert [n["trackingCode"] for n in mine] == [open_.tracking_code, answered.tracking_code]
    assert [n["statusText"] for n in mine] == ["已受理", "已答复"]
    assert (await api.gql("{ me { name } }", None, token))["me"] is None

    added = await ok(
        api,
        "addPetitionerMaterial",
        {"trackingCode": open_.tracking_code, "text": "补充：路灯在3号楼东侧"},
        token,
        success="PetitionerViewSuccess",
    )
    assert added["materials"] == [{"text": "补充：路灯在3号楼东侧", "byPetitioner": True}]
    evaluated = await ok(
        api,
        "evaluatePetition",
        {
            "trackingCode": answered.tracking_code.lower(),
            "satisfaction": "SATISFIED",
            "resolution": "RESOLVED",
        },
        token,
        success="PetitionerViewSuccess",
    )
    assert evaluated["statusText"] == "已办结"
    withdrawn = await ok(
        api,
        "withdrawPetition",
        {"trackingCode": open_.tracking_code, "reason": "已修好"},
        token,
        success="PetitionerViewSuccess",
    )
    assert (withdrawn["statusText"], withdrawn["availableActions"]) == ("已办结", [])
    assert (await Petition.get(id=open_.id)).closure == Closure.WITHDRAWN

    # Recorded as the petitioner: no staff name, user, unit or key.
    for pid, action in ((open_.id, "ADD_MATERIAL"), (answered.id, "EVALUATE")):
        ev = await Event.filter(petition_id=pid, action=action).get()
        assert (ev.actor_role, ev.actor_name) == (Role.PETITIONER, "诉求人")
        assert ev.actor_user_id is None and ev.actor_api_key_id is None
        assert ev.actor_unit_id is None

    # Staff see the material on the petition record.
    staff = await api.user("SN", Role.DISPATCHER)
    q = "query($id: ID!) { petition(id: $id) { materials { text byPetitioner } } }"
    shown = await api.gql(q, {"id": str(open_.id)}, staff)
    assert shown["petition"]["materials"] == [
        {"text": "补充：路灯在3号楼东侧", "byPetitioner": True}
    ]

    # The token lapses.
    api.clock.now = T0 + timedelta(minutes=settings.PETITIONER_TOKEN_TTL_MINUTES + 1)
    lapsed = await api.raw(MINE, None, token)
    assert lapsed["data"] is None and lapsed["errors"]


async def test_wrong_codes_burn_the_code_and_a_phone_gets_few_codes(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    await submit(api.city)
    app = await api.app_key("SN")
    caplog.set_level(logging.INFO, logger="qingsu.sms")
    assert (await _code(api, PHONE, app))["__typename"] == "PetitionerCodeSent"
    right = sms_code(caplog, PHONE)
    wrong = f"{(int(right) + 1) % 10**6:06d}"
    for _ in range(settings.PETITIONER_CODE_MAX_ATTEMPTS):
        refused = await _verify(api, PHONE, wrong, app)
        assert (refused["__typename"], refused["code"]) == ("Unauthenticated", "UNAUTHENTICATED")
    burnt = await _verify(api, PHONE, right, app)
    assert burnt["__typename"] == "Unauthenticated"  # the right code, too late
    assert (await _verify(api, PHONE, "12345", app))["field"] == "code"

    again = await _code(api, PHONE, app)
    assert again["__typename"] == "TooManyAttempts" and 0 < again["retryAfterSeconds"] <= 60
    for n in range(settings.PETITIONER_CODES_PER_PHONE - 1):
        api.clock.now = T0 + timedelta(seconds=61 * (n + 1))
        assert (await _code(api, PHONE, app))["__typename"] == "PetitionerCodeSent"
    newest = sms_code(caplog, PHONE)
    api.clock.now += timedelta(seconds=61)
    capped = await _code(api, PHONE, app)
    assert capped["__typename"] == "TooManyAttempts"
    assert capped["retryAfterSeconds"] > 3000  # the first of the hour must age out
    # The latest code still works; an older one never does.
    assert (await _verify(api, PHONE, newest, app))["__typename"] == "PetitionerSession"
    assert (await _verify(api, PHONE, newest, app))["__typename"] == "Unauthenticated"


async def test_each_client_address_gets_a_bounded_number_of_codes_and_wrong_codes(
    api: Api, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "PETITIONER_LIMIT_PER_ADDRESS", 3)
    app = await api.app_key("SN")
    caplog.set_level(logging.INFO, logger="qingsu.sms")
    phones = [f"1380000000{n}" for n in range(5)]
    assert [(await _code(api, p, app))["__typename"] for p in phones[:4]] == [
        "PetitionerCodeSent",
        "PetitionerCodeSent",
        "PetitionerCodeSent",
        "TooManyAttempts",
    ]
    # Guessing codes across phones from one address is bounded as well.
    for p in phones[:3]:
        wrong = f"{(int(sms_code(caplog, p)) + 1) % 10**6:06d}"
        assert (await _verify(api, p, wrong, app))["__typename"] == "Unauthenticated"
    blocked = await _verify(api, phones[0], sms_code(caplog, phones[0]), app)
    assert blocked["__typename"] == "TooManyAttempts"
    # After the hour the address may try again.
    api.clock.now = T0 + timedelta(hours=1, seconds=1)
    assert (await _code(api, phones[4], app))["__typename"] == "PetitionerCodeSent"


async def test_a_wrong_phone_and_an_unknown_code_answer_alike(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    theirs = await submit(api.city, petitioner_phone=OTHER)
    await submit(api.city)
    app = await api.app_key("SN")
    token = await sign_in(api, app, PHONE, caplog)
    not_mine = await api.raw(BY_CODE, {"c": theirs.tracking_code}, token)
    unknown = await api.raw(BY_CODE, {"c": "SN20990101000001"}, token)
    assert not_mine == unknown == {"data": {"petitionByTrackingCode": None}}
    # The old proof, a phone number beside the code, is no longer an argument.
    old = await api.raw(
        'query { petitionByTrackingCode(code: "%s", phone: "%s") { trackingCode } }'
        % (theirs.tracking_code, OTHER),
        None,
        app,
    )
    assert old["errors"]
    for code in (theirs.tracking_code, "SN20990101000001"):
        steps = [
            ("evaluatePetition", {"satisfaction": "SATISFIED", "resolution": "RESOLVED"}),
            ("withdrawPetition", {"reason": "不需要了"}),
            ("addPetitionerMaterial", {"text": "冒名补充"}),
        ]
        for mutation, extra in steps:
            got = await act(api, mutation, {"trackingCode": code, **extra}, token)
            assert (got["__typename"], got["message"]) == ("NotFound", "诉求不存在或无权查看")
    untouched = await Petition.get(id=theirs.id)
    assert untouched.state == State.TRIAGE and untouched.version == theirs.version
    assert await Material.all().count() == 0


async def test_a_district_app_key_alone_submits_and_starts_a_verification_and_nothing_more(
    api: Api,
) -> None:
    mine = await submit(api.city)
    await dispatched(api.city, mine.id, "SN-CG")
    await sent(api.city, mine.id, "SN-CG")
    app = await api.app_key("SN")
    one = await api.raw(
        "query($id: ID!) { petition(id: $id) { title } }", {"id": str(mine.id)}, app
    )
    assert one == {"data": {"petition": None}}
    for query, variables in (
        ("{ petitions { totalCount } }", None),
        (MINE, None),
        (BY_CODE, {"c": mine.tracking_code}),
    ):
        refused = await api.raw(query, variables, app)
        assert refused["errors"] and not any((refused["data"] or {}).values()), query
    for mutation, extra in (
        ("evaluatePetition", {"satisfaction": "SATISFIED", "resolution": "RESOLVED"}),
        ("withdrawPetition", {"reason": "x"}),
        ("addPetitionerMaterial", {"text": "x"}),
    ):
        for ref in ({"id": str(mine.id)}, {"trackingCode": mine.tracking_code}):
            got = await act(api, mutation, {**ref, **extra}, app)
            assert got["__typename"] == "NotFound", (mutation, ref, got)
    assert (await Petition.get(id=mine.id)).state == State.AWAITING_EVALUATION
    # Its intake answer is a receipt, even when it resends another app user's external id.
    receipt = "... on PetitionReceipt { trackingCode created view { title } }"
    doc = (
        """mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) {
      __typename %s ... on SubmitPetitionSuccess { petition { title } } } }"""
        % receipt
    )
    given = {
        "title": "第一次提交",
        "content": "内容",
        "category": "LIVELIHOOD",
        "kind": "COMPLAINT",
        "petitionerType": "CITIZEN",
        "petitionerName": "赵六",
        "petitionerPhone": OTHER,
        "channel": "DISTRICT_APP",
        "externalId": "app-77",
    }
    first = (await api.gql(doc, {"i": given}, app))["submitPetition"]
    again = (await api.gql(doc, {"i": given}, app))["submitPetition"]
    assert first["__typename"] == again["__typename"] == "PetitionReceipt"
    assert (first["created"], again["created"]) == (True, False)
    assert first["view"] is None and again["view"] is None


async def test_verification_is_a_district_apps_job(api: Api) -> None:
    staff = await api.user("SN", Role.DISPATCHER)
    hotline = await api.app_key("QD", ApiClientKind.HOTLINE)
    for key in (staff, hotline):
        got = await _code(api, PHONE, key)
        assert got["__typename"] == "NotAllowed", got
    api.client.cookies.clear()  # the staff login above left its cookie
    anonymous = (await api.gql(REQUEST_CODE, {"p": PHONE}))["requestPetitionerCode"]
    assert anonymous["__typename"] == "Unauthenticated"
    assert (await _code(api, "0532-8888", await api.app_key("SN")))["field"] == "phone"
    garbage = await api.raw(MINE, None, "qsp_not-a-real-token")
    assert garbage["data"] is None and garbage["errors"]


async def test_the_hotline_reads_what_it_submitted_only_as_the_petitioners_view(
    api: Api,
) -> None:
    hotline = await api.app_key("QD", ApiClientKind.HOTLINE)
    staff_made = await submit(api.city)
    doc = """mutation($i: SubmitPetitionInput!) { submitPetition(input: $i) {
      ... on PetitionReceipt { trackingCode view { statusText } } } }"""
    given = {
        "title": "噪音扰民",
        "content": "夜间施工",
        "category": "LIVELIHOOD",
        "kind": "COMPLAINT",
        "petitionerType": "CITIZEN",
        "petitionerName": "钱七",
        "petitionerPhone": OTHER,
        "channel": "HOTLINE_12345",
        "externalId": "12345-9",
        "districtCode": "SN",
    }
    receipt = (await api.gql(doc, {"i": given}, hotline))["submitPetition"]
    assert receipt["view"] == {"statusText": "已受理"}
    pid = (await Petition.get(tracking_code=receipt["trackingCode"])).id
    one = await api.raw(
        "query($id: ID!) { petition(id: $id) { title } }", {"id": str(pid)}, hotline
    )
    assert one == {"data": {"petition": None}}
    listed = await api.raw("{ petitions { totalCount } }", None, hotline)
    assert listed["data"] is None and "myPetitions" in listed["errors"][0]["message"]
    mine = (await api.gql(MINE, None, hotline))["myPetitions"]["nodes"]
    assert [n["trackingCode"] for n in mine] == [receipt["trackingCode"]]
    assert (await api.gql(BY_CODE, {"c": staff_made.tracking_code}, hotline))[
        "petitionByTrackingCode"
    ] is None
    # Reading is all it does for a petitioner.
    got = await act(api, "withdrawPetition", {"trackingCode": receipt["trackingCode"]}, hotline)
    assert got["__typename"] == "NotAllowed"


async def test_a_handler_of_the_unit_cannot_evaluate_as_the_petitioner(api: Api) -> None:
    p = await submit(api.city)
    await dispatched(api.city, p.id, "SN-CG")
    await sent(api.city, p.id, "SN-CG")
    handler = await api.user("SN-CG", Role.HANDLER)
    marks = {"satisfaction": "SATISFIED", "resolution": "RESOLVED"}
    for ref in ({"id": str(p.id)}, {"trackingCode": p.tracking_code}):
        got = await act(api, "evaluatePetition", {**ref, **marks}, handler)
        assert got["__typename"] == "NotAllowed", got
    for ref in ({"id": str(p.id)}, {"trackingCode": p.tracking_code}):
        got = await act(api, "addPetitionerMaterial", {**ref, "text": "代填"}, handler)
        assert got["__typename"] == "NotAllowed", got
    assert (await Petition.get(id=p.id)).state == State.AWAITING_EVALUATION


async def test_the_district_platform_records_material_from_a_call_as_itself(api: Api) -> None:
    p = await submit(api.city)
    staff = await api.user("SN", Role.DISPATCHER)
    done = await ok(
        api, "addPetitionerMaterial", {"id": str(p.id), "text": "来电补充：已拍照"}, staff
    )
    assert done["state"] == "TRIAGE"
    m = await Material.get(petition_id=p.id)
    assert m.by_petitioner is False and m.recorded_by_id is not None
    ev = await Event.filter(petition_id=p.id, action="ADD_MATERIAL").get()
    assert ev.actor_role == Role.DISPATCHER and ev.note == "来电补充：已拍照"
    blank = await act(api, "addPetitionerMaterial", {"id": str(p.id), "text": "  "}, staff)
    assert (blank["__typename"], blank["field"]) == ("InvalidField", "text")
    assert await Material.all().count() == 1
