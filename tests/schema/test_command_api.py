"""指挥中心, 监测预警 and 数据分析 in GraphQL, with the screens' scope rules."""

from __future__ import annotations

from datetime import timedelta

from resolvers import handling
from tests.factories import T0, submit
from tests.resolvers.helpers import at, dispatched
from tests.schema.conftest import Api
from workflow.enums import ApiClientKind, ContactMethod, Role

ROW = """id name open yellow red overdue awaitingReview todayIntake
  month { responseRate { display numerator denominator } firstContactRate { display }
          firstContacts }"""
CENTRE = """query($d: ID) { commandCentre(districtId: $d) { __typename
  ... on CommandCentre { districtId totals { %s } districts { %s } streets { %s } units { %s } }
  ... on Error { code message } } }""" % (ROW, ROW, ROW, ROW)
WARNINGS = """query { warnings { __typename
  ... on Warnings { day items { kind key name count acknowledged petitionIds } }
  ... on Error { code } } }"""
ACK = """mutation($k: WarningKind!, $key: String!) { acknowledgeWarning(kind: $k, key: $key) {
  __typename ... on AcknowledgeWarningSuccess { acknowledged }
  ... on InvalidField { field } ... on Error { code } } }"""
ANALYSIS = """query($m: Date, $d: ID, $by: TrendBy! = DAY) {
  analysis(month: $m, districtId: $d, by: $by) { __typename
  ... on Analysis { districtId scopeName month total totalBefore trend { bucket petitions }
    areas { name current before share } channels { key current } heatAreas
    heat { street counts } channelMonths { month hotline district } districts { name current } }
  ... on Error { code } ... on InvalidField { field } } }"""


async def _history(api: Api) -> dict[str, int]:
    """In SN: one petition overdue at the department (contacted at once), one fresh and
    accepted, one waiting in triage; one in SB."""
    city = api.city
    late = await submit(city)
    await dispatched(city, late.id, "SN-CG")
    await handling.record_first_contact(
        city.actor("SN-CG", Role.HANDLER),
        late.id,
        T0,
        contacted_at=None,
        method=ContactMethod.PHONE,
        note="已电话联系",
    )
    fresh = await submit(city, now=at(2023, 3, 29, 9))
    await dispatched(city, fresh.id, "SN-CG", at(2023, 3, 29, 9))
    await handling.accept_petition(city.actor("SN-CG", Role.HANDLER), fresh.id, at(2023, 3, 29, 9))
    await submit(city, now=at(2023, 3, 29, 10))
    await submit(city, "SB", now=T0)
    api.clock.now = at(2023, 3, 29, 11)
    return {"late": late.id, "fresh": fresh.id}


async def test_the_city_gets_every_district_and_one_district_its_streets_and_units(
    api: Api,
) -> None:
    await _history(api)
    city = api.city
    sup = await api.user("QD", Role.SUPERVISOR)
    got = (await api.gql(CENTRE, token=sup))["commandCentre"]
    assert got["__typename"] == "CommandCentre" and got["districtId"] is None
    sn = next(r for r in got["districts"] if r["id"] == str(city.id("SN")))
    live = (sn["open"], sn["red"], sn["overdue"], sn["yellow"], sn["todayIntake"])
    assert live == (3, 1, 1, 0, 2)
    assert sn["month"]["responseRate"] == {"display": "50.00%", "numerator": 1, "denominator": 2}
    assert sn["month"]["firstContacts"] == 1 and sn["month"]["firstContactRate"]["display"] == (
        "50.00%"
    )
    sb = next(r for r in got["districts"] if r["id"] == str(city.id("SB")))
    assert (sb["open"], sb["todayIntake"]) == (1, 0)

    one = (await api.gql(CENTRE, {"d": str(city.id("SN"))}, token=sup))["commandCentre"]
    assert one["districtId"] == str(city.id("SN")) and one["totals"]["open"] == 3
    cg = next(u for u in one["units"] if u["id"] == str(city.id("SN-CG")))
    assert (cg["open"], cg["red"], cg["todayIntake"]) == (2, 1, None)
    assert cg["month"]["responseRate"]["display"] == "50.00%"


async def test_a_district_platform_sees_only_itself_and_others_are_refused(api: Api) -> None:
    await _history(api)
    city = api.city
    sn = await api.user("SN", Role.DISPATCHER)
    own = (await api.gql(CENTRE, token=sn))["commandCentre"]
    assert own["districtId"] == str(city.id("SN")) and own["districts"] == []
    other = (await api.gql(CENTRE, {"d": str(city.id("SB"))}, token=sn))["commandCentre"]
    assert other["__typename"] == "NotAllowed"
    unit = await api.user("SN-CG", Role.HANDLER)
    assert (await api.gql(CENTRE, token=unit))["commandCentre"]["__typename"] == "NotAllowed"
    app = await api.app_key("SN", ApiClientKind.DISTRICT_APP)
    assert (await api.gql(CENTRE, token=app))["commandCentre"]["__typename"] == "NotAllowed"
    assert (await api.gql(WARNINGS, token=app))["warnings"]["__typename"] == "NotAllowed"
    assert (await api.gql(ANALYSIS, token=app))["analysis"]["__typename"] == "NotAllowed"
    bad = (await api.gql(CENTRE, {"d": "abc"}, token=sn))["commandCentre"]
    assert bad["__typename"] == "InvalidField"


async def test_warnings_list_their_petitions_and_are_acknowledged_per_platform(
    api: Api,
) -> None:
    city = api.city
    day = at(2023, 5, 10, 9)
    ids = [(await submit(city, now=day - timedelta(days=3 * n))).id for n in range(3)]
    await dispatched(city, ids[-1], "SN-CG", day - timedelta(days=6))
    api.clock.now = day
    sn = await api.user("SN", Role.DISPATCHER)
    got = (await api.gql(WARNINGS, token=sn))["warnings"]
    assert got["day"] == "2023-05-10"
    repeat = next(w for w in got["items"] if w["kind"] == "REPEAT_PETITIONER")
    assert repeat["name"] == "138****5678" and repeat["count"] == 3
    assert sorted(repeat["petitionIds"]) == sorted(str(i) for i in ids)
    overdue = next(w for w in got["items"] if w["kind"] == "MOST_OVERDUE")
    assert overdue["key"] == str(city.id("SN-CG")) and overdue["petitionIds"] == [str(ids[-1])]
    done = await api.gql(ACK, {"k": "REPEAT_PETITIONER", "key": repeat["key"]}, token=sn)
    assert done["acknowledgeWarning"] == {
        "__typename": "AcknowledgeWarningSuccess",
        "acknowledged": True,
    }
    again = (await api.gql(WARNINGS, token=sn))["warnings"]["items"]
    assert next(w for w in again if w["kind"] == "REPEAT_PETITIONER")["acknowledged"]
    # SB's platform sees none of SN's petitions; a unit is refused both ways.
    sb = (await api.gql(WARNINGS, token=await api.user("SB", Role.DISPATCHER)))["warnings"]
    assert not [w for w in sb["items"] if w["kind"] == "REPEAT_PETITIONER"]
    unit = await api.user("SN-CG", Role.HANDLER)
    assert (await api.gql(WARNINGS, token=unit))["warnings"]["__typename"] == "NotAllowed"
    refused = await api.gql(ACK, {"k": "REPEAT_PETITIONER", "key": repeat["key"]}, token=unit)
    assert refused["acknowledgeWarning"]["__typename"] == "NotAllowed"
    empty = await api.gql(ACK, {"k": "REPEAT_PETITIONER", "key": ""}, token=sn)
    assert empty["acknowledgeWarning"]["__typename"] == "InvalidField"
    assert empty["acknowledgeWarning"]["field"] == "key"


async def test_analysis_for_the_city_a_chosen_district_and_a_district_platform(api: Api) -> None:
    await _history(api)
    city = api.city
    sup = await api.user("QD", Role.SUPERVISOR)
    whole = (await api.gql(ANALYSIS, {"m": "2023-03-01"}, token=sup))["analysis"]
    assert (whole["scopeName"], whole["total"], whole["totalBefore"]) == ("全市", 4, 0)
    assert sum(p["petitions"] for p in whole["trend"]) == 4 and len(whole["trend"]) == 31
    assert {d["name"]: d["current"] for d in whole["districts"]} == {"暖南诉办": 3, "北尚诉办": 1}
    assert sum(sum(r["counts"]) for r in whole["heat"]) == 4
    sn_id = str(city.id("SN"))
    one = (await api.gql(ANALYSIS, {"m": "2023-03-01", "d": sn_id}, token=sup))["analysis"]
    assert (one["districtId"], one["total"], one["districts"]) == (sn_id, 3, [])
    sn = await api.user("SN", Role.DISPATCHER)
    own = (await api.gql(ANALYSIS, {"m": "2023-03-01"}, token=sn))["analysis"]
    assert (own["districtId"], own["total"]) == (sn_id, 3)
    other = await api.gql(ANALYSIS, {"m": "2023-03-01", "d": str(city.id("SB"))}, token=sn)
    assert other["analysis"]["__typename"] == "NotAllowed"
    unit = await api.user("SN-CG", Role.HANDLER)
    assert (await api.gql(ANALYSIS, token=unit))["analysis"]["__typename"] == "NotAllowed"
    notd = await api.gql(ANALYSIS, {"d": str(city.id("SN-CG"))}, token=sup)
    assert notd["analysis"]["__typename"] == "InvalidField"
    assert notd["analysis"]["field"] == "districtId"
