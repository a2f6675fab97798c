"""Authentication, typed refusals, masking and tenant isolation as API clients see them."""

from __future__ import annotations

from models import Event
from tests.schema.conftest import LOGIN, PASSWORD, Api
from tests.schema.helpers import act, ok, submit
from workflow.enums import ApiClientKind, Role

DETAIL = """query($id: ID!) { petition(id: $id) { id petitionerName petitionerPhone
  duplicateOf { id title } } }"""
LIST = """query($f: PetitionFilterInput) { petitions(filter: $f, first: 50) { totalCount
  nodes { id petitionerName petitionerPhone } } }"""


async def test_login_sets_an_http_only_cookie_and_a_wrong_password_is_unauthenticated(
    api: Api,
) -> None:
    await api.user("SN", Role.DISPATCHER)
    api.client.cookies.clear()
    resp = await api.client.post(
        "/graphql", json={"query": LOGIN, "variables": {"u": "sn.dispatcher", "p": PASSWORD}}
    )
    cookie = resp.headers["set-cookie"]
    assert "qingsu_session=" in cookie and "HttpOnly" in cookie and "samesite=lax" in cookie.lower()
    # A cookie session echoes the CSRF token it was given with the login.
    csrf = {"X-CSRF-Token": api.client.cookies["qingsu_csrf"]}
    me = await api.client.post(
        "/graphql", json={"query": "{ me { name unit { code } roles } }"}, headers=csrf
    )
    assert me.json()["data"]["me"] == {
        "name": "sn.dispatcher",
        "unit": {"code": "SN"},
        "roles": ["DISPATCHER"],
    }
    bad = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": "wrong-password"})
    assert bad["login"]["__typename"] == "Unauthenticated"
    unknown = await api.gql(LOGIN, {"u": "nobody", "p": PASSWORD})
    assert unknown["login"] == bad["login"]


async def test_logout_ends_the_session(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    out = await api.gql(
        "mutation { logout { __typename ... on LogoutSuccess { ok } } }", token=token
    )
    assert out["logout"] == {"__typename": "LogoutSuccess", "ok": True}
    assert (await api.gql("{ me { name } }", token=token))["me"] is None


async def test_an_anonymous_caller_gets_unauthenticated_results(api: Api) -> None:
    sent = await submit(api, token="")
    assert sent["__typename"] == "Unauthenticated"
    body = await api.raw("{ petitions { totalCount } }")
    assert body["errors"][0]["message"].startswith("请先登录")


async def test_each_refusal_has_its_own_type(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn))["petition"]["id"]
    handler = await api.user("SN-CG", Role.HANDLER)
    assert (await act(api, "dispatchPetition", {"id": pid, "leadUnitId": "1"}, handler))[
        "__typename"
    ] == "NotFound"  # a department does not even see the petition yet
    bad = await act(
        api, "dispatchPetition", {"id": pid, "leadUnitId": str(api.city.id("SB-CG"))}, sn
    )
    assert (bad["__typename"], bad["field"]) == ("InvalidField", "leadUnitId")
    bad = await act(api, "dispatchPetition", {"id": "abc", "leadUnitId": "1"}, sn)
    assert (bad["__typename"], bad["field"]) == ("InvalidField", "id")
    stale = await act(
        api,
        "dispatchPetition",
        {"id": pid, "expectedVersion": 7, "leadUnitId": str(api.city.id("SN-CG"))},
        sn,
    )
    assert stale["__typename"] == "StaleVersion"
    p = await ok(
        api,
        "dispatchPetition",
        {"id": pid, "expectedVersion": 1, "leadUnitId": str(api.city.id("SN-CG"))},
        sn,
    )
    assert p["version"] == 2
    again = await act(
        api, "dispatchPetition", {"id": pid, "leadUnitId": str(api.city.id("SN-CG"))}, sn
    )
    assert again["__typename"] == "WrongState"
    assert (await act(api, "acceptPetition", {"id": pid}, sn))["__typename"] == "NotAllowed"
    missing = await act(
        api,
        "submitReply",
        {
            "id": pid,
            "petitionerSituation": " ",
            "policyBasis": "x",
            "handlingResult": "x",
            "responsiblePerson": "x",
            "contactPhone": "0532-1234567",
        },
        handler,
    )
    assert missing["__typename"] in ("WrongState", "InvalidField")
    await ok(api, "acceptPetition", {"id": pid}, handler)
    missing = await act(
        api,
        "submitReply",
        {
            "id": pid,
            "petitionerSituation": " ",
            "policyBasis": "x",
            "handlingResult": "x",
            "responsiblePerson": "x",
            "contactPhone": "0532-1234567",
        },
        handler,
    )
    assert (missing["__typename"], missing["field"]) == ("InvalidField", "petitionerSituation")


async def test_bad_intake_names_the_field_and_writes_nothing(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    for fields, name in (
        ({"petitionerPhone": "12345"}, "petitionerPhone"),
        ({"title": "   "}, "title"),
        ({"kind": None}, "kind"),
        ({"topicCode": "NOPE"}, "topicCode"),
        ({"communityId": str(api.city.id("SB-S01-C01"))}, "communityId"),
    ):
        result = await submit(api, sn, **fields)
        assert (result["__typename"], result["field"]) == ("InvalidField", name)
    listed = await api.gql(LIST, {"f": None}, sn)
    assert listed["petitions"]["totalCount"] == 0
    assert await Event.all().count() == 0


async def test_intake_by_the_hotline_is_idempotent_per_external_id(api: Api) -> None:
    hotline = await api.app_key("QD", ApiClientKind.HOTLINE)
    first = await submit(
        api, hotline, channel="HOTLINE_12345", externalId="12345-0001", districtCode="SB"
    )
    again = await submit(
        api,
        hotline,
        channel="HOTLINE_12345",
        externalId="12345-0001",
        districtCode="SB",
        title="重发的标题不会覆盖原诉求",
    )
    # A petitioner channel gets a receipt: the tracking code and the petitioner's view.
    assert first["__typename"] == again["__typename"] == "PetitionReceipt"
    assert first["created"] is True and again["created"] is False
    assert again["trackingCode"] == first["trackingCode"]
    assert first["trackingCode"].startswith("SB20230324")
    assert first["view"] == {"trackingCode": first["trackingCode"], "statusText": "已受理"}
    mine = await api.gql("{ myPetitions { nodes { trackingCode title } } }", None, hotline)
    assert mine["myPetitions"]["nodes"] == [
        {"trackingCode": first["trackingCode"], "title": "小区门口垃圾无人清运"}
    ]
    assert await Event.filter(action="SUBMIT").count() == 1


async def test_a_district_handler_cannot_reach_another_districts_petition_in_any_way(
    api: Api,
) -> None:
    sb = await api.user("SB", Role.DISPATCHER)
    sb_pid = (await submit(api, sb, title="北区的诉求"))["petition"]["id"]
    sn = await api.user("SN", Role.DISPATCHER)
    sn_pid = (await submit(api, sn, title="南区的诉求"))["petition"]["id"]
    qd_cg = str(api.city.id("QD-CG"))
    await ok(
        api,
        "escalatePetition",
        {"id": sn_pid, "reason": "与北区重复", "suggestedUnitId": qd_cg},
        sn,
    )
    city = await api.user("QD", Role.DISPATCHER)
    await ok(api, "mergePetition", {"id": sn_pid, "duplicateOfId": sb_pid}, city)

    for token in (sn, await api.user("SN-CG", Role.HANDLER)):
        assert (await api.gql(DETAIL, {"id": sb_pid}, token))["petition"] is None
        listed = await api.gql(LIST, {"f": None}, token)
        assert sb_pid not in [n["id"] for n in listed["petitions"]["nodes"]]
        assert (await act(api, "urgePetition", {"id": sb_pid, "note": "x"}, token))[
            "__typename"
        ] == "NotFound"
    nested = (await api.gql(DETAIL, {"id": sn_pid}, sn))["petition"]
    assert nested["duplicateOf"] is None  # merged into SB's petition: not visible from SN
    seen_by_city = (await api.gql(DETAIL, {"id": sn_pid}, city))["petition"]
    assert seen_by_city["duplicateOf"]["title"] == "北区的诉求"
    filtered = await api.gql(LIST, {"f": {"districtId": str(api.city.id("SB"))}}, sn)
    assert filtered["petitions"]["totalCount"] == 0


async def test_personal_data_is_masked_in_lists_and_for_other_units_and_its_views_are_logged(
    api: Api,
) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn))["petition"]["id"]
    listed = (await api.gql(LIST, {"f": None}, sn))["petitions"]["nodes"][0]
    assert (listed["petitionerName"], listed["petitionerPhone"]) == ("张*", "138****5678")
    detail = (await api.gql(DETAIL, {"id": pid}, sn))["petition"]
    assert (detail["petitionerName"], detail["petitionerPhone"]) == ("张三", "13812345678")
    assert await Event.filter(petition_id=int(pid), action="VIEW_PERSONAL_DATA").count() == 1

    await ok(api, "dispatchPetition", {"id": pid, "leadUnitId": str(api.city.id("SN-CG"))}, sn)
    cg = await api.user("SN-CG", Role.HANDLER)
    assert (await api.gql(DETAIL, {"id": pid}, cg))["petition"]["petitionerPhone"] == "13812345678"
    await ok(
        api,
        "returnPetition",
        {"id": pid, "reason": "不属于本部门职责", "dutyItemId": str(api.city.duty_item.id)},
        cg,
    )
    # No longer the handling unit: it still sees the petition, masked.
    after = (await api.gql(DETAIL, {"id": pid}, cg))["petition"]
    assert (after["petitionerName"], after["petitionerPhone"]) == ("张*", "138****5678")


async def test_an_anonymous_petitioner_is_hidden_from_the_handling_unit(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    pid = (await submit(api, sn, anonymous=True))["petition"]["id"]
    await ok(api, "dispatchPetition", {"id": pid, "leadUnitId": str(api.city.id("SN-CG"))}, sn)
    cg = await api.user("SN-CG", Role.HANDLER)
    seen = (await api.gql(DETAIL, {"id": pid}, cg))["petition"]
    assert (seen["petitionerName"], seen["petitionerPhone"]) == ("匿名", "***")
    assert (await api.gql(DETAIL, {"id": pid}, sn))["petition"]["petitionerName"] == "张三"
