"""`unitReturns` in the API: the counts, the returns and the disputes, for the platform."""

from __future__ import annotations

from tests.resolvers.test_returns import DISPUTE_NOTE, returns_history
from tests.schema.conftest import Api
from workflow.enums import Role

QUERY = """query($u: ID!) { unitReturns(unitId: $u, from: "2023-03-01", to: "2023-03-31") {
  __typename
  ... on UnitReturns { unit { code } from to returnCount disputeCount
    returns { petition { trackingCode } reason citedItemTitle citedUnit { code } disputed }
    disputes { petition { trackingCode } disputedAt disputeNote } }
  ... on Error { code message } } }"""


async def test_the_platform_reads_a_units_returns_and_disputes(api: Api) -> None:
    h = await returns_history(api.city)
    token = await api.user("SN", Role.DISPATCHER)
    data = (await api.gql(QUERY, {"u": str(api.city.id("SN-CG"))}, token))["unitReturns"]
    assert data["__typename"] == "UnitReturns", data
    assert (data["unit"]["code"], data["from"], data["to"]) == ("SN-CG", "2023-03-01", "2023-03-31")
    assert (data["returnCount"], data["disputeCount"]) == (2, 1)
    assert {r["petition"]["trackingCode"] for r in data["returns"]} == {
        h.disputed.tracking_code,
        h.accepted.tracking_code,
    }
    assert all(r["citedUnit"]["code"] == "SN-SCJG" for r in data["returns"])
    assert all(r["citedItemTitle"] == "食品经营许可" for r in data["returns"])
    [dispute] = data["disputes"]
    assert dispute["petition"]["trackingCode"] == h.disputed.tracking_code
    assert dispute["disputeNote"] == DISPUTE_NOTE


async def test_a_unit_and_another_district_may_not_read_them(api: Api) -> None:
    await returns_history(api.city)
    handler = await api.user("SN-CG", Role.HANDLER)
    own = (await api.gql(QUERY, {"u": str(api.city.id("SN-CG"))}, handler))["unitReturns"]
    assert own["__typename"] == "NotAllowed", own
    other = await api.user("SB", Role.DISPATCHER)
    theirs = (await api.gql(QUERY, {"u": str(api.city.id("SN-CG"))}, other))["unitReturns"]
    assert theirs["__typename"] == "NotAllowed", theirs
