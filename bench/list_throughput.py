"""Requests/s of the 50-petition list over HTTP, GraphQL vs a bare Starlette JSON endpoint
returning the same rows, in the same run (the ratio is the figure that matters).

    python -m bench.list_throughput [sqlite|postgres] [--requests N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import json

from bench.common import (
    Session,
    bench_db_url,
    free_port,
    load,
    login,
    post_graphql,
    prepare,
    run,
    uvicorn_process,
)

QUERY = """{ petitions(first: 50) { nodes { id trackingCode title state deadline
  district { name } platform { name } handlingUnit { name }
  assignments { role unit { name } } } } }"""


async def main(kind: str, requests: int, concurrency: int) -> None:
    url = bench_db_url(kind)
    await prepare(url)
    async with uvicorn_process("server:app_factory", url, free_port()) as base:
        token = await login(base, "qd.dispatcher")

        async def graphql(session: Session, n: int) -> bool:
            status, body = await post_graphql(session, QUERY)
            return status == 200 and len(body["data"]["petitions"]["nodes"]) == 50

        await load(graphql, base, 50, 4, {"Authorization": f"Bearer {token}"})  # warm-up
        gql = await load(graphql, base, requests, concurrency, {"Authorization": f"Bearer {token}"})
    async with uvicorn_process("bench.bare_app:app_factory", url, free_port()) as base:

        async def bare(session: Session, n: int) -> bool:
            async with session.get("/rows") as resp:
                return resp.status == 200 and len(json.loads(await resp.read())) == 50

        await load(bare, base, 50, 4)
        raw = await load(bare, base, requests, concurrency)
    print(f"database: {kind}; {requests} requests at concurrency {concurrency}; 1 uvicorn worker")
    print(gql.line("GraphQL petitions(first: 50)"))
    print(raw.line("bare Starlette JSON (same rows) "))
    print(f"GraphQL / bare = {gql.rate / raw.rate:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", nargs="?", default="sqlite", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    run(main(args.kind, args.requests, args.concurrency))
