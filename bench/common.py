"""Plumbing for the benchmarks: a seeded database, a uvicorn process, a load loop.

Benchmarks print figures; they never assert on time (these machines are shared and noisy).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import uvloop
from tortoise import Tortoise

import settings
from cli import migrate_database

DEMO_PASSWORD = "qingsu-demo-2023"
DEMO_APP_KEY = "qsk_demo0sn0_qingsu-demo-district-app-key"
# A citizen's complaint about rubbish, as the channels hand it in (the benches and the API
# tests send this one).
SUBMISSION: dict[str, Any] = {
    "title": "小区门口垃圾无人清运",
    "content": "垃圾堆放三天无人清理，气味很大。",
    "category": "LIVELIHOOD",
    "kind": "COMPLAINT",
    "petitionerType": "CITIZEN",
    "petitionerName": "张三",
    "petitionerPhone": "13812345678",
}


def positive(text: str) -> int:
    """An argparse type: a whole number above zero (runs, rounds, requests)."""
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, not {value}")
    return value


def _pg_name() -> str:
    """The benchmark's PostgreSQL database (BENCH_PG_NAME, default qingsu_bench): dropped and
    made again by every run, so two people benchmarking on one server each name their own."""
    name = os.environ.get("BENCH_PG_NAME", "qingsu_bench")
    if not name.replace("_", "").isalnum():
        raise SystemExit(f"BENCH_PG_NAME must be letters, digits and underscores: {name!r}")
    return name


def bench_db_url(kind: str) -> str:
    """A fresh database for one benchmark run: a temp SQLite file, or a PostgreSQL database
    named BENCH_PG_NAME (default qingsu_bench) on the BENCH_PG_URL server (default: the local
    one)."""
    if kind == "sqlite":
        return f"sqlite://{tempfile.mkdtemp(prefix='qingsu-bench-')}/bench.sqlite3"
    base = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
    return base.rpartition("/")[0] + "/" + _pg_name()


async def _pg_admin(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(url.replace("postgres://", "postgresql://", 1))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


async def prepare(url: str, petitions: int = 1000) -> None:
    """Migrate and load the demo city with `petitions` petitions."""
    if url.startswith("postgres"):
        admin = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")
        name = _pg_name()
        await _pg_admin(admin, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await _pg_admin(admin, f"CREATE DATABASE {name}")
    await migrate_database(url)
    from demo.seed import seed_demo

    await Tortoise.init(config=settings.tortoise_config(url), _enable_global_fallback=True)
    try:
        await seed_demo(petitions=petitions, now=datetime.now(UTC))
    finally:
        await Tortoise.close_connections()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@asynccontextmanager
async def uvicorn_process(
    app: str,
    url: str,
    port: int,
    workers: int = 1,
    log: Path | None = None,
    env: dict[str, str] | None = None,
) -> AsyncIterator[str]:
    """A real uvicorn serving `app` on `url`'s database for the block; its output goes to
    `log` when given (the end-to-end tests read it for tracebacks); `env` adds settings."""
    env = {**os.environ, "DATABASE_URL": url, "SWEEP_EVERY_SECONDS": "0", **(env or {})}
    out = log.open("wb") if log else None
    args = ["-m", "uvicorn", "--factory", app, "--host", "127.0.0.1", "--port", str(port)]
    args += ["--workers", str(workers), "--log-level", "warning"]
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        *args,
        env=env,
        stdout=out,
        stderr=asyncio.subprocess.STDOUT if out else None,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base) as client:
            for _ in range(150):
                try:
                    if (await client.get("/healthz")).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.2)
            else:
                raise RuntimeError(f"{app} did not start")
        yield base
    finally:
        proc.terminate()
        await proc.wait()
        if out:
            out.close()


@dataclass
class LoadResult:
    requests: int
    seconds: float
    latencies: list[float]
    failures: int

    @classmethod
    def merged(cls, parts: list[LoadResult]) -> LoadResult:
        """Several runs taken as one (their requests over their summed time)."""
        return cls(
            sum(p.requests for p in parts),
            sum(p.seconds for p in parts),
            [x for p in parts for x in p.latencies],
            sum(p.failures for p in parts),
        )

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(len(ordered) * p))]

    def line(self, label: str) -> str:
        return (
            f"{label}: {self.rate:8.1f} req/s  p50 {self.percentile(0.5) * 1000:6.1f} ms  "
            f"p99 {self.percentile(0.99) * 1000:6.1f} ms  "
            f"mean {statistics.mean(self.latencies) * 1000:6.1f} ms  "
            f"({self.requests} requests, {self.failures} failed)"
        )


# The load generator shares the machine's two cores with the server and the database, so it
# must cost little per request: aiohttp (its HTTP parser is compiled), not httpx, and no JSON
# parsing beyond what `send` needs to tell success.
Session = aiohttp.ClientSession
Send = Callable[[Session, int], Awaitable[bool]]


def _session(base: str, headers: dict[str, str] | None, connections: int) -> Session:
    return aiohttp.ClientSession(
        base_url=base,
        headers=headers,
        connector=aiohttp.TCPConnector(limit=connections),
        timeout=aiohttp.ClientTimeout(total=60),
    )


async def load(
    send: Send,
    base: str,
    total: int,
    concurrency: int,
    headers: dict[str, str] | None = None,
    first: int = 0,
) -> LoadResult:
    """`concurrency` clients share `total` requests, numbered from `first` (unique external
    ids); `send` returns whether one succeeded."""
    counter = iter(range(first, first + total))
    latencies: list[float] = []
    failures = 0

    async def client_loop(session: Session) -> None:
        nonlocal failures
        for n in counter:
            start = time.perf_counter()
            ok = await send(session, n)
            latencies.append(time.perf_counter() - start)
            failures += 0 if ok else 1

    async with _session(base, headers, concurrency) as session:
        start = time.perf_counter()
        await asyncio.gather(*(client_loop(session) for _ in range(concurrency)))
        elapsed = time.perf_counter() - start
    return LoadResult(total, elapsed, latencies, failures)


async def open_loop(
    send: Send,
    base: str,
    rate: float,
    seconds: float,
    headers: dict[str, str] | None = None,
    first: int = 0,
) -> LoadResult:
    """Requests arrive at a fixed rate whatever the server does (open loop), as citizens do;
    each latency counts from the moment its request was due, so a stalled server cannot hide
    its queue by slowing the client down. `first` numbers the requests (unique external ids)."""
    total = int(rate * seconds)
    latencies: list[float] = []
    failures = 0
    async with _session(base, headers, 500) as session:
        start = time.perf_counter()

        async def one(n: int) -> None:
            nonlocal failures
            due = start + n / rate
            await asyncio.sleep(max(0.0, due - time.perf_counter()))
            ok = await send(session, first + n)
            latencies.append(time.perf_counter() - due)
            failures += 0 if ok else 1

        await asyncio.gather(*(one(n) for n in range(total)))
        elapsed = time.perf_counter() - start
    return LoadResult(total, elapsed, latencies, failures)


async def post_graphql(
    session: Session, query: str, variables: dict[str, Any] | None = None
) -> tuple[int, dict[str, Any]]:
    """One GraphQL request through the load generator: its status and its decoded body."""
    async with session.post("/graphql", json={"query": query, "variables": variables}) as resp:
        return resp.status, json.loads(await resp.read())


def run(main: Awaitable[None]) -> None:
    """Runs a benchmark on uvloop, the event loop uvicorn serves on (the cheaper client)."""
    uvloop.run(main)  # type: ignore[arg-type]


async def login(base: str, username: str) -> str:
    query = """mutation($u: String!, $p: String!) { login(input: {username: $u, password: $p}) {
      ... on LoginSuccess { token } ... on Error { message } } }"""
    async with httpx.AsyncClient(base_url=base) as client:
        resp = await client.post(
            "/graphql", json={"query": query, "variables": {"u": username, "p": DEMO_PASSWORD}}
        )
    token: str = resp.json()["data"]["login"]["token"]
    return token


def pg_admin_url() -> str:
    return os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/test")


def asyncpg_dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def grown_city(
    url: str, name: str, now: datetime, fill: Callable[[Any], Awaitable[None]]
) -> float:
    """A fresh PostgreSQL database `name` with the demo city's organisation, filled in bulk by
    `fill(connection)` (the scale and command-centre benches); returns the seconds it took."""
    import asyncpg

    started = time.perf_counter()
    admin = await asyncpg.connect(asyncpg_dsn(pg_admin_url()))
    try:
        await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        await admin.execute(f"CREATE DATABASE {name}")
    finally:
        await admin.close()
    await migrate_database(url)
    from demo.seed import seed_demo

    await Tortoise.init(config=settings.tortoise_config(url), _enable_global_fallback=True)
    try:
        await seed_demo(petitions=0, now=now)
    finally:
        await Tortoise.close_connections()
    conn = await asyncpg.connect(asyncpg_dsn(url))
    try:
        await fill(conn)
    finally:
        await conn.close()
    return time.perf_counter() - started
