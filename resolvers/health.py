"""Whether the database answers, and telling an outage apart from a bug.

During an outage every request fails the same way; clients (the 12345 hotline above all) must
learn to resend later (HTTP 503, `Retry-After`, a typed `Unavailable`), and the log must say
once that the database went away and once that it came back, not print a traceback per request.
"""

from __future__ import annotations

import asyncio
import logging

import asyncpg
from tortoise import connections
from tortoise.exceptions import DBConnectionError

log = logging.getLogger("qingsu.database")

# Seconds a client should wait before resending while the database is away.
RETRY_AFTER_SECONDS = 5
# Server states that mean "not now" rather than "never": shutting down, starting up, failing over.
_OUTAGE_SQLSTATES = {"57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006"}


class DatabaseUnavailable(Exception):
    """Raised in place of a driver's connection error where a caller wants one name for it."""


def is_outage(exc: BaseException | None) -> bool:
    """True when `exc` (or what caused it) says the database cannot be reached right now."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, DatabaseUnavailable | DBConnectionError | OSError):
            return True
        if isinstance(exc, asyncpg.InterfaceError | asyncpg.exceptions.ConnectionDoesNotExistError):
            return True
        if getattr(exc, "sqlstate", None) in _OUTAGE_SQLSTATES:
            return True
        exc = exc.__cause__ or exc.__context__
        seen += 1
    return False


class _State:
    down = False


def note_outage(exc: BaseException) -> None:
    """Log the first failure of an outage (one line), not every request that meets it."""
    if not _State.down:
        _State.down = True
        log.error("database unreachable: %s: %s", type(exc).__name__, exc)


def note_recovered() -> None:
    if _State.down:
        _State.down = False
        log.warning("database reachable again")


async def database_reachable(within: float = 2.0) -> bool:
    """One trivial statement on the default connection, bounded in time."""
    try:
        async with asyncio.timeout(within):
            await connections.get("default").execute_query("SELECT 1")
    except Exception as exc:  # any failure means "not reachable" to a health check
        if is_outage(exc) or isinstance(exc, TimeoutError):
            note_outage(exc)
            return False
        raise
    note_recovered()
    return True
