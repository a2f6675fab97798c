"""Units and topics, cached in each process.

They change only by admin action, yet every page names them (district, handling unit, topic)
and the rules read them for every petition. Each process keeps a copy and compares its version
with the database's at most every RECHECK_SECONDS; an admin change bumps the version in its own
transaction (so every process reloads within that time) and drops this process's copy at once.
A unit missing from the copy (created a moment ago elsewhere) is read from the database.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

from models import Topic, Unit

RECHECK_SECONDS = 2.0

_BUMP = (
    "INSERT INTO catalog_version (id, version) VALUES (1, 1) "
    "ON CONFLICT (id) DO UPDATE SET version = catalog_version.version + 1"
)


@dataclass(eq=False)  # compared by identity: one copy is one version
class Catalog:
    version: int
    units: dict[int, Unit]
    topics: dict[int, Topic]
    checked: float = field(default_factory=time.monotonic)


# One copy per database client (a process has one; each test has its own database).
_copies: weakref.WeakKeyDictionary[Any, Catalog] = weakref.WeakKeyDictionary()


def _pool() -> Any:
    client = Tortoise.get_connection("default")
    return getattr(client, "_parent", client)  # the pool behind a transaction


def database_key() -> Any:
    """What a per-process cache is kept under: the database client (each test has its own)."""
    return _pool()


async def _version(client: BaseDBAsyncClient) -> int:
    rows = await client.execute_query_dict("SELECT version FROM catalog_version WHERE id = 1")
    return int(rows[0]["version"]) if rows else 0


async def catalog() -> Catalog:
    pool = _pool()
    copy = _copies.get(pool)
    if copy is not None and time.monotonic() - copy.checked < RECHECK_SECONDS:
        return copy
    version = await _version(Tortoise.get_connection("default"))
    if copy is not None and copy.version == version:
        copy.checked = time.monotonic()
        return copy
    units = {u.id: u for u in await Unit.all()}
    topics = {t.id: t for t in await Topic.all()}
    copy = _copies[pool] = Catalog(version, units, topics)
    return copy


async def bump(conn: BaseDBAsyncClient | None = None) -> None:
    """Call in the transaction of any change to units or topics."""
    await (conn or Tortoise.get_connection("default")).execute_query(_BUMP)
    _copies.pop(_pool(), None)


async def units_by_id(ids: list[int]) -> list[Unit | None]:
    known = (await catalog()).units
    missing = [i for i in ids if i not in known]
    extra = {u.id: u for u in await Unit.filter(id__in=missing)} if missing else {}
    return [known.get(i) or extra.get(i) for i in ids]


async def topics_by_id(ids: list[int]) -> list[Topic | None]:
    known = (await catalog()).topics
    missing = [i for i in ids if i not in known]
    extra = {t.id: t for t in await Topic.filter(id__in=missing)} if missing else {}
    return [known.get(i) or extra.get(i) for i in ids]
