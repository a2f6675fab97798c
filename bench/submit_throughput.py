"""submitPetition requests/s and latency percentiles at 32 concurrent clients, as a district
app sends them (API key, unique external ids), on PostgreSQL by default.

    python -m bench.submit_throughput [postgres|sqlite] [--requests N] [--concurrency C]
"""

from __future__ import annotations

import argparse
import asyncio

import httpx

from bench.common import DEMO_APP_KEY, bench_db_url, free_port, load, prepare, uvicorn_process

SUBMIT = """mutation($input: SubmitPetitionInput!) { submitPetition(input: $input) {
  __typename ... on PetitionReceipt { trackingCode } } }"""


async def main(kind: str, requests: int, concurrency: int, workers: int) -> None:
    url = bench_db_url(kind)
    await prepare(url, petitions=50)
    async with uvicorn_process("server:app_factory", url, free_port(), workers) as base:

        async def submit(client: httpx.AsyncClient, n: int) -> bool:
            variables = {
                "input": {
                    "title": "小区门口垃圾无人清运",
                    "content": "垃圾堆放三天无人清理，气味很大。",
                    "category": "LIVELIHOOD",
                    "kind": "COMPLAINT",
                    "petitionerType": "CITIZEN",
                    "petitionerName": "张三",
                    "petitionerPhone": "13812345678",
                    "channel": "DISTRICT_APP",
                    "externalId": f"bench-{n:07d}",
                }
            }
            resp = await client.post("/graphql", json={"query": SUBMIT, "variables": variables})
            return (
                resp.status_code == 200
                and resp.json()["data"]["submitPetition"]["__typename"] == "PetitionReceipt"
            )

        headers = {"Authorization": f"Bearer {DEMO_APP_KEY}"}
        result = await load(submit, base, requests, concurrency, headers)
    print(
        f"database: {kind}; {requests} submissions at {concurrency} concurrent clients; "
        f"{workers} uvicorn worker(s)"
    )
    print(result.line("submitPetition"))


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("kind", nargs="?", default="postgres", choices=["sqlite", "postgres"])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    asyncio.run(main(args.kind, args.requests, args.concurrency, args.workers))
