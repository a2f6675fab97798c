"""A page of petitions with nested units, assignments and actions costs a fixed number of
queries, whatever the page size (DataLoaders, not N+1)."""

from __future__ import annotations

import pytest

from resolvers import catalog
from resolvers.triage import dispatch_petition
from tests.factories import T0, submit
from tests.querycount import count_queries
from tests.schema.conftest import Api
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
    monkeypatch.setattr(catalog, "RECHECK_SECONDS", 3600.0)
    counts = {}
    for size in (5, 50):
        with count_queries() as counter:
            data = await api.gql(PAGE, {"n": size}, token)
        assert len(data["petitions"]["nodes"]) == size
        nodes = data["petitions"]["nodes"]
        assert all(node["availableActions"] == ["RECALL", "WITHDRAW"] for node in nodes)
        counts[size] = counter.count
    print("queries per page:", counts, *counter.statements, sep="\n")
    assert counts[50] == counts[5], counts
    # Session and grants (2), the page, its capped count, assignments, replies: units and
    # topics come from the process's copy, and the rules reuse the page's rows.
    assert counts[50] == 6, counts


async def test_petitions_are_counted_only_when_total_count_is_asked(api: Api) -> None:
    for n in range(3):
        await submit(api.city, external_id=f"t-{n}")
    token = await api.user("SN", Role.DISPATCHER)
    bare = "query { petitions(first: 2) { nodes { id } pageInfo { hasNextPage } } }"
    counted = """query { petitions(first: 2) { totalCount totalCountExact nodes { id } } }"""
    with count_queries() as without:
        await api.gql(bare, {}, token)
    with count_queries() as with_count:
        data = await api.gql(counted, {}, token)
    assert not any("COUNT(" in s.upper() for s in without.statements), without.statements
    assert sum("COUNT(" in s.upper() for s in with_count.statements) == 1
    assert data["petitions"]["totalCount"] == 3 and data["petitions"]["totalCountExact"] is True
