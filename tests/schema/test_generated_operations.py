"""Generated operations (hypothesis-graphql, fixed seed) never end in an internal error.

Queries and mutations are drawn from the schema itself, with arbitrary strings (NUL included),
numbers and ids in their arguments, and sent as a signed-in dispatcher and as a district app.
Each must answer data or a typed refusal or a client error, never "服务器内部错误" or a 500.
The operations are generated once per run and replayed on every database.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from graphql import StringValueNode
from graphql import build_schema as parse_sdl
from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st
from hypothesis_graphql import mutations, queries

from schema import build_schema
from tests.schema.conftest import Api
from workflow.enums import Role

# About 50 ms of generation each: 1,000 operations in all, generated once, replayed per database.
QUERIES = 500
MUTATIONS = 500


@cache
def _operations() -> tuple[str, ...]:
    sdl = parse_sdl(build_schema(True).as_str())
    drawn: list[str] = []
    # Ids: mostly small (rows that exist), sometimes absurd.
    ids = st.one_of(st.integers(1, 40), st.integers(-5, 2**70)).map(
        lambda n: StringValueNode(value=str(n))
    )
    # Files come only in multipart requests; inline, an upload is any string (refused).
    uploads = st.just(StringValueNode(value="not a file"))
    # Dates (the measures' periods): mostly real days, sometimes nonsense.
    dates = st.one_of(st.dates(), st.text(max_size=12)).map(
        lambda d: StringValueNode(value=str(d))
    )
    scalars = {"ID": ids, "Upload": uploads, "Date": dates}

    def collect(n: int, strategy: st.SearchStrategy[str]) -> None:
        @seed(20261128)
        @settings(
            max_examples=n,
            derandomize=True,
            database=None,
            deadline=None,
            phases=[Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(strategy)
        def draw(operation: str) -> None:
            drawn.append(operation)

        draw()

    collect(QUERIES, queries(sdl, custom_scalars=scalars))
    collect(MUTATIONS, mutations(sdl, custom_scalars=scalars))
    return tuple(drawn)


def _internal(body: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        e
        for e in body.get("errors") or []
        if e.get("extensions", {}).get("code") == "INTERNAL_ERROR"
        or "服务器内部错误" in e["message"]
    ]


async def test_generated_operations_never_end_in_an_internal_error(api: Api) -> None:
    operations = _operations()
    assert len(operations) >= 1000
    staff = await api.user("SN", Role.DISPATCHER)
    app = await api.app_key("SN")
    failures: list[tuple[str, object]] = []
    for n, operation in enumerate(operations):
        token = staff if n % 2 == 0 else app
        resp = await api.client.post(
            "/graphql", json={"query": operation}, headers={"Authorization": f"Bearer {token}"}
        )
        if resp.status_code >= 500:
            failures.append((operation, resp.status_code))
        elif resp.status_code == 200 and _internal(resp.json()):
            failures.append((operation, _internal(resp.json())))
    assert not failures, failures[:5]
