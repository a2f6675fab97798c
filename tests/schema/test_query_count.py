"""A page of petitions with nested units, assignments and actions costs a fixed number of
queries, whatever the page size (DataLoaders, not N+1)."""

from __future__ import annotations

import pytest

from resolvers import versions
from resolvers.triage import dispatch_petition
from tests.factories import T0, submit
from tests.querycount import count_queries
from tests.schema.conftest import LOGIN, PASSWORD, Api
from tests.schema.helpers import sign_in
from workflow.enums import Role

PAGE = """query($n: Int!) { petitions(first: $n) { totalCount pageInfo { hasNextPage }
  nodes { id trackingCode light availableActions
    district { name } platform { name } handlingUnit { name parent { name } } topic { name }
    assignments { role unit { name } assignedByUnit { name } }
    replies { status } } } }"""


async def test_a_fifty_petition_page_costs_a_small_fixed_number_of_queries(
    api: Api, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = api.city
    dispatcher = city.actor("SN", Role.DISPATCHER)
    for n in range(50):
        p = await submit(city, external_id=f"q-{n}")
        await dispatch_petition(dispatcher, p.id, T0, lead_unit_id=city.id("SN-CG"))
    token = await api.user("SN", Role.DISPATCHER)
    await api.gql(PAGE, {"n": 5}, token)  # loads this process's copy of units and topics
    monkeypatch.setattr(versions, "RECHECK_SECONDS", 3600.0)
    counts = {}
    for size in (5, 50):
        with count_queries() as counter:
            data = await api.gql(PAGE, {"n": size}, token)
        assert len(data["petitions"]["nodes"]) == size
        nodes = data["petitions"]["nodes"]
        assert all(
            node["availableActions"] == ["RECALL", "WITHDRAW", "ADD_MATERIAL"] for node in nodes
        )
        counts[size] = counter.count
    print("queries per page:", counts, *counter.statements, sep="\n")
    assert counts[50] == counts[5], counts
    # The page, its capped count, assignments, replies: who the token is was read once.
    assert counts[50] == 4, counts
    # A token this process has not seen yet costs one statement more: session, user and roles.
    again = await api.gql(LOGIN, {"u": "sn.dispatcher", "p": PASSWORD})
    fresh = again["login"]["token"]
    assert fresh != token
    with count_queries() as counter:
        await api.gql(PAGE, {"n": 50}, fresh)
    assert counter.count == 5, counter.statements
    assert counter.statements[0].count("JOIN") == 2, counter.statements[0]


# The page size is written in the query: with a variable the cost rule counts the largest
# page (100), and the whole view with its five lists would pass the cost limit.
MINE = """{ myPetitions(first: %d) { pageInfo { hasNextPage }
  nodes { trackingCode statusText handlingUnitName replies { unitName handlingResult }
    milestones { kind text unitName } evaluations { satisfaction } materials { text }
    attachments { filename fromReply url thumbnailUrl } availableActions } } }"""


async def test_a_petitioners_page_costs_the_same_queries_for_five_or_fifty_petitions(
    api: Api, caplog: pytest.LogCaptureFixture
) -> None:
    city = api.city
    dispatcher = city.actor("SN", Role.DISPATCHER)
    for n in range(50):
        p = await submit(city, external_id=f"m-{n}")
        await dispatch_petition(dispatcher, p.id, T0, lead_unit_id=city.id("SN-CG"))
    token = await sign_in(api, await api.app_key("SN"), "13812345678", caplog)
    counts = {}
    for size in (5, 50):
        with count_queries() as counter:
            data = await api.gql(MINE % size, None, token)
        assert len(data["myPetitions"]["nodes"]) == size
        counts[size] = counter.count
    # The token, the page, then replies, lead assignments, evaluations, material, unit names,
    # and the files the petitioner may see (their own and the sent replies'): 7 before files.
    assert counts == {5: 8, 50: 8}, counts
