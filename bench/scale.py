"""p50/p95 of GraphQL reads on a PostgreSQL database grown to N petitions (default 1,000,000):
each role's queues, the petitions list with its filters and the combinations staff use, text
search with common and rare words of 2, 3 and 4 characters, lookups by tracking code, partial
code and phone, and deep pages. Through a real uvicorn, one request at a time.

    python -m bench.scale [--petitions N] [--database qingsu_scale] [--reuse] [--repeat R]

The database (on the BENCH_PG_URL server) is dropped and grown again unless --reuse is given.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import asyncpg
import httpx

from bench.common import asyncpg_dsn, free_port, grown_city, login, pg_admin_url, uvicorn_process
from bench.scale_fill import fill
from resolvers.paging import encode_cursor

PAGE = """query($f: PetitionFilterInput, $after: String) {
  petitions(filter: $f, first: 50, after: $after) {
    pageInfo { hasNextPage endCursor }
    nodes { id trackingCode title state light deadline createdAt
      district { name } handlingUnit { name } topic { name } availableActions } } }"""
COUNTED = PAGE.replace("pageInfo {", "totalCount totalCountExact pageInfo {")


_admin_url = pg_admin_url
_dsn = asyncpg_dsn


async def grow(url: str, name: str, petitions: int, now: datetime) -> float:
    """A fresh database `name` with the demo city's organisation and `petitions` petitions."""
    return await grown_city(url, name, now, lambda conn: fill(conn, petitions, now))


async def _facts(url: str) -> dict[str, Any]:
    conn = await asyncpg.connect(_dsn(url))
    try:
        unit = {r["code"]: r["id"] for r in await conn.fetch("SELECT id, code FROM unit")}
        top = await conn.fetchrow(
            "SELECT t.parent_id AS id FROM petition p JOIN topic t ON t.id = p.topic_id "
            "WHERE p.district_id = $1 AND t.parent_id IS NOT NULL "
            "GROUP BY t.parent_id ORDER BY count(*) DESC LIMIT 1",
            unit["SN"],
        )
        last = await conn.fetchrow(
            "SELECT tracking_code, petitioner_phone, petitioner_name FROM petition "
            "WHERE district_id = $1 "
            "ORDER BY id DESC OFFSET 100 LIMIT 1",
            unit["SN"],
        )
        max_id = await conn.fetchval("SELECT max(id) FROM petition")
        total = await conn.fetchval("SELECT count(*) FROM petition")
    finally:
        await conn.close()
    return {
        "unit": unit,
        "topic": top["id"],
        "code": last["tracking_code"],
        "phone": last["petitioner_phone"],
        "name": last["petitioner_name"],
        "max_id": max_id,
        "total": total,
    }


def scenarios(f: dict[str, Any], now: datetime) -> list[tuple[str, str, dict[str, Any], str]]:
    """(label, user, variables, query)."""
    u = f["unit"]
    month = (now - timedelta(days=30)).date().isoformat()
    today = now.date().isoformat()
    week = (now + timedelta(days=7)).date().isoformat()
    code: str = f["code"]
    deep = encode_cursor(max(1, f["max_id"] - 200 * 50))
    return [
        (
            "queue triage (district dispatcher)",
            "sn.dispatcher",
            {"f": {"states": ["TRIAGE"]}},
            PAGE,
        ),
        ("queue platform review", "sn.dispatcher", {"f": {"states": ["PLATFORM_REVIEW"]}}, PAGE),
        (
            "queue assigned (community)",
            "sn-s01-c01.handler",
            {"f": {"states": ["ASSIGNED"], "unitId": str(u["SN-S01-C01"])}},
            PAGE,
        ),
        (
            "queue handling (department)",
            "sn-cg.handler",
            {"f": {"states": ["HANDLING"], "unitId": str(u["SN-CG"])}},
            PAGE,
        ),
        (
            "queue unit review (reviewer)",
            "sn-cg.reviewer",
            {"f": {"states": ["UNIT_REVIEW"], "unitId": str(u["SN-CG"])}},
            PAGE,
        ),
        ("queue overdue (city supervisor)", "qd.supervisor", {"f": {"overdue": True}}, PAGE),
        ("list all (city supervisor)", "qd.supervisor", {}, PAGE),
        ("list all + totalCount (capped)", "qd.supervisor", {}, COUNTED),
        ("list all (district dispatcher)", "sn.dispatcher", {}, PAGE),
        ("list all (department handler)", "sn-cg.handler", {}, PAGE),
        ("filter district", "qd.supervisor", {"f": {"districtId": str(u["SB"])}}, PAGE),
        ("filter category", "sn.dispatcher", {"f": {"category": "ENFORCEMENT"}}, PAGE),
        ("filter topic (first level)", "sn.dispatcher", {"f": {"topicId": str(f["topic"])}}, PAGE),
        ("filter light RED", "sn.dispatcher", {"f": {"light": "RED"}}, PAGE),
        ("filter last 30 days", "sn.dispatcher", {"f": {"createdFrom": month}}, PAGE),
        (
            "combo district+category+30 days",
            "qd.supervisor",
            {"f": {"districtId": str(u["LC"]), "category": "LIVELIHOOD", "createdFrom": month}},
            PAGE,
        ),
        (
            "combo closed+topic",
            "sn.dispatcher",
            {"f": {"states": ["CLOSED"], "topicId": str(f["topic"])}},
            PAGE,
        ),
        ("search common 2: 小区", "qd.supervisor", {"f": {"text": "小区"}}, PAGE),
        ("search common 2+2: 小区 垃圾", "qd.supervisor", {"f": {"text": "小区 垃圾"}}, PAGE),
        ("search common 3: 人行道", "qd.supervisor", {"f": {"text": "人行道"}}, PAGE),
        ("search common 4: 消防通道", "qd.supervisor", {"f": {"text": "消防通道"}}, PAGE),
        ("search common 2 (district): 噪音", "sn.dispatcher", {"f": {"text": "噪音"}}, PAGE),
        ("search rare 2: 古树", "qd.supervisor", {"f": {"text": "古树"}}, PAGE),
        ("search rare 3: 充电桩", "qd.supervisor", {"f": {"text": "充电桩"}}, PAGE),
        ("search rare 4: 高空抛物", "qd.supervisor", {"f": {"text": "高空抛物"}}, PAGE),
        ("search none: 火箭发射", "qd.supervisor", {"f": {"text": "火箭发射"}}, PAGE),
        ("lookup tracking code", "sn.dispatcher", {"f": {"text": code}}, PAGE),
        ("lookup partial code (prefix)", "sn.dispatcher", {"f": {"text": code[:10]}}, PAGE),
        ("lookup partial code (tail)", "qd.supervisor", {"f": {"text": code[-6:]}}, PAGE),
        ("lookup phone", "sn.dispatcher", {"f": {"text": f["phone"]}}, PAGE),
        ("lookup name (exact)", "sn.dispatcher", {"f": {"text": f["name"]}}, PAGE),
        ("lookup phone (city)", "qd.supervisor", {"f": {"text": f["phone"]}}, PAGE),
        ("filter street", "sn.dispatcher", {"f": {"streetId": str(u["SN-S01"])}}, PAGE),
        ("filter channel hotline", "sn.dispatcher", {"f": {"channel": "HOTLINE_12345"}}, PAGE),
        ("filter urged", "qd.supervisor", {"f": {"urged": True}}, PAGE),
        ("filter overdue ≥ 3 working days", "qd.supervisor", {"f": {"overdueDays": 3}}, PAGE),
        (
            "filter deadline next 7 days",
            "sn.dispatcher",
            {"f": {"deadlineFrom": today, "deadlineTo": week}},
            PAGE,
        ),
        (
            "combo street+round 2+created 30 days",
            "sn.dispatcher",
            {"f": {"streetId": str(u["SN-S01"]), "round": 2, "createdFrom": month}},
            PAGE,
        ),
        (
            "combo overdue ≥ 1 + unit + urged (count)",
            "sn.dispatcher",
            {"f": {"overdueDays": 1, "unitId": str(u["SN-CG"]), "urged": False}},
            COUNTED,
        ),
        ("deep page 200 (city)", "qd.supervisor", {"after": deep}, PAGE),
        ("deep page 200 (district)", "sn.dispatcher", {"after": deep}, PAGE),
    ]


async def measure(base: str, f: dict[str, Any], repeat: int, now: datetime) -> None:
    tokens: dict[str, str] = {}
    async with httpx.AsyncClient(base_url=base, timeout=120) as client:
        print(f"{'scenario':40} {'p50 ms':>8} {'p95 ms':>8}  rows")
        worst = 0.0
        for label, user, variables, query in scenarios(f, now):
            if user not in tokens:
                tokens[user] = await login(base, user)
            headers = {"Authorization": f"Bearer {tokens[user]}"}
            times: list[float] = []
            rows = 0
            for n in range(repeat + 2):
                start = time.perf_counter()
                resp = await client.post(
                    "/graphql", json={"query": query, "variables": variables}, headers=headers
                )
                elapsed = time.perf_counter() - start
                body = resp.json()
                if body.get("errors"):
                    raise RuntimeError(f"{label}: {body['errors']}")
                rows = len(body["data"]["petitions"]["nodes"])
                if n >= 2:  # the first two warm the caches
                    times.append(elapsed)
            times.sort()
            p50 = statistics.median(times) * 1000
            p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1000
            worst = max(worst, p95)
            print(f"{label:40} {p50:8.1f} {p95:8.1f}  {rows}")
        print(f"worst p95: {worst:.1f} ms")


async def main(petitions: int, name: str, reuse: bool, repeat: int) -> None:
    url = _admin_url().rpartition("/")[0] + f"/{name}"
    now = datetime.now(UTC)
    if not reuse:
        seconds = await grow(url, name, petitions, now)
        print(f"grew {name} to {petitions:,} petitions in {seconds:.0f} s")
    facts = await _facts(url)
    print(f"database {name}: {facts['total']:,} petitions; {repeat} requests per scenario")
    async with uvicorn_process("server:app_factory", url, free_port()) as base:
        await measure(base, facts, repeat, now)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--database", default="qingsu_scale")
    parser.add_argument("--reuse", action="store_true", help="measure the existing database")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.petitions, args.database, args.reuse, args.repeat))
