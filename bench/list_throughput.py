"""Requests/s of the 50-petition list over HTTP, GraphQL vs a bare Starlette JSON endpoint
returning the same rows, in the same run (the ratio is the figure that matters).

    python -m bench.list_throughput [sqlite|postgres] [--requests N] [--concurrency C] [--rounds R]
"""

from __future__ import annotations

import argparse
import json
import statistics

from bench.common import (
    LoadResult,
    Session,
    bench_db_url,
    free_port,
    load,
    login,
    positive,
    post_graphql,
    prepare,
    run,
    uvicorn_process,
)

QUERY = """{ petitions(first: 50) { nodes { id trackingCode title state deadline
  district { name } platform { name } handlingUnit { name }
  assignments { role unit { name } } } } }"""


async def main(kind: str, requests: int, concurrency: int, rounds: int) -> None:
    """Both servers run side by side and take turns: `rounds` rounds of requests/rounds each,
    GraphQL then bare. The speed of a shared machine drifts by tens of percent within a
    minute; each round's ratio compares the two under the same conditions, and the median
    of the rounds is the figure."""
    url = bench_db_url(kind)
    await prepare(url)
    async with (
        uvicorn_process("server:app_factory", url, free_port()) as gql_base,
        uvicorn_process("bench.bare_app:app_factory", url, free_port()) as bare_base,
    ):
        headers = {"Authorization": f"Bearer {await login(gql_base, 'qd.dispatcher')}"}

        async def graphql(session: Session, n: int) -> bool:
            status, body = await post_graphql(session, QUERY)
            return status == 200 and len(body["data"]["petitions"]["nodes"]) == 50

        async def bare(session: Session, n: int) -> bool:
            async with session.get("/rows") as resp:
                return resp.status == 200 and len(json.loads(await resp.read())) == 50

        await load(graphql, gql_base, 50, 4, headers)  # warm-up
        await load(bare, bare_base, 50, 4)
        each = max(1, requests // rounds)
        turns: list[tuple[LoadResult, LoadResult]] = []
        for _ in range(rounds):
            turns.append(
                (
                    await load(graphql, gql_base, each, concurrency, headers),
                    await load(bare, bare_base, each, concurrency),
                )
            )
    gql, raw = (LoadResult.merged([t[side] for t in turns]) for side in (0, 1))
    ratios = sorted(g.rate / b.rate for g, b in turns)
    print(
        f"database: {kind}; {rounds} rounds of {each} requests each side at concurrency "
        f"{concurrency}; 1 uvicorn worker each"
    )
    print(gql.line("GraphQL petitions(first: 50)"))
    print(raw.line("bare Starlette JSON (same rows) "))
    print("GraphQL / bare by round: " + " ".join(f"{r:.2f}" for r in ratios))
    print(f"GraphQL / bare = {statistics.median(ratios):.2f} (median of the rounds)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", nargs="?", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=positive, default=600)
    parser.add_argument("--concurrency", type=positive, default=8)
    parser.add_argument("--rounds", type=positive, default=6)
    args = parser.parse_args()
    run(main(args.kind, args.requests, args.concurrency, args.rounds))
