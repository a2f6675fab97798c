"""Units and topics, cached in each process.

They change only by admin action, yet every page names them (district, handling unit, topic)
and the rules read them for every petition. Each process keeps a copy, valid while its version
is the database's (resolvers.versions: rechecked every few seconds, bumped by every admin change
in its own transaction). A unit missing from the copy (created a moment ago elsewhere) is read
from the database.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Topic, Unit
from resolvers import versions
from workflow.enums import UnitKind


@dataclass(eq=False)  # compared by identity: one copy is one version
class Catalog:
    version: int
    units: dict[int, Unit]
    topics: dict[int, Topic]


# One copy per database pool (a process has one; each test has its own database).
_copies: weakref.WeakKeyDictionary[Any, Catalog] = weakref.WeakKeyDictionary()


async def catalog() -> Catalog:
    version = await versions.current(versions.Kind.CATALOG)
    key = versions.pool()
    copy = _copies.get(key)
    if copy is not None and copy.version == version:
        return copy
    units = {u.id: u for u in await Unit.all()}
    topics = {t.id: t for t in await Topic.all()}
    copy = _copies[key] = Catalog(version, units, topics)
    return copy


def current_copy() -> Catalog | None:
    """This process's copy when it is known to be current without asking the database (a
    request's sign-in check rereads the versions when they are due); None otherwise."""
    version = versions.known(versions.Kind.CATALOG)
    copy = _copies.get(versions.pool())
    return copy if copy is not None and copy.version == version else None


async def bump(conn: BaseDBAsyncClient | None = None) -> None:
    """Call in the transaction of any change to units or topics."""
    # A signed-in actor carries its unit's name and kind: those copies go stale too.
    await versions.bump(versions.Kind.CATALOG, versions.Kind.AUTH, conn=conn)
    _copies.pop(versions.pool(), None)


async def units_by_id(ids: list[int]) -> list[Unit | None]:
    known = (await catalog()).units
    missing = [i for i in ids if i not in known]
    extra = {u.id: u for u in await Unit.filter(id__in=missing)} if missing else {}
    return [known.get(i) or extra.get(i) for i in ids]


async def unit_by_id(unit_id: int) -> Unit | None:
    return (await units_by_id([unit_id]))[0]


async def district_by_code(code: str) -> Unit | None:
    """The district platform with this code (e.g. SN), from the copy when it is there."""
    for unit in (await catalog()).units.values():
        if unit.kind == UnitKind.DISTRICT_PLATFORM and unit.district_code == code:
            return unit
    return await Unit.get_or_none(kind=UnitKind.DISTRICT_PLATFORM, district_code=code)


async def topic_by_code(code: str) -> Topic | None:
    for topic in (await catalog()).topics.values():
        if topic.code == code:
            return topic
    return await Topic.get_or_none(code=code)


async def topics_by_id(ids: list[int]) -> list[Topic | None]:
    known = (await catalog()).topics
    missing = [i for i in ids if i not in known]
    extra = {t.id: t for t in await Topic.filter(id__in=missing)} if missing else {}
    return [known.get(i) or extra.get(i) for i in ids]
