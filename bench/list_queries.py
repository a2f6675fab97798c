"""SQL statements per 50-petition page (with nested units, assignments and actions), counted
on the demo city, in-process.

    python -m bench.list_queries [sqlite|postgres]
"""

from __future__ import annotations

import argparse
import asyncio

import httpx

from bench.common import DEMO_PASSWORD, bench_db_url, prepare
from server import create_app
from tests.querycount import count_queries

PAGE = """query($after: String) { petitions(first: 50, after: $after) { pageInfo { endCursor }
  nodes { id trackingCode light availableActions district { name } platform { name }
  handlingUnit { name parent { name } } topic { name parent { name } }
  assignments { role unit { name } assignedByUnit { name } } replies { status } } } }"""
LOGIN = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
  ... on LoginSuccess { token } } }"""


async def main(kind: str) -> None:
    url = bench_db_url(kind)
    await prepare(url)
    app = create_app(db_url=url, sweep_every=0)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            for username in ("qd.dispatcher", "sn.dispatcher", "sn-cg.handler"):
                login = await client.post(
                    "/graphql",
                    json={"query": LOGIN, "variables": {"u": username, "p": DEMO_PASSWORD}},
                )
                token = login.json()["data"]["login"]["token"]
                headers = {"Authorization": f"Bearer {token}"}
                after = None
                for page in (1, 2):
                    with count_queries() as counter:
                        resp = await client.post(
                            "/graphql",
                            headers=headers,
                            json={"query": PAGE, "variables": {"after": after}},
                        )
                    data = resp.json()["data"]["petitions"]
                    after = data["pageInfo"]["endCursor"]
                    print(
                        f"{kind}: {username:14s} page {page}: {len(data['nodes']):2d} petitions,"
                        f" {counter.count} SQL statements (incl. 2 for authentication)"
                    )


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", nargs="?", default="sqlite", choices=["sqlite", "postgres"])
    asyncio.run(main(parser.parse_args().kind))
