"""Versions of what each process keeps in memory, and how every process learns of a change.

Units and topics (resolvers.catalog) and who a token signs in as (resolvers.auth) change only
by an admin's or a user's own action, yet every request reads them. Each process keeps a copy
and compares the copy's version with the database's (one row per kind in `catalog_version`),
reading those rows at most every RECHECK_SECONDS. The change that makes a copy stale bumps its
kind's row in the change's own transaction and drops this process's reading at once, so this
process sees it on its next request and every other process within RECHECK_SECONDS.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any

from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient

RECHECK_SECONDS = 2.0


class Kind(IntEnum):
    CATALOG = 1  # units and topics
    AUTH = 2  # sessions, users, grants and API keys


_BUMP = (
    "INSERT INTO catalog_version (id, version) VALUES {rows} "
    "ON CONFLICT (id) DO UPDATE SET version = catalog_version.version + 1"
)


@dataclass(eq=False)
class _Reading:
    versions: dict[int, int]
    at: float = field(default_factory=time.monotonic)


# One reading per database pool (a process has one; each test has its own database).
_readings: weakref.WeakKeyDictionary[Any, _Reading] = weakref.WeakKeyDictionary()


def pool() -> Any:
    client = Tortoise.get_connection("default")
    return getattr(client, "_parent", client)  # the pool behind a transaction


def known(kind: Kind) -> int | None:
    """The version of `kind` when this process read it less than RECHECK_SECONDS ago; None
    when a fresh reading needs the database."""
    reading = _readings.get(pool())
    if reading is None or time.monotonic() - reading.at >= RECHECK_SECONDS:
        return None
    return reading.versions.get(int(kind), 0)


async def current(kind: Kind) -> int:
    """The database's version of `kind`, as read at most RECHECK_SECONDS ago."""
    version = known(kind)
    if version is None:
        client = Tortoise.get_connection("default")
        rows = await client.execute_query_dict("SELECT id, version FROM catalog_version")
        reading = _readings[pool()] = _Reading({int(r["id"]): int(r["version"]) for r in rows})
        version = reading.versions.get(int(kind), 0)
    return version


def bump_sql(*kinds: Kind) -> str:
    """The statement that moves these kinds' versions on (also what another process runs)."""
    return _BUMP.format(rows=", ".join(f"({int(k)}, 1)" for k in kinds))


async def bump(*kinds: Kind, conn: BaseDBAsyncClient | None = None) -> None:
    """Call in the transaction of the change that makes copies of these kinds stale."""
    client = conn or Tortoise.get_connection("default")
    await client.execute_query(bump_sql(*kinds))
    _readings.pop(pool(), None)
