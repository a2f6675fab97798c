"""Referrals as API clients see them: the queue, one referral with the assessments and
petitions it rests on, its two steps as typed results, and nobody else seeing any of it."""

from __future__ import annotations

from datetime import timedelta

from models import Petition, Referral
from tests.factories import T0
from tests.querycount import count_queries
from tests.referral_helpers import NF, add_referral_units, assessed
from tests.schema.conftest import Api
from workflow.enums import ApiClientKind, Role

REFERRAL_FIELDS = """
  id state version createdAt acknowledgedAt concludedAt result availableSteps
  unit { code name }
  firstAssessment { result note createdAt assessorUnit { code } petition { trackingCode } }
  secondAssessment { result note createdAt petition { trackingCode } }
  history { step fromState toState actorRole actorName note actorUnit { code } }
"""
QUEUE = (
    """query($state: ReferralState) { referrals(state: $state, first: 10) {
  totalCount pageInfo { hasNextPage endCursor } nodes { %s } } }"""
    % REFERRAL_FIELDS
)
ONE = "query($id: ID!) { referral(id: $id) { %s } }" % REFERRAL_FIELDS
ACK = (
    """mutation($input: AcknowledgeReferralInput!) { acknowledgeReferral(input: $input) {
  __typename ... on ReferralSuccess { referral { %s } }
  ... on InvalidField { field } ... on Error { code message } } }"""
    % REFERRAL_FIELDS
)
CONCLUDE = (
    """mutation($input: ConcludeReferralInput!) { concludeReferral(input: $input) {
  __typename ... on ReferralSuccess { referral { %s } }
  ... on InvalidField { field } ... on Error { code message } } }"""
    % REFERRAL_FIELDS
)


async def _referred(api: Api) -> str:
    await add_referral_units(api.city)
    await assessed(api.city, NF, NF)
    api.clock.now = T0 + timedelta(days=10)
    return str((await Referral.get()).id)


async def test_an_inspector_reads_the_queue_and_a_referral_with_what_it_rests_on(api: Api) -> None:
    rid = await _referred(api)
    token = await api.user("QD-JW", Role.INSPECTOR)
    queue = (await api.gql(QUEUE, {"state": "OPEN"}, token))["referrals"]
    assert queue["totalCount"] == 1 and not queue["pageInfo"]["hasNextPage"]
    r = queue["nodes"][0]
    assert r == (await api.gql(ONE, {"id": rid}, token))["referral"]
    assert (r["id"], r["state"], r["result"], r["availableSteps"]) == (
        rid,
        "OPEN",
        "",
        ["ACKNOWLEDGE"],
    )
    assert r["unit"] == {"code": "SN-CG", "name": "SN区城市管理局"}
    first, second = r["firstAssessment"], r["secondAssessment"]
    assert (first["result"], second["result"]) == ("NOT_FULFILLED", "NOT_FULFILLED")
    assert first["createdAt"] < second["createdAt"] <= r["createdAt"]
    assert first["assessorUnit"] == {"code": "SN"}
    codes = {first["petition"]["trackingCode"], second["petition"]["trackingCode"]}
    assert len(codes) == 2 and all(c.startswith("SN2023") for c in codes)
    assert [h["step"] for h in r["history"]] == ["CREATE"]
    assert r["history"][0]["actorRole"] == "DISPATCHER"
    none = (await api.gql(QUEUE, {"state": "CONCLUDED"}, token))["referrals"]
    assert none["totalCount"] == 0


async def test_acknowledge_then_conclude_as_typed_results(api: Api) -> None:
    rid = await _referred(api)
    jw = await api.user("QD-JW", Role.INSPECTOR)
    zzb = await api.user("QD-ZZB", Role.INSPECTOR)
    early = await api.gql(CONCLUDE, {"input": {"id": rid, "result": "约谈"}}, zzb)
    assert early["concludeReferral"]["__typename"] == "WrongState"
    assert early["concludeReferral"]["code"] == "WRONG_STATE"
    done = (await api.gql(ACK, {"input": {"id": rid, "note": "已收到"}}, jw))["acknowledgeReferral"]
    assert done["__typename"] == "ReferralSuccess"
    assert (done["referral"]["state"], done["referral"]["availableSteps"]) == (
        "ACKNOWLEDGED",
        ["CONCLUDE"],
    )
    blank = await api.gql(CONCLUDE, {"input": {"id": rid, "result": " "}}, zzb)
    assert blank["concludeReferral"]["__typename"] == "InvalidField"
    assert blank["concludeReferral"]["field"] == "result"
    stale = await api.gql(
        CONCLUDE, {"input": {"id": rid, "result": "约谈", "expectedVersion": 1}}, zzb
    )
    assert stale["concludeReferral"]["__typename"] == "StaleVersion"
    done = (
        await api.gql(
            CONCLUDE,
            {"input": {"id": rid, "result": "约谈单位负责人，限期整改", "expectedVersion": 2}},
            zzb,
        )
    )["concludeReferral"]
    r = done["referral"]
    assert (r["state"], r["result"], r["availableSteps"]) == (
        "CONCLUDED",
        "约谈单位负责人，限期整改",
        [],
    )
    assert r["acknowledgedAt"] and r["concludedAt"]
    assert [(h["step"], h["actorUnit"]["code"], h["actorRole"]) for h in r["history"]] == [
        ("CREATE", "SN", "DISPATCHER"),
        ("ACKNOWLEDGE", "QD-JW", "INSPECTOR"),
        ("CONCLUDE", "QD-ZZB", "INSPECTOR"),
    ]


async def test_nobody_but_the_recipients_and_city_supervisors_sees_a_referral(api: Api) -> None:
    rid = await _referred(api)
    tokens = {
        "inspector 市纪委监委": (await api.user("QD-JW", Role.INSPECTOR), "acts"),
        "inspector 市委组织部": (await api.user("QD-ZZB", Role.INSPECTOR), "acts"),
        "city supervisor": (await api.user("QD", Role.SUPERVISOR), "reads"),
        "city dispatcher": (await api.user("QD", Role.DISPATCHER), None),
        "city admin": (await api.user("QD", Role.ADMIN), None),
        "inspector elsewhere": (await api.user("QD-CG", Role.INSPECTOR), None),
        "handler at 市纪委监委": (await api.user("QD-JW", Role.HANDLER), None),
        "district dispatcher": (await api.user("SN", Role.DISPATCHER), None),
        "referred unit head": (await api.user("SN-CG", Role.HEAD), None),
        "referred unit handler": (await api.user("SN-CG", Role.HANDLER), None),
        "grid worker": (await api.user("SN-S01-C01", Role.GRID_WORKER), None),
        "hotline key": (await api.app_key("QD", ApiClientKind.HOTLINE), None),
        "district app key": (await api.app_key("SN", ApiClientKind.DISTRICT_APP), None),
        "department system key": (
            await api.app_key("SN-CG", ApiClientKind.DEPARTMENT_SYSTEM),
            None,
        ),
    }
    for name, (token, may) in tokens.items():
        queue = (await api.gql(QUEUE, {}, token))["referrals"]
        one = (await api.gql(ONE, {"id": rid}, token))["referral"]
        ack = (await api.gql(ACK, {"input": {"id": rid}}, token))["acknowledgeReferral"]
        if may is None:
            assert (queue["totalCount"], queue["nodes"], one) == (0, [], None), name
            assert ack["__typename"] == "NotFound", name
        else:
            assert [n["id"] for n in queue["nodes"]] == [rid] and one is not None, name
            assert one["availableSteps"] == (["ACKNOWLEDGE"] if may == "acts" else []), name
            assert ack["__typename"] == ("NotAllowed" if may == "reads" else "ReferralSuccess")
            if may == "acts":  # put it back for the next recipient
                await Referral.filter(id=int(rid)).update(state="OPEN", version=1)
    api.client.cookies.clear()  # the logins above left a session cookie
    anonymous = await api.raw(QUEUE, {})
    assert anonymous["errors"][0]["message"].startswith("请先登录")


async def test_a_petition_lists_its_assessments_and_a_unit_its_area_name(api: Api) -> None:
    await _referred(api)
    token = await api.user("SN", Role.DISPATCHER)
    data = await api.gql(
        """{ petitions(first: 5) { nodes { district { name areaName }
             assessments { result note unit { code } } } } }""",
        token=token,
    )
    nodes = data["petitions"]["nodes"]
    assert {n["district"]["areaName"] for n in nodes} == {"市南区"}
    assert {n["district"]["name"] for n in nodes} == {"暖南诉办"}
    assert sorted(len(n["assessments"]) for n in nodes) == [1, 1]
    assert nodes[0]["assessments"][0]["unit"] == {"code": "SN-CG"}


async def test_a_page_of_referrals_costs_the_same_fixed_number_of_queries_at_any_size(
    api: Api,
) -> None:
    await add_referral_units(api.city)
    await assessed(api.city, NF, NF, NF, NF, NF, NF)
    token = await api.user("QD-ZZB", Role.INSPECTOR)
    await api.gql("{ me { name } }", None, token)  # who the token is: read once, then kept
    counts = {}
    for size in (1, 3):
        with count_queries() as counter:
            data = await api.gql(
                "query($n: Int!) { referrals(first: $n) { nodes { %s } } }" % REFERRAL_FIELDS,
                {"n": size},
                token,
            )
        assert len(data["referrals"]["nodes"]) == size
        counts[size] = counter.count
        statements = counter.statements
    # The page's count and rows, then one batch each for assessments, history, and petitions
    # (units come from the process's catalog cache, the sign-in from the process's copy).
    assert counts == {1: 5, 3: 5}, (counts, statements)


async def test_a_petitioner_reading_through_the_app_never_sees_assessments(api: Api) -> None:
    """The app key alone reads nothing, and the petitioner's view has no assessment at all."""
    await _referred(api)
    petition = await Petition.filter(assessments__id__isnull=False).first()
    assert petition is not None
    app = await api.app_key("SN", ApiClientKind.DISTRICT_APP)
    body = await api.raw(
        "query($c: String!) { petitionByTrackingCode(code: $c) { trackingCode } }",
        {"c": petition.tracking_code},
        app,
    )
    assert body["data"]["petitionByTrackingCode"] is None and body["errors"]
    fields = await api.gql('{ __type(name: "PetitionerView") { fields { name } } }', token=app)
    names = {f["name"] for f in fields["__type"]["fields"]}
    assert not names & {"assessments", "referrals", "timeline", "urgeCount"}
