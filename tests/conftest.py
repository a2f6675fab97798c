"""Real databases for every test: SQLite always, PostgreSQL when TEST_DATABASE_URL is set.

The schema comes from the migrations, applied once per run: SQLite tests copy a migrated
template file; PostgreSQL tests share one migrated schema and truncate it before each test.
"""

from __future__ import annotations

import asyncio
import os
import shutil
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

# Cheap password hashing for the whole run (and the servers it starts): set before settings
# is imported anywhere.
os.environ.setdefault("ARGON2_TIME_COST", "1")
os.environ.setdefault("ARGON2_MEMORY_KIB", "8")
os.environ.setdefault("ARGON2_PARALLELISM", "1")

import pytest
from tortoise import Tortoise
from tortoise.backends.base.executor import EXECUTOR_CACHE

from cli import migrate_database

PG_URL = os.environ.get("TEST_DATABASE_URL", "")
BACKENDS = ["sqlite"] + (["postgres"] if PG_URL else [])
MODEL_TABLES = [
    "attachment",
    "reply_draft",
    "reply_template",
    "attempt",
    "petitioner_session",
    "petitioner_code",
    "material",
    "catalog_version",
    "petition_search",
    "campaign_progress",
    "campaign_milestone",
    "campaign_task_topic",
    "campaign_task_unit",
    "campaign_task",
    "campaign_area",
    "campaign",
    "warning_ack",
    "notification_read",
    "notification",
    "stat_daily",
    "event",
    "urge",
    "referral_event",
    "referral",
    "assessment",
    "evaluation",
    "extension",
    "review",
    "reply",
    "cooperation_opinion",
    "assignment",
    "petition",
    "tracking_sequence",
    "admin_audit",
    "calendar_override",
    "place_name",
    "duty_item_change",
    "duty_item_proposal",
    "duty_list_version",
    "duty_item",
    "topic",
    "api_key",
    "session",
    "role_grant",
    "app_user",
    "unit",
]


def _dsn(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


async def _admin(url: str, sql: str) -> None:
    import asyncpg

    conn = await asyncpg.connect(_dsn(url))
    try:
        await conn.execute(sql)
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    asyncio.run(migrate_database(f"sqlite://{path}"))
    return path


@pytest.fixture(scope="session")
def pg_migrated() -> Iterator[str]:
    """A database of this run's own on the TEST_DATABASE_URL server, so that parallel runs
    never truncate each other's tables; dropped at the end."""
    base, _, _ = PG_URL.rpartition("/")
    name = f"qingsu_test_{os.getpid()}"
    asyncio.run(_admin(PG_URL, f"DROP DATABASE IF EXISTS {name}"))
    asyncio.run(_admin(PG_URL, f"CREATE DATABASE {name}"))
    url = f"{base}/{name}"
    asyncio.run(migrate_database(url))
    yield url
    asyncio.run(_admin(PG_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


@pytest.fixture(params=BACKENDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A migrated, empty database for this test."""
    # Tortoise caches statements per connection *name*; both backends are called "default".
    EXECUTOR_CACHE.clear()
    if request.param == "sqlite":
        template = request.getfixturevalue("sqlite_template")
        target = tmp_path / "test.sqlite3"
        shutil.copy(template, target)
        return f"sqlite://{target}"
    url: str = request.getfixturevalue("pg_migrated")
    asyncio.run(_truncate(url))
    return url


async def _truncate(url: str) -> None:
    await _admin(url, "TRUNCATE " + ", ".join(MODEL_TABLES) + " RESTART IDENTITY CASCADE")


@pytest.fixture
async def db(db_url: str) -> AsyncIterator[str]:
    """Tortoise initialised on the test's database, for resolver-level tests."""
    import settings

    await Tortoise.init(config=settings.tortoise_config(db_url), _enable_global_fallback=True)
    try:
        yield "postgres" if db_url.startswith("postgres") else "sqlite"
    finally:
        await Tortoise.close_connections()


@pytest.fixture(autouse=True)
def attachment_storage(tmp_path: Path) -> Iterator[Path]:
    """Every test stores attachments in its own temporary directory."""
    from storage import LocalStorage, set_storage

    root = tmp_path / "attachments"
    set_storage(LocalStorage(root))
    yield root
    set_storage(None)

