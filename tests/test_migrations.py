"""The schema is created only by migrations, and they yield exactly the models."""

from __future__ import annotations

import asyncio
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from tortoise import Tortoise

from tests.conftest import BACKENDS, MODEL_TABLES, PG_URL, _admin


async def _columns(backend: str) -> dict[str, set[str]]:
    conn = Tortoise.get_connection("default")
    if backend == "sqlite":
        out: dict[str, set[str]] = {}
        _, tables = await conn.execute_query("SELECT name FROM sqlite_master WHERE type='table'")
        for row in tables:
            name = row["name"]
            _, cols = await conn.execute_query(f"PRAGMA table_info('{name}')")
            out[name] = {c["name"] for c in cols}
        return out
    _, rows = await conn.execute_query(
        "SELECT table_name, column_name FROM information_schema.columns "
        "WHERE table_schema = 'public'"
    )
    out = {}
    for r in rows:
        out.setdefault(r["table_name"], set()).add(r["column_name"])
    return out


async def test_migrating_an_empty_database_yields_exactly_the_models_tables_and_columns(
    db: str,
) -> None:
    actual = await _columns(db)
    expected: dict[str, set[str]] = {}
    for app in Tortoise.apps.values():
        for model in app.values():
            meta = model._meta
            expected[meta.db_table] = {
                f.source_field or name
                for name, f in meta.fields_map.items()
                if name not in meta.fetch_fields or f.source_field
            }
    for table, columns in expected.items():
        assert table in actual, f"migrations do not create {table}"
        assert actual[table] == columns, table
    # SQLite's full-text index (an FTS5 table and its shadow tables) has no model: it is
    # filled by triggers from petition_search (migrations/0009_search.py).
    internal = ("sqlite_", "tortoise", "petition_fts")
    app_tables = {t for t in actual if not t.startswith(internal)}
    assert app_tables == set(expected), "migrations create tables no model declares"
    assert set(MODEL_TABLES) == set(expected), "conftest's truncation list is out of date"


async def _migrate(url: str, target: str | None = None) -> None:
    from tortoise.migrations.api import migrate

    import settings

    try:
        await migrate(config=settings.tortoise_config(url), target=target)
    finally:
        await Tortoise.close_connections()


async def _sql(url: str, *statements: str) -> list[dict[str, object]]:
    import settings

    await Tortoise.init(config=settings.tortoise_config(url))
    try:
        conn = Tortoise.get_connection("default")
        rows: list[dict[str, object]] = []
        for sql in statements:
            _, got = await conn.execute_query(sql)
            rows = [dict(r) for r in got]
        return rows
    finally:
        await Tortoise.close_connections()


@pytest.fixture(params=BACKENDS)
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database with nothing in it, not even migrations."""
    if request.param == "sqlite":
        yield f"sqlite://{tmp_path / 'empty.sqlite3'}"
        return
    base, _, _ = PG_URL.rpartition("/")
    name = f"qingsu_mig_{os.getpid()}"
    asyncio.run(_admin(PG_URL, f"DROP DATABASE IF EXISTS {name}"))
    asyncio.run(_admin(PG_URL, f"CREATE DATABASE {name}"))
    yield f"{base}/{name}"
    asyncio.run(_admin(PG_URL, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))


def test_an_existing_city_gets_its_area_names_and_referral_recipients_by_migration(
    empty_url: str,
) -> None:
    asyncio.run(_migrate(empty_url, "models.0004_inbox_since"))
    units = [
        ("QD", "青岛市“青诉即办”市级平台", "CITY_PLATFORM", "NULL"),
        ("QD-JW", "市纪委监委", "CITY_DEPARTMENT", "NULL"),
        ("SN", "暖南诉办", "DISTRICT_PLATFORM", "'SN'"),
        ("LX", "爱莱西", "DISTRICT_PLATFORM", "'LX'"),
        ("SN-CG", "市南区城市管理局", "DISTRICT_DEPARTMENT", "NULL"),
    ]
    asyncio.run(
        _sql(
            empty_url,
            *(
                f"INSERT INTO unit (code, name, kind, district_code, active) "
                f"VALUES ('{c}', '{n}', '{k}', {d}, TRUE)"
                for c, n, k, d in units
            ),
        )
    )
    asyncio.run(_migrate(empty_url))
    rows = asyncio.run(
        _sql(empty_url, "SELECT code, area_name, receives_referrals FROM unit ORDER BY code")
    )
    got = {r["code"]: (r["area_name"], bool(r["receives_referrals"])) for r in rows}
    assert got == {
        "LX": ("莱西市", False),
        "QD": ("青岛市", False),
        "QD-JW": (None, True),
        "SN": ("市南区", False),
        "SN-CG": (None, False),
    }
