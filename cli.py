"""`qingsu`: migrate, seed the demo city, serve, and the operator's chores."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path

from tortoise import Tortoise

import settings
from workflow.enums import ApiClientKind, AuditAction, Role

SCHEMA_FILE = Path(__file__).parent / "schema" / "schema.graphql"


async def migrate_database(db_url: str | None = None) -> None:
    """Apply every migration in migrations/ (the only way the schema is created)."""
    from tortoise.migrations.api import migrate

    try:
        await migrate(config=settings.tortoise_config(db_url))
    finally:
        await Tortoise.close_connections()


async def _with_db(work: Callable[[], Awaitable[None]], db_url: str | None = None) -> None:
    await Tortoise.init(config=settings.tortoise_config(db_url), _enable_global_fallback=True)
    try:
        await work()
    finally:
        await Tortoise.close_connections()


def export_schema() -> str:
    from schema import build_schema

    return build_schema(introspection=True).as_str() + "\n"


def _cmd_migrate(args: argparse.Namespace) -> None:
    asyncio.run(migrate_database())
    print("migrated", settings.DATABASE_URL.split("@")[-1])


def _cmd_seed(args: argparse.Namespace) -> None:
    if not args.demo:
        sys.exit("nothing to seed: pass --demo")
    from demo.seed import seed_demo

    async def work() -> None:
        report = await seed_demo(
            petitions=args.petitions, now=datetime.now(UTC), history=args.history
        )
        print(report)

    asyncio.run(_with_db(work))


def several_workers_problems(workers: int, database_url: str, rate_limit_storage: str) -> list[str]:
    """What keeps `workers` processes from sharing this configuration safely."""
    if workers <= 1:
        return []
    problems = []
    if not database_url.startswith(("postgres://", "postgresql://")):
        problems.append("several workers need PostgreSQL (DATABASE_URL=postgres://…)")
    if rate_limit_storage.startswith("memory"):
        problems.append(
            "several workers must count login failures together: "
            "set RATE_LIMIT_STORAGE=redis://…"
        )
    return problems


def _cmd_serve(args: argparse.Namespace) -> None:
    import uvicorn

    import settings

    problems = several_workers_problems(
        args.workers, settings.DATABASE_URL, settings.RATE_LIMIT_STORAGE
    )
    if problems:
        sys.exit("qingsu serve: " + "; ".join(problems))
    if args.workers > 1:
        print(
            f"{args.workers} workers × DB_POOL_MAX {settings.DB_POOL_MAX} = "
            f"up to {args.workers * settings.DB_POOL_MAX} database connections",
            file=sys.stderr,
        )
    uvicorn.run(
        "server:app_factory", factory=True, host=args.host, port=args.port, workers=args.workers
    )


def _cmd_create_user(args: argparse.Namespace) -> None:
    from models import Unit
    from resolvers.audit import record
    from resolvers.auth import create_user

    password = args.password or getpass.getpass("password: ")

    async def work() -> None:
        unit = await Unit.get_or_none(code=args.unit)
        if unit is None:
            sys.exit(f"no unit with code {args.unit}")
        roles = [Role(r) for r in args.role]
        now = datetime.now(UTC)
        user = await create_user(
            args.username, password, args.name or args.username, [(unit, r) for r in roles], now
        )
        await record(
            None,
            AuditAction.USER_CREATED,
            "User",
            user.id,
            unit.district_id,
            now,
            after={"username": user.username, "unit": unit.code, "roles": [str(r) for r in roles]},
        )
        print(f"created user {user.username} at {unit.name} as {', '.join(roles)}")

    asyncio.run(_with_db(work))


def _cmd_create_api_key(args: argparse.Namespace) -> None:
    from models import Unit
    from resolvers.auth import create_api_key

    async def work() -> None:
        unit = await Unit.get_or_none(code=args.unit)
        if unit is None:
            sys.exit(f"no unit with code {args.unit}")
        made = await create_api_key(
            None, args.name, unit.id, ApiClientKind(args.kind), datetime.now(UTC)
        )
        print(f"API key for {unit.name} ({args.kind}), shown once:\n{made.secret}")

    asyncio.run(_with_db(work))


def _cmd_export_schema(args: argparse.Namespace) -> None:
    text = export_schema()
    if args.check:
        if not SCHEMA_FILE.exists() or SCHEMA_FILE.read_text(encoding="utf-8") != text:
            sys.exit("schema/schema.graphql is out of date: run `qingsu export-schema`")
        return
    SCHEMA_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {SCHEMA_FILE.name}")


def _cmd_sweep(args: argparse.Namespace) -> None:
    from resolvers.watch import sweep

    now = datetime.fromisoformat(args.now) if args.now else datetime.now(UTC)
    if now.tzinfo is None:
        sys.exit("--now needs a time zone, e.g. 2023-03-27T09:00:00+08:00")

    async def work() -> None:
        print(await sweep(now))

    asyncio.run(_with_db(work))


def _cmd_rebuild_stats(args: argparse.Namespace) -> None:
    from resolvers.rollup_rebuild import rebuild_stats

    async def work() -> None:
        print("petitions counted", await rebuild_stats())

    asyncio.run(_with_db(work))


def _cmd_reindex(args: argparse.Namespace) -> None:
    from resolvers.search import index_missing

    async def work() -> None:
        print("indexed", await index_missing())

    asyncio.run(_with_db(work))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="qingsu", description="青诉即办 platform")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(fn=_cmd_migrate)
    p = sub.add_parser("seed", help="load data")
    p.add_argument("--demo", action="store_true", help="the demo city (idempotent)")
    p.add_argument("--petitions", type=int, default=1000)
    p.add_argument(
        "--history", type=int, default=10000, help="older closed petitions, loaded in bulk"
    )
    p.set_defaults(fn=_cmd_seed)
    p = sub.add_parser("serve", help="serve HTTP")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--workers", type=int, default=1)
    p.set_defaults(fn=_cmd_serve)
    p = sub.add_parser("create-user", help="create a staff account with roles at one unit")
    p.add_argument("username")
    p.add_argument("--unit", required=True, help="unit code, e.g. SN or SN-CG")
    p.add_argument("--role", action="append", required=True, choices=[r.value for r in Role])
    p.add_argument("--name")
    p.add_argument("--password")
    p.set_defaults(fn=_cmd_create_user)
    p = sub.add_parser("create-api-key", help="create a machine client's key (shown once)")
    p.add_argument("name")
    p.add_argument("--unit", required=True)
    p.add_argument("--kind", required=True, choices=[k.value for k in ApiClientKind])
    p.set_defaults(fn=_cmd_create_api_key)
    p = sub.add_parser("export-schema", help="write schema/schema.graphql")
    p.add_argument("--check", action="store_true", help="fail if the file is out of date")
    p.set_defaults(fn=_cmd_export_schema)
    sub.add_parser(
        "reindex", help="index the words of petitions taken in before full-text search"
    ).set_defaults(fn=_cmd_reindex)
    p = sub.add_parser(
        "sweep",
        help="run the deadline watch once: lights, reminders, 超时未签收, unevaluated closures",
    )
    p.add_argument("--now", help="the instant to sweep at (ISO, with a zone); default: now")
    p.set_defaults(fn=_cmd_sweep)
    sub.add_parser(
        "rebuild-stats", help="recompute the measures' daily rollups from the petitions' rows"
    ).set_defaults(fn=_cmd_rebuild_stats)
    args = parser.parse_args(argv)
    args.fn(args)


if __name__ == "__main__":
    main()
