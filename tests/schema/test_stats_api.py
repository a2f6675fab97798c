"""`stats` over GraphQL: rates with their counts, a dash for an empty base, typed refusals."""

from __future__ import annotations

from resolvers import handling
from tests.factories import submit
from tests.resolvers.helpers import dispatched
from tests.schema.conftest import Api
from workflow.enums import Role

STATS = """query($scope: StatScope!, $id: ID, $from: Date!, $to: Date!) {
  stats(scope: $scope, id: $id, from: $from, to: $to) {
    __typename
    ... on Measures { scope id name from to submitted assignments extensions urges
      responseRate { numerator denominator percent display }
      satisfactionRate { display } }
    ... on Error { code message }
    ... on InvalidField { field }
  }
}"""


async def test_the_city_reads_a_districts_response_rate_with_its_counts(api: Api) -> None:
    city = api.city
    for _ in range(3):
        p = await submit(city)
        await dispatched(city, p.id, "SN-CG")
    await handling.accept_petition(city.actor("SN-CG", Role.HANDLER), p.id, api.clock.now)
    token = await api.user("QD", Role.SUPERVISOR)
    got = await api.gql(
        STATS,
        {"scope": "DISTRICT", "id": str(city.id("SN")), "from": "2023-03-01", "to": "2023-03-31"},
        token,
    )
    m = got["stats"]
    assert m["__typename"] == "Measures"
    assert (m["name"], m["from"], m["to"], m["submitted"], m["assignments"]) == (
        "暖南诉办",
        "2023-03-01",
        "2023-03-31",
        3,
        3,
    )
    assert m["responseRate"] == {
        "numerator": 1,
        "denominator": 3,
        "percent": "33.33",
        "display": "33.33%",
    }
    assert m["satisfactionRate"] == {"display": "—"}


async def test_a_district_asking_for_another_district_is_refused(api: Api) -> None:
    token = await api.user("SN", Role.DISPATCHER)
    got = await api.gql(
        STATS,
        {
            "scope": "DISTRICT",
            "id": str(api.city.id("SB")),
            "from": "2023-03-01",
            "to": "2023-03-31",
        },
        token,
    )
    assert got["stats"]["__typename"] == "NotAllowed"
    bad = await api.gql(
        STATS, {"scope": "CHANNEL", "id": "PIGEON", "from": "2023-03-01", "to": "2023-03-31"}, token
    )
    assert (bad["stats"]["__typename"], bad["stats"]["field"]) == ("InvalidField", "id")


async def test_an_anonymous_caller_gets_no_stats(api: Api) -> None:
    got = await api.gql(STATS, {"scope": "CITY", "from": "2023-03-01", "to": "2023-03-31"})
    assert got["stats"]["__typename"] == "Unauthenticated"
