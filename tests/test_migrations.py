"""The schema is created only by migrations, and they yield exactly the models."""

from __future__ import annotations

from tortoise import Tortoise

from tests.conftest import MODEL_TABLES


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
    app_tables = {t for t in actual if not t.startswith(("sqlite_", "tortoise"))}
    assert app_tables == set(expected), "migrations create tables no model declares"
    assert set(MODEL_TABLES) == set(expected), "conftest's truncation list is out of date"
