"""dispatchSuggestions through GraphQL: ranked units with the items and words that matched."""

from __future__ import annotations

import pytest
from tortoise.expressions import F

from models import DutyItem, DutyListVersion
from resolvers import dispatch_suggestions, versions
from resolvers.dispatch_suggestions import duty_lists_changed
from tests.querycount import count_queries
from tests.schema.conftest import Api
from tests.schema.helpers import submit
from workflow.enums import Category, Role

SUGGEST = """query($id: ID!, $limit: Int) { dispatchSuggestions(petitionId: $id, limit: $limit) {
  unit { code name } score matchedItems { title legalBasis } matchedTerms reason } }"""


async def test_a_dispatcher_sees_ranked_units_of_their_platform_with_the_evidence(
    api: Api,
) -> None:
    await duty_lists_changed()
    token = await api.user("SN", Role.DISPATCHER)
    created = await submit(
        api, token, title="食品经营许可怎么办", content="想开饭店，食品许可怎么申请"
    )
    data = await api.gql(SUGGEST, {"id": created["petition"]["id"], "limit": 3}, token)
    [best] = data["dispatchSuggestions"]
    assert best["unit"]["code"] == "SN-SCJG"
    assert best["matchedItems"] == [
        {"title": "食品经营许可", "legalBasis": "《中华人民共和国食品安全法》第三十五条"}
    ]
    assert {"食品", "许可"} <= set(best["matchedTerms"])
    assert "食品经营许可" in best["reason"] and best["score"] > 0


async def test_someone_who_may_not_dispatch_gets_an_error_not_suggestions(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    created = await submit(api, token)
    handler = await api.user("SN-SCJG", Role.HANDLER)
    body = await api.raw(SUGGEST, {"id": created["petition"]["id"]}, handler)
    assert body["data"] is None and body["errors"]


RELATED = """query($id: ID!) { relatedPetitions(petitionId: $id) {
  likelyDuplicates { petition { trackingCode } similarity reasons } repeatCount } }"""


async def test_related_petitions_through_the_api(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    first = (await submit(api, token))["petition"]
    second = (await submit(api, token))["petition"]
    data = (await api.gql(RELATED, {"id": second["id"]}, token))["relatedPetitions"]
    assert [d["petition"]["trackingCode"] for d in data["likelyDuplicates"]] == [
        first["trackingCode"]
    ]
    assert data["likelyDuplicates"][0]["similarity"] == 1.0 and data["repeatCount"] == 2


async def test_a_steady_suggestion_reads_only_the_petition(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index and the platform's history are kept per process (resolvers/
    dispatch_suggestions.py), and so is who the token signs in as (resolvers/auth.py); within
    their recheck times a call reads nothing else."""
    monkeypatch.setattr(dispatch_suggestions, "RECHECK_SECONDS", 3600.0)
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    monkeypatch.setattr(dispatch_suggestions, "HISTORY_SECONDS", 3600.0)
    await duty_lists_changed()
    token = await api.user("SN", Role.DISPATCHER)
    created = await submit(api, token, title="食品经营许可怎么办", content="食品许可怎么申请")
    variables = {"id": created["petition"]["id"], "limit": 3}
    await api.gql(SUGGEST, variables, token)
    with count_queries() as counter:
        data = await api.gql(SUGGEST, variables, token)
    assert data["dispatchSuggestions"][0]["unit"]["code"] == "SN-SCJG"
    # The petition.
    assert counter.count == 1, counter.statements


async def test_an_edit_made_by_another_process_is_seen_after_the_recheck(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    await duty_lists_changed()
    token = await api.user("SN", Role.DISPATCHER)
    created = await submit(api, token, title="小区电梯停运", content="电梯坏了一周没人修")
    variables = {"id": created["petition"]["id"], "limit": 3}
    before = (await api.gql(SUGGEST, variables, token))["dispatchSuggestions"]
    assert all(s["unit"]["code"] != "SN-CG" for s in before)
    # Another process adds an item and moves the version: nothing here is told.
    await DutyItem.create(
        unit=api.city.units["SN-CG"],
        title="电梯安全监管",
        description="负责小区电梯停运故障的督促维修",
        keywords=["电梯", "停运", "维修"],
        category=Category.LIVELIHOOD,
        legal_basis="《特种设备安全法》",
    )
    await DutyListVersion.filter(id=1).update(version=F("version") + 1)
    monkeypatch.setattr(dispatch_suggestions, "RECHECK_SECONDS", 0.0)
    after = (await api.gql(SUGGEST, variables, token))["dispatchSuggestions"]
    [cg] = [s for s in after if s["unit"]["code"] == "SN-CG"]
    assert cg["matchedItems"][0]["title"] == "电梯安全监管"
    assert {"电梯", "停运"} <= set(cg["matchedTerms"])
