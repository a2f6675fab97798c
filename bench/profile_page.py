"""Where a 50-petition GraphQL page spends its time: pyinstrument over N requests served
in-process (the demo city), printing the heaviest frames and the SQL statements per page.

    python -m bench.profile_page [sqlite|postgres] [--requests N] [--reuse]
"""

from __future__ import annotations

import argparse
import asyncio

import httpx
from pyinstrument import Profiler

from bench.common import DEMO_PASSWORD, bench_db_url, prepare
from bench.list_queries import LOGIN, PAGE
from server import create_app
from tests.querycount import count_queries


async def main(kind: str, requests: int, reuse: bool) -> None:
    url = bench_db_url(kind)
    if not reuse:
        await prepare(url)
    app = create_app(db_url=url, sweep_every=0)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            login = await client.post(
                "/graphql",
                json={"query": LOGIN, "variables": {"u": "sn.dispatcher", "p": DEMO_PASSWORD}},
            )
            headers = {"Authorization": f"Bearer {login.json()['data']['login']['token']}"}
            body = {"query": PAGE, "variables": {"after": None}}
            for _ in range(5):  # warm the caches
                await client.post("/graphql", headers=headers, json=body)
            with count_queries() as counter:
                await client.post("/graphql", headers=headers, json=body)
            profiler = Profiler(interval=0.001, async_mode="enabled", use_timing_thread=True)
            profiler.start()
            for _ in range(requests):
                await client.post("/graphql", headers=headers, json=body)
            profiler.stop()
    print(f"{kind}: {counter.count} SQL statements per page; {requests} pages profiled")
    print(profiler.output_text(unicode=False, color=False, show_all=False))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", nargs="?", default="postgres", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=100)
    parser.add_argument("--reuse", action="store_true", help="profile the existing bench database")
    args = parser.parse_args()
    asyncio.run(main(args.kind, args.requests, args.reuse))
