"""p50/p95 of the command centre and the measures on a PostgreSQL history of N petitions
(default 1,000,000 over two years, the newest 100,000 open), and the time of one sweep.

    python -m bench.command_centre [--petitions N] [--open M] [--reuse] [--repeat R]
    python -m bench.command_centre --demo [--petitions N] [--history H] [--reuse]

Calls the resolvers the screens and the API call (the database work and the arithmetic; no
HTTP or template rendering). The database `qingsu_command` on the BENCH_PG_URL server is
dropped and grown again unless --reuse is given. Prints figures; asserts nothing.

--demo [--sqlite FILE] loads the demo city instead, into FILE (SQLite) if given
(`qingsu seed --demo`: N petitions through the real steps,
default 1,000, and H older closed ones, default 10,000) and also times the command screens
as a signed-in city supervisor sees them, over HTTP in-process (resolvers, templates, charts).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from tortoise import Tortoise

import settings
from bench.command_fill import fill
from bench.common import asyncpg_dsn, grown_city, pg_admin_url
from cli import migrate_database

_admin_url = pg_admin_url
_dsn = asyncpg_dsn


async def grow(url: str, name: str, petitions: int, open_count: int, now: datetime) -> float:
    return await grown_city(
        url, name, now, lambda conn: fill(conn, petitions, open_count / petitions, now)
    )


async def timed(label: str, call: Callable[[], Awaitable[Any]], repeat: int) -> None:
    await call()  # warm the connection and the plan cache
    samples = []
    for _ in range(repeat):
        t = time.perf_counter()
        await call()
        samples.append((time.perf_counter() - t) * 1000)
    samples.sort()
    p95 = samples[min(len(samples) - 1, int(round(0.95 * len(samples))) - 1)]
    print(f"  {label:<44} p50 {statistics.median(samples):7.1f} ms   p95 {p95:7.1f} ms")


async def grow_demo(url: str, name: str, petitions: int, history: int, now: datetime) -> float:
    import asyncpg

    from demo.seed import seed_demo

    started = time.perf_counter()
    if url.startswith("sqlite"):
        await asyncio.to_thread(Path(url.removeprefix("sqlite://")).unlink, missing_ok=True)
    else:
        admin = await asyncpg.connect(_dsn(_admin_url()))
        try:
            await admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            await admin.execute(f"CREATE DATABASE {name}")
        finally:
            await admin.close()
    await migrate_database(url)
    await Tortoise.init(config=settings.tortoise_config(url), _enable_global_fallback=True)
    try:
        await seed_demo(petitions=petitions, now=now, history=history)
    finally:
        await Tortoise.close_connections()
    return time.perf_counter() - started


async def screens(url: str, repeat: int) -> None:
    """The command screens over HTTP in-process, as the demo's city supervisor."""
    import re

    import httpx

    from bench.common import DEMO_PASSWORD
    from server import create_app

    app = create_app(db_url=url, sweep_every=0)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
            page = await client.get("/login")
            token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
            assert token is not None
            await client.post(
                "/login",
                data={
                    "username": "qd.supervisor",
                    "password": DEMO_PASSWORD,
                    "next": "/",
                    "csrf_token": token.group(1),
                },
            )
            from models import Unit

            sn = await Unit.get(code="SN")
            for label, path in (
                ("screen /command", "/command"),
                ("screen /command (htmx refresh)", "/command"),
                ("screen /command/districts/SN", f"/command/districts/{sn.id}"),
                ("screen /warnings", "/warnings"),
                ("screen /ranking", "/ranking"),
                ("screen /ranking?level=UNIT", "/ranking?level=UNIT"),
                ("screen /analysis", "/analysis"),
            ):
                headers = {"HX-Request": "true"} if "htmx" in label else {}

                async def get(p: str = path, h: dict[str, str] = headers) -> None:
                    resp = await client.get(p, headers=h)
                    assert resp.status_code == 200, (p, resp.status_code)

                await timed(label, get, repeat)


async def measure(url: str, repeat: int, now: datetime, skip_sweep: bool = False) -> None:
    from models import Petition, Unit
    from resolvers.analysis import analyse
    from resolvers.command import city_centre, district_centre
    from resolvers.ranking import ranking
    from resolvers.stats import measures_of
    from resolvers.units import unit_ref
    from resolvers.warnings import warnings
    from resolvers.watch import sweep
    from workflow.actors import Actor
    from workflow.analysis import TrendBy
    from workflow.enums import Role, StatScope
    from workflow.ranking import RankingLevel

    await Tortoise.init(config=settings.tortoise_config(url), _enable_global_fallback=True)
    try:
        city = await Unit.get(code="QD")
        sn = await Unit.get(code="SN")
        supervisor = Actor(unit=unit_ref(city), roles=frozenset({Role.SUPERVISOR}), name="bench")
        today = now.date()
        month = (today.replace(day=1), today)
        year = (date(today.year - 1, today.month, today.day) + timedelta(days=1), today)
        total = await Petition.all().count()
        open_now = await Petition.exclude(state="CLOSED").count()
        print(f"petitions {total:,}, open {open_now:,}")
        await timed("command centre: ten districts", lambda: city_centre(supervisor, now), repeat)
        await timed(
            "command centre: one district's units/streets",
            lambda: district_centre(supervisor, sn.id, now),
            repeat,
        )
        for label, (start, end) in (("month", month), ("year", year)):
            await timed(
                f"stats: a district for a {label}",
                lambda s=start, e=end: measures_of(
                    supervisor, StatScope.DISTRICT, str(sn.id), s, e
                ),
                repeat,
            )
        await timed(
            "stats: the city for a year",
            lambda: measures_of(supervisor, StatScope.CITY, None, *year),
            repeat,
        )
        await timed("warnings: the city", lambda: warnings(supervisor, now), repeat)
        await timed(
            "ranking: units for a year",
            lambda: ranking(supervisor, RankingLevel.UNIT, *year),
            repeat,
        )
        await timed(
            "analysis: the city, this month by day",
            lambda: analyse(supervisor, month[0], TrendBy.DAY),
            repeat,
        )
        await timed(
            "analysis: the city, 12 months by month",
            lambda: analyse(supervisor, month[0], TrendBy.MONTH),
            repeat,
        )
        await timed(
            "analysis: a district, 13 weeks by week",
            lambda: analyse(supervisor, month[0], TrendBy.WEEK, sn.id),
            repeat,
        )
        if skip_sweep:
            return
        t = time.perf_counter()
        first = await sweep(now)
        print(
            f"  sweep over {open_now:,} open petitions, first run: "
            f"{time.perf_counter() - t:7.1f} s  ({first})"
        )
        t = time.perf_counter()
        second = await sweep(now)
        print(
            f"  sweep again, nothing new:                  "
            f"{(time.perf_counter() - t) * 1000:7.1f} ms ({second})"
        )
    finally:
        await Tortoise.close_connections()


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--petitions", type=int, default=1_000_000)
    parser.add_argument("--open", type=int, default=100_000)
    parser.add_argument("--database", default="qingsu_command")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--demo", action="store_true", help="the demo city, and the screens")
    parser.add_argument("--history", type=int, default=10_000, help="with --demo")
    parser.add_argument("--sqlite", metavar="FILE", help="with --demo: a SQLite file instead")
    args = parser.parse_args()
    url = _admin_url().rpartition("/")[0] + "/" + args.database
    if args.sqlite:
        url = f"sqlite://{await asyncio.to_thread(os.path.abspath, args.sqlite)}"
    now = datetime.now(UTC)
    if args.demo:
        petitions = args.petitions if args.petitions != 1_000_000 else 1000
        if not args.reuse:
            took = await grow_demo(url, args.database, petitions, args.history, now)
            print(f"loaded the demo city in {took:.0f} s")
        await measure(url, args.repeat, now, skip_sweep=True)
        await screens(url, args.repeat)
        return
    if not args.reuse:
        took = await grow(url, args.database, args.petitions, args.open, now)
        print(f"grew {args.petitions:,} petitions in {took:.0f} s")
    await measure(url, args.repeat, now)


if __name__ == "__main__":
    asyncio.run(main())
