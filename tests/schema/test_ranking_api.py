"""考核排名 in GraphQL."""

from __future__ import annotations

import pytest

import settings
from tests.resolvers.stats_helpers import ranked_history
from tests.schema.conftest import Api
from workflow.enums import Role

RANKING = """query { ranking(level: DISTRICT, from: "2023-03-01", to: "2023-03-31") {
  __typename ... on Ranking { minSample entries { rank score measures { name
    responseRate { display } } } } ... on Error { code } } }"""


async def test_ranking_in_graphql(api: Api, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "RANKING_MIN_SAMPLE", 1)
    await ranked_history(api.city)
    got = await api.gql(RANKING, token=await api.user("QD", Role.SUPERVISOR))
    entries = got["ranking"]["entries"]
    assert entries[0] == {
        "rank": 1,
        "score": "100.00",
        "measures": {"name": "暖南诉办", "responseRate": {"display": "100.00%"}},
    }
    assert entries[1]["rank"] is None and entries[1]["score"] is None
    refused = await api.gql(RANKING, token=await api.user("SN", Role.DISPATCHER))
    assert refused["ranking"]["__typename"] == "NotAllowed"
