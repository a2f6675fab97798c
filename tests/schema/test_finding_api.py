"""The petitions list's filter through the API: the new fields, their refusals naming the
field, tenant scope, and the phone search that only staff who may see phones get."""

from __future__ import annotations

from datetime import datetime, timedelta

from models import AdminAudit, Petition
from resolvers.triage import dispatch_petition
from tests.factories import T0, submit
from tests.schema.conftest import Api
from workflow.deadlines import TZ
from workflow.enums import AuditAction, Channel, Role

LIST = """query($f: PetitionFilterInput) {
  petitions(filter: $f, first: 50) { totalCount nodes { trackingCode petitionerPhone } } }"""


async def _codes(api: Api, token: str, **flt: object) -> set[str]:
    data = await api.gql(LIST, {"f": flt}, token)
    nodes = data["petitions"]["nodes"]
    assert data["petitions"]["totalCount"] == len(nodes)
    return {n["trackingCode"] for n in nodes}


async def test_the_new_filter_fields_narrow_the_list(api: Api) -> None:
    city = api.city
    street, community = city.id("SN-S01"), city.id("SN-S01-C01")
    a = await submit(city, external_id="a", street_id=street, community_id=community)
    b = await submit(city, external_id="b", now=T0 + timedelta(days=3))
    c = await submit(city, external_id="c")
    await Petition.filter(id=b.id).update(channel=Channel.HOTLINE_12345, urge_count=1)
    await Petition.filter(id=c.id).update(
        state="HANDLING",
        deadline=datetime(2023, 3, 20, tzinfo=TZ),  # before T0 (Friday)
    )
    sn = await api.user("SN", Role.DISPATCHER)
    assert await _codes(api, sn, streetId=str(street)) == {a.tracking_code}
    assert await _codes(api, sn, communityId=str(community)) == {a.tracking_code}
    assert await _codes(api, sn, channel="HOTLINE_12345") == {b.tracking_code}
    assert await _codes(api, sn, urged=True) == {b.tracking_code}
    assert await _codes(api, sn, urged=False) == {a.tracking_code, c.tracking_code}
    assert await _codes(api, sn, overdueDays=4) == {c.tracking_code}  # Mon..Fri: 5 days late
    assert await _codes(api, sn, overdueDays=6) == set()
    assert await _codes(api, sn, deadlineFrom="2023-03-19", deadlineTo="2023-03-21") == {
        c.tracking_code
    }
    assert await _codes(api, sn, createdFrom="2023-03-25", urged=True) == {b.tracking_code}
    # Another district sees none of them through any filter.
    sb = await api.user("SB", Role.DISPATCHER)
    assert await _codes(api, sb, streetId=str(street)) == set()
    assert await _codes(api, sb, districtId=str(city.id("SN"))) == set()
    assert await _codes(api, sb, overdueDays=1) == set()


async def test_bad_filter_values_are_refused_naming_every_field(api: Api) -> None:
    sn = await api.user("SN", Role.DISPATCHER)
    body = await api.raw(
        LIST,
        {
            "f": {
                "overdueDays": 0,
                "round": 5,
                "deadlineFrom": "2023-05-02",
                "deadlineTo": "2023-05-01",
            }
        },
        sn,
    )
    assert body["data"] is None
    ext = body["errors"][0]["extensions"]
    assert ext["code"] == "INVALID_FIELD" and ext["field"] == "round"
    assert [f["field"] for f in ext["fields"]] == ["round", "overdueDays", "deadlineTo"]
    body = await api.raw(LIST, {"f": {"deadlineFrom": "soon", "streetId": "x"}}, sn)
    ext = body["errors"][0]["extensions"]
    assert {f["field"] for f in ext["fields"]} == {"deadlineFrom", "streetId"}


async def test_a_phone_search_is_for_those_who_may_see_the_phone_and_is_recorded(api: Api) -> None:
    city = api.city
    p = await submit(city, external_id="a", petitioner_phone="13900001111")
    await dispatch_petition(
        city.actor("SN", Role.DISPATCHER), p.id, T0, lead_unit_id=city.id("SN-CG")
    )
    sn = await api.user("SN", Role.DISPATCHER)
    data = await api.gql(LIST, {"f": {"text": "13900001111"}}, sn)
    (node,) = data["petitions"]["nodes"]
    assert node["trackingCode"] == p.tracking_code
    assert node["petitionerPhone"] == "139****1111"  # a list never shows it
    (entry,) = await AdminAudit.filter(action=AuditAction.PERSONAL_DATA_SEARCHED)
    assert entry.after["term"] == "13900001111" and entry.after["matched"] == 1
    # A department that does not handle it, and a department system's key: nothing, count 0.
    scjg = await api.user("SN-SCJG", Role.HANDLER)
    assert await _codes(api, scjg, text="13900001111") == set()
    from workflow.enums import ApiClientKind

    key = await api.app_key("SN-CG", ApiClientKind.DEPARTMENT_SYSTEM)
    assert await _codes(api, key, text="13900001111") == set()
