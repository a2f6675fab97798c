"""Merged petitions (合并办理): the petitioner of a petition merged into another follows the
surviving petition's handling and receives its sent answer on every petitioner path — their
token by tracking code, their token's list, the hotline's key — may evaluate it once, and
learns nothing else of the surviving petition or its petitioner."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from tortoise.functions import Sum

from models import Evaluation, Event, Petition, StatDaily
from resolvers import closing, triage
from resolvers.rollup_rebuild import rebuild_stats
from tests.factories import T0, submit
from tests.schema.conftest import Api
from tests.schema.helpers import sign_in
from tests.schema.test_petitioner_view import (
    BY_CODE,
    FINAL,
    MINE,
    PHONE,
    _accept,
    _clean,
    _dispatch,
    _draft,
    _reject,
    _send,
    _sign_off,
    _urge,
    hotline_input,
    submit_by_hotline,
)
from workflow.actors import petitioner
from workflow.enums import ApiClientKind, Resolution, Role, Satisfaction, State

SURVIVOR_PHONE = "13900000000"  # in the forbidden list: the survivor's petitioner
EVALUATE = """mutation($i: EvaluatePetitionInput!) { evaluatePetition(input: $i) {
  __typename
  ... on PetitionerViewSuccess { view { statusText availableActions
    evaluations { round satisfaction resolution source } } }
  ... on Error { code message } } }"""


async def _views(api: Api, code: str, token: str, hotline: str) -> dict[str, dict[str, Any]]:
    bodies = {
        "token-by-code": await api.raw(BY_CODE, {"c": code}, token),
        "token-mine": await api.raw(MINE, None, token),
        "hotline-by-code": await api.raw(BY_CODE, {"c": code}, hotline),
        "hotline-mine": await api.raw(MINE, None, hotline),
    }
    out = {}
    for path, body in bodies.items():
        assert "errors" not in body, (path, body)
        text = _clean(body)
        # The survivor's reply describes the survivor's petitioner: never shown to others.
        assert FINAL["petitioner_situation"] not in text, path
        data = body["data"]
        view = data.get("petitionByTrackingCode") or next(
            n for n in data["myPetitions"]["nodes"] if n["trackingCode"] == code
        )
        out[path] = view
    return out


async def _evaluations_counted() -> int:
    row = await StatDaily.all().annotate(n=Sum("evaluations")).first().values("n")
    return int(row["n"] or 0)


async def test_merged_petitioners_receive_the_surviving_answer_and_may_evaluate_it_once(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    city = api.city
    survivor = await submit(
        city,
        petitioner_name="王二麻",
        petitioner_phone=SURVIVOR_PHONE,
        title="小区门口垃圾无人清运",
        content="隔壁的私事",
    )
    hotline = await api.app_key("QD", ApiClientKind.HOTLINE)
    given = hotline_input("12345-merged", title="门口垃圾堆了三天")
    code = await submit_by_hotline(api, hotline, given)
    merged = await Petition.get(tracking_code=code)
    await triage.merge_petition(
        city.actor("SN", Role.DISPATCHER),
        merged.id,
        T0,
        duplicate_of_id=survivor.id,
        note="内部备注：与前一件合并",
    )
    token = await sign_in(api, await api.app_key("SN"), PHONE, caplog)

    # Before the survivor is answered: in plain words, no reply, nothing to do.
    for step in (_urge, _dispatch, _accept, _draft, _reject, _sign_off):
        await step(api, survivor.id)
    for path, view in (await _views(api, code, token, hotline)).items():
        assert view["statusText"] == "办理中", path
        assert view["replies"] == [] and view["availableActions"] == [], path
        assert view["handlingUnitName"] == "SN区城市管理局", path
        assert view["closureText"] == "与相同诉求合并办理", path
        assert [m["kind"] for m in view["milestones"]][:2] == ["RECEIVED", "MERGED"], path

    # The platform sends the survivor's reply: every merged path shows it.
    await _send(api, survivor.id)
    for path, view in (await _views(api, code, token, hotline)).items():
        assert view["statusText"] == "已答复", path
        [reply] = view["replies"]
        assert reply["handlingResult"] == FINAL["handling_result"], path
        assert reply["petitionerSituation"] == "", path
        assert view["evaluationDueAt"] is not None, path
        assert "REPLIED" in [m["kind"] for m in view["milestones"]], path
        want = [] if path.startswith("hotline") else ["EVALUATE"]
        assert view["availableActions"] == want, path

    # The merged petitioner evaluates; it moves no measure and no state.
    counted = await _evaluations_counted()
    data = await api.gql(
        EVALUATE,
        {
            "i": {
                "trackingCode": code,
                "satisfaction": "UNSATISFIED",
                "resolution": "UNRESOLVED",
                "comment": "垃圾还在",
            }
        },
        token,
    )
    done = data["evaluatePetition"]
    assert done["__typename"] == "PetitionerViewSuccess", done
    assert done["view"]["availableActions"] == []
    assert done["view"]["evaluations"] == [
        {
            "round": 1,
            "satisfaction": "UNSATISFIED",
            "resolution": "UNRESOLVED",
            "source": "PETITIONER",
        }
    ]
    assert await _evaluations_counted() == counted
    assert (await Petition.get(id=survivor.id)).state is State.AWAITING_EVALUATION
    after = await Petition.get(id=merged.id)
    assert after.state is State.CLOSED and after.duplicate_of_id == survivor.id
    assert await Evaluation.filter(petition_id=survivor.id).count() == 0
    last = await Event.filter(petition_id=merged.id).order_by("-id").first()
    assert last is not None and last.payload["mergedInto"] == survivor.id
    for view in (await _views(api, code, token, hotline)).values():
        assert len(view["evaluations"]) == 1 and view["availableActions"] == []

    # A second evaluation of the same answer is refused.
    again = await api.gql(
        EVALUATE,
        {"i": {"trackingCode": code, "satisfaction": "SATISFIED", "resolution": "RESOLVED"}},
        token,
    )
    assert again["evaluatePetition"]["__typename"] == "WrongState", again
    assert await Evaluation.filter(petition_id=merged.id).count() == 1

    # The survivor's own petitioner closes it: the merged petitioner sees it done; rebuilding
    # the rollups from the rows agrees with the incremental counts.
    await _happy_survivor(api, survivor.id)
    for path, view in (await _views(api, code, token, hotline)).items():
        assert view["statusText"] == "已办结", path
        assert view["milestones"][-1]["kind"] == "CLOSED", path
    total = await _evaluations_counted()
    assert total > counted  # the survivor's own evaluation counts
    await rebuild_stats()
    assert await _evaluations_counted() == total


async def _happy_survivor(api: Api, pid: int) -> None:
    await closing.evaluate_petition(
        petitioner(SURVIVOR_PHONE),
        pid,
        T0 + timedelta(hours=1),
        satisfaction=Satisfaction.SATISFIED,
        resolution=Resolution.RESOLVED,
    )


async def test_a_merged_petitioner_may_not_evaluate_after_the_window(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    city = api.city
    survivor = await submit(city, petitioner_phone=SURVIVOR_PHONE)
    merged = await submit(city, petitioner_phone=PHONE, external_id="m-late")
    await triage.merge_petition(
        city.actor("SN", Role.DISPATCHER), merged.id, T0, duplicate_of_id=survivor.id
    )
    for step in (_dispatch, _accept, _sign_off, _send):
        await step(api, survivor.id)
    api.clock.now = T0 + timedelta(days=8)  # the window (7 days from the sending) is over
    token = await sign_in(api, await api.app_key("SN"), PHONE, caplog)
    view = (await api.gql(BY_CODE, {"c": merged.tracking_code}, token))["petitionByTrackingCode"]
    assert view["statusText"] == "已答复" and view["availableActions"] == []
    refused = await api.gql(
        EVALUATE,
        {
            "i": {
                "trackingCode": merged.tracking_code,
                "satisfaction": "SATISFIED",
                "resolution": "RESOLVED",
            }
        },
        token,
    )
    assert refused["evaluatePetition"]["__typename"] == "WrongState"
    assert await Evaluation.filter(petition_id=merged.id).count() == 0



DUPLICATES = """query($id: ID!) { petition(id: $id) { trackingCode
  duplicates { trackingCode closure duplicateOf { trackingCode } } } }"""


async def test_the_surviving_petition_lists_what_was_merged_into_it(api: Api) -> None:
    city = api.city
    survivor = await submit(city, petitioner_phone=SURVIVOR_PHONE)
    copies = [await submit(city, petitioner_phone=f"1380000000{n}") for n in range(2)]
    for copy in copies:
        await triage.merge_petition(
            city.actor("SN", Role.DISPATCHER), copy.id, T0, duplicate_of_id=survivor.id
        )
    token = await api.user("SN", Role.DISPATCHER)
    data = (await api.gql(DUPLICATES, {"id": str(survivor.id)}, token))["petition"]
    assert data["duplicates"] == [
        {
            "trackingCode": c.tracking_code,
            "closure": "DUPLICATE",
            "duplicateOf": {"trackingCode": survivor.tracking_code},
        }
        for c in copies
    ]
    merged = (await api.gql(DUPLICATES, {"id": str(copies[0].id)}, token))["petition"]
    assert merged["duplicates"] == []
    # A unit that never handled them sees neither.
    other = await api.user("SB", Role.DISPATCHER)
    assert (await api.gql(DUPLICATES, {"id": str(survivor.id)}, other))["petition"] is None
