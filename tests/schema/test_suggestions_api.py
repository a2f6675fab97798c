"""dispatchSuggestions through GraphQL: ranked units with the items and words that matched."""

from __future__ import annotations

from resolvers.dispatch_suggestions import duty_lists_changed
from tests.schema.conftest import Api
from tests.schema.helpers import submit
from workflow.enums import Role

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
