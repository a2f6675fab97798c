"""One whole life per category through GraphQL, each step by the role DOMAIN.md gives it."""

from __future__ import annotations

from typing import Any

import pytest

from models import Petition
from tests.schema.conftest import Api
from tests.schema.helpers import REPLY, act, ok, sign_in, submit
from workflow.enums import Role

DETAIL = """query($id: ID!) { petition(id: $id) { state deadline handlingUnit { code } } }"""

TIMELINE = """query($id: ID!) { petition(id: $id) { timeline { action fromState toState
  actorRole actorUnit { code } } } }"""


async def _through_review(
    api: Api, pid: str, unit: str, city_first: bool = False
) -> dict[str, Any]:
    """Accept, reply, and carry the reply through every review to the petitioner."""
    handler = await api.user(unit, Role.HANDLER)
    p = await ok(api, "acceptPetition", {"id": pid}, handler)
    assert p["state"] == "HANDLING"
    p = await ok(api, "submitReply", {"id": pid, **REPLY}, handler)
    assert (p["state"], p["reviewStage"]) == ("UNIT_REVIEW", "UNIT_REVIEWER")
    p = await ok(
        api, "reviewReply", {"id": pid, "approve": True}, await api.user(unit, Role.REVIEWER)
    )
    assert p["reviewStage"] == "UNIT_HEAD"
    p = await ok(api, "reviewReply", {"id": pid, "approve": True}, await api.user(unit, Role.HEAD))
    assert p["state"] == "PLATFORM_REVIEW"
    if city_first:
        assert p["reviewStage"] == "CITY_PLATFORM"
        p = await ok(
            api, "reviewReply", {"id": pid, "approve": True}, await api.user("QD", Role.DISPATCHER)
        )
    assert p["reviewStage"] == "DISTRICT_PLATFORM"
    p = await ok(
        api, "reviewReply", {"id": pid, "approve": True}, await api.user("SN", Role.DISPATCHER)
    )
    assert p["state"] == "AWAITING_EVALUATION"
    return p


async def test_a_livelihood_complaint_lives_from_its_community_to_the_referral_stage(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    app = await api.app_key("SN")
    sent = await submit(
        api,
        app,
        channel="DISTRICT_APP",
        externalId="app-0001",
        communityId=str(api.city.id("SN-S01-C01")),
    )
    assert sent["__typename"] == "PetitionReceipt" and sent["created"] is True
    assert sent["view"] is None  # the app's public key alone reads nothing
    code = sent["trackingCode"]
    pid = str((await Petition.get(tracking_code=code)).id)
    dispatcher = await api.user("SN", Role.DISPATCHER)
    p = (await api.gql(DETAIL, {"id": pid}, dispatcher))["petition"]
    assert (p["state"], p["handlingUnit"]["code"]) == ("ASSIGNED", "SN-S01-C01")
    me = await sign_in(api, app, "13812345678", caplog)
    deadline = p["deadline"]

    p = await ok(
        api,
        "escalatePetition",
        {"id": pid, "reason": "需要街道协调"},
        await api.user("SN-S01-C01", Role.HANDLER),
    )
    assert (p["state"], p["handlingUnit"]["code"], p["deadline"]) == (
        "ASSIGNED",
        "SN-S01",
        deadline,
    )
    p = await ok(
        api,
        "escalatePetition",
        {"id": pid, "reason": "涉及区直部门职责"},
        await api.user("SN-S01", Role.HANDLER),
    )
    assert (p["state"], p["platform"]["code"], p["deadline"]) == ("TRIAGE", "SN", None)

    dispatcher = await api.user("SN", Role.DISPATCHER)
    for round_ in (1, 2):
        p = await ok(
            api,
            "dispatchPetition",
            {"id": pid, "leadUnitId": str(api.city.id("SN-CG"))},
            dispatcher,
        )
        assert (p["state"], p["round"], p["timeLimitDays"]) == ("ASSIGNED", round_, 2)
        await _through_review(api, pid, "SN-CG")
        p = await ok(
            api,
            "evaluatePetition",
            {"trackingCode": code, "satisfaction": "UNSATISFIED", "resolution": "UNRESOLVED"},
            me,
            success="PetitionerViewSuccess",
        )
    assert p["statusText"] == "已答复"
    p = (await api.gql(DETAIL, {"id": pid}, dispatcher))["petition"]
    assert p["state"] == "PENDING_ASSESSMENT"
    urged = await ok(
        api,
        "urgePetition",
        {"id": pid, "note": "请尽快评估"},
        await api.user("QD", Role.SUPERVISOR),
    )
    assert (urged["state"], urged["urgeCount"]) == ("PENDING_ASSESSMENT", 1)
    assert (
        await ok(
            api,
            "urgePetition",
            {"id": pid, "note": "再次督办"},
            await api.user("QD", Role.SUPERVISOR),
        )
    )["availableActions"] == ["URGE"]
    p = await ok(
        api,
        "assessPetition",
        {"id": pid, "result": "NOT_FULFILLED", "note": "二次办理仍未解决"},
        dispatcher,
    )
    assert (p["state"], p["closure"]) == ("CLOSED", "ASSESSED")

    events = (await api.gql(TIMELINE, {"id": pid}, dispatcher))["petition"]["timeline"]
    assert [e["action"] for e in events][:4] == ["SUBMIT", "ESCALATE", "ESCALATE", "DISPATCH"]
    assert events[0]["fromState"] is None and events[-1]["toState"] == "CLOSED"
    for before, after in zip(events, events[1:], strict=False):
        if after["fromState"] is not None:
            assert after["fromState"] == before["toState"] or before["toState"] is None


async def test_a_development_petition_escalated_to_the_city_is_reviewed_by_both_platforms(
    api: Api,
) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    p = (await submit(api, sn, category="DEVELOPMENT", kind=None, title="企业用地审批进度咨询"))[
        "petition"
    ]
    pid = p["id"]
    qd_cg = str(api.city.id("QD-CG"))
    p = await ok(
        api,
        "escalatePetition",
        {"id": pid, "reason": "需市级部门办理", "suggestedUnitId": qd_cg},
        sn,
    )
    assert (p["state"], p["platform"]["code"]) == ("TRIAGE", "QD")
    city = await api.user("QD", Role.DISPATCHER)
    p = await ok(
        api,
        "dispatchPetition",
        {
            "id": pid,
            "leadUnitId": str(api.city.id("QD-SCJG")),
            "complexity": "COMPLEX",
            "timeLimitDays": 15,
        },
        city,
    )
    assert (p["state"], p["timeLimitDays"], p["handlingUnit"]["code"]) == (
        "ASSIGNED",
        15,
        "QD-SCJG",
    )
    await _through_review(api, pid, "QD-SCJG", city_first=True)
    p = await ok(
        api,
        "evaluatePetition",
        {"id": pid, "satisfaction": "BASICALLY_SATISFIED", "resolution": "RESOLVED"},
        sn,
    )
    assert (p["state"], p["closure"]) == ("CLOSED", "EVALUATED")


async def test_joint_enforcement_waits_for_the_cooperating_units_opinion(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    p = (await submit(api, sn, category="ENFORCEMENT", kind=None, title="无证经营食品作坊"))[
        "petition"
    ]
    pid = p["id"]
    p = await ok(
        api,
        "dispatchPetition",
        {
            "id": pid,
            "leadUnitId": str(api.city.id("SN-SCJG")),
            "cooperatingUnitIds": [str(api.city.id("SN-CG"))],
        },
        sn,
    )
    assert p["timeLimitDays"] == 10
    lead = await api.user("SN-SCJG", Role.HANDLER)
    await ok(api, "acceptPetition", {"id": pid}, lead)
    refused = await act(api, "submitReply", {"id": pid, **REPLY}, lead)
    assert refused["__typename"] == "NotAllowed" and "协办" in refused["message"]
    coop = await api.user("SN-CG", Role.HANDLER)
    await ok(api, "addCooperationOpinion", {"id": pid, "text": "同意联合执法，已派员配合"}, coop)
    p = await ok(api, "submitReply", {"id": pid, **REPLY}, lead)
    assert p["state"] == "UNIT_REVIEW"
    await ok(
        api, "reviewReply", {"id": pid, "approve": True}, await api.user("SN-SCJG", Role.REVIEWER)
    )
    await ok(api, "reviewReply", {"id": pid, "approve": True}, await api.user("SN-SCJG", Role.HEAD))
    p = await ok(api, "reviewReply", {"id": pid, "approve": True}, sn)
    p = await ok(
        api,
        "evaluatePetition",
        {"id": pid, "satisfaction": "SATISFIED", "resolution": "BASICALLY_RESOLVED"},
        sn,
    )
    assert p["closure"] == "EVALUATED"
