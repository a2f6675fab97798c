"""Dispatch suggestions: which units' duty lists fit a petition in TRIAGE, and why.

The text index lives in each server process and is rebuilt when the duty lists' version
number in the database moves, so every process answers from the same lists and an edit is seen
without a restart. Like the catalog (resolvers/catalog.py), a process compares its version with
the database's at most every RECHECK_SECONDS, and an edit drops the editing process's copy at
once. What the platform learned from its own decisions (replies sent, returns) is read from
the database per platform, every topic at once, and kept for at most HISTORY_SECONDS; a
decision taken in this process drops it at once (`decisions_changed`), so the others count it
within seconds.
A return the platform disputed (workflow/returns.py) is not learned from.
"""

from __future__ import annotations

import asyncio
import secrets
import time
import weakref
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import F
from tortoise.functions import Count

from models import DutyItem, DutyListVersion, Event, Petition, Reply, Topic, Unit
from resolvers import versions
from resolvers.base import scoped
from resolvers.units import unit_ref
from resolvers.views import views_for
from workflow.actors import Actor
from workflow.dispatch_ranking import (
    HISTORY_DAYS,
    DutyIndex,
    History,
    ItemDoc,
    Query,
    Suggestion,
    UnitDoc,
)
from workflow.enums import Action, Category, UnitKind
from workflow.errors import ErrorCode, WorkflowError, invalid, not_allowed, not_found
from workflow.returns import returns_of, step_fact
from workflow.routing import may_dispatch_to
from workflow.transitions import refusal

MAX_LIMIT = 20
_VERSION_ROW = 1


@dataclass
class _Built:
    """One version of the duty lists as this process holds them: the index, and the rows
    the answer is made of (so an answer costs no further reads of units or items)."""

    index: DutyIndex
    units: dict[int, Unit]
    items: dict[int, DutyItem]
    topic_ids: dict[str, int]
    allowed: dict[int, frozenset[int]] = field(default_factory=dict)

    def allowed_for(self, platform: Unit) -> frozenset[int]:
        """Units the platform may dispatch to (workflow.routing decides), per platform."""
        if platform.id not in self.allowed:
            ref = unit_ref(platform)
            self.allowed[platform.id] = frozenset(
                u.id for u in self.units.values() if u.active and may_dispatch_to(ref, unit_ref(u))
            )
        return self.allowed[platform.id]


RECHECK_SECONDS = 2.0
HISTORY_SECONDS = 5.0


@dataclass(eq=False)
class _Cache:
    """One database's copy in this process (a process has one database; each test its own)."""

    built: _Built | None = None
    checked: float = 0.0
    lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    # A platform's allowed units → (when read, the `now` it was read for, history by topic)
    history: dict[frozenset[int], tuple[float, datetime, dict[int, dict[int, History]]]] = (
        field(default_factory=dict)
    )


_caches: weakref.WeakKeyDictionary[Any, _Cache] = weakref.WeakKeyDictionary()


def _cache() -> _Cache:
    pool = versions.pool()  # one cache per database, as every per-process copy
    found = _caches.get(pool)
    if found is None:
        found = _caches[pool] = _Cache()
    return found


async def duty_lists_changed(conn: BaseDBAsyncClient | None = None) -> None:
    """Call in the transaction of any change to duty items (or units' names): every
    process's index is rebuilt on its next suggestion (this one's at once)."""
    updated = (
        await DutyListVersion.filter(id=_VERSION_ROW)
        .using_db(conn)
        .update(version=F("version") + 1)
    )
    if not updated:
        await DutyListVersion.create(
            id=_VERSION_ROW, version=1, stamp=secrets.token_hex(16), using_db=conn
        )
    _cache().checked = 0.0


def decisions_changed() -> None:
    """Call after a decision the suggestions learn from (a reply sent, a return, a dispatch
    that may dispute a return): this process counts it at once, the others within
    HISTORY_SECONDS."""
    _cache().history.clear()


async def _current_version() -> str | None:
    row = await DutyListVersion.get_or_none(id=_VERSION_ROW)
    return f"{row.stamp}:{row.version}" if row is not None else None


async def _current() -> _Built:
    """The lists as they are now. Without a version row (lists never changed through the
    platform) nothing is cached."""
    cache = _cache()
    built = cache.built
    if built is not None and time.monotonic() - cache.checked < RECHECK_SECONDS:
        return built
    version = await _current_version()
    if version is not None and built is not None and built.index.version == version:
        cache.checked = time.monotonic()
        return built
    async with cache.lock:
        built = cache.built
        if version is None or built is None or built.index.version != version:
            built = await _build(version or "")
            cache.built = built if version is not None else None
        cache.checked = time.monotonic()
    return built


async def current_index() -> DutyIndex:
    return (await _current()).index


async def _build(version: str) -> _Built:
    topics = await Topic.all().values_list("id", "code", "name")
    code_of = {tid: code for tid, code, _ in topics}
    item_rows = {d.id: d for d in await DutyItem.filter(active=True).order_by("id")}
    unit_rows = {u.id: u for u in await Unit.all()}
    docs = [
        ItemDoc(
            id=d.id,
            unit_id=d.unit_id,
            title=d.title,
            description=d.description,
            keywords=tuple(d.keywords or ()),
            topic_code=code_of.get(d.topic_id) if d.topic_id else None,
            category=Category(d.category),
        )
        for d in item_rows.values()
    ]
    units = [
        UnitDoc(id=u.id, name=u.name, kind=UnitKind(u.kind), parent_id=u.parent_id)
        for u in unit_rows.values()
    ]
    # Segmenting and indexing thousands of items takes a moment: keep the loop free.
    index = await asyncio.to_thread(
        DutyIndex, version, docs, units, {code: name for _, code, name in topics}
    )
    return _Built(index, unit_rows, item_rows, {code: tid for tid, code, _ in topics})


async def cached_history(
    topic_id: int | None, allowed: frozenset[int], now: datetime
) -> dict[int, History]:
    """The platform's history on one topic. Read for every topic of the platform at once and
    kept for HISTORY_SECONDS (of this process's clock and of `now`)."""
    if topic_id is None or not allowed:
        return {}
    cache = _cache().history
    kept = cache.get(allowed)
    tick = time.monotonic()
    if (
        kept is None
        or tick - kept[0] >= HISTORY_SECONDS
        or abs((now - kept[1]).total_seconds()) >= HISTORY_SECONDS
    ):
        kept = (tick, now, await platform_history(allowed, now))
        cache[allowed] = kept
    return kept[2].get(topic_id, {})


async def platform_history(
    allowed: frozenset[int], now: datetime
) -> dict[int, dict[int, History]]:
    """Per topic and unit, over the last HISTORY_DAYS: replies sent (the unit accepted and
    answered), returns it made, and returns by others citing its duty items. Three reads,
    whatever the number of topics: replies counted by the database, then the platform's units'
    returns and the dispatches of those petitions (to tell the disputed returns)."""
    if not allowed:
        return {}
    units = list(allowed)
    since = now - timedelta(days=HISTORY_DAYS)
    answered: dict[tuple[int, int], int] = {
        (topic, unit): int(n)
        for unit, topic, n in await Reply.filter(
            sent_at__gte=since, unit_id__in=units, petition__topic_id__isnull=False
        )
        .annotate(n=Count("petition_id", distinct=True))
        .group_by("unit_id", "petition__topic_id")
        .values_list("unit_id", "petition__topic_id", "n")
    }
    topic_of: dict[int, int] = {}
    steps = []
    for i, pid, topic, at, unit_id, payload in await Event.filter(
        action=Action.RETURN,
        at__gte=since,
        actor_unit_id__in=units,
        petition__topic_id__isnull=False,
    ).values_list("id", "petition_id", "petition__topic_id", "at", "actor_unit_id", "payload"):
        topic_of[pid] = topic
        steps.append(step_fact(i, pid, Action.RETURN, at, "", unit_id, payload))
    if topic_of:
        for i, pid, at, payload in await Event.filter(
            action=Action.DISPATCH, at__gte=since, petition_id__in=list(topic_of)
        ).values_list("id", "petition_id", "at", "payload"):
            steps.append(step_fact(i, pid, Action.DISPATCH, at, "", None, payload))
    returned: Counter[tuple[int, int]] = Counter()
    cited: Counter[tuple[int, int]] = Counter()
    # A return the platform disputed (it sent the petition back to the returning unit: the
    # cited item did not fit) teaches nothing about whose duty it is.
    for r in returns_of(None, steps):
        if r.disputed:
            continue
        topic = topic_of[r.petition_id]
        returned[(topic, r.unit_id)] += 1
        if r.item_unit_id is not None and r.item_unit_id in allowed:
            cited[(topic, r.item_unit_id)] += 1
    out: dict[int, dict[int, History]] = {}
    for topic, unit in set(answered) | set(returned) | set(cited):
        out.setdefault(topic, {})[unit] = History(
            answered=answered.get((topic, unit), 0),
            returned=returned[(topic, unit)],
            cited=cited[(topic, unit)],
        )
    return out


async def dispatch_suggestions(
    actor: Actor, petition_id: int, now: datetime, limit: int = 5
) -> list[tuple[Suggestion, Unit, list[DutyItem]]]:
    """Only for whoever may dispatch the petition now, and only units their platform may
    dispatch to."""
    if not 1 <= limit <= MAX_LIMIT:
        raise invalid("limit", f"limit 须在 1 到 {MAX_LIMIT} 之间")
    petition: Petition | None = await scoped(actor).filter(id=petition_id).first()
    if petition is None:
        raise not_found()
    # Whether the asker may dispatch is a matter of the state and the platform alone
    # (workflow.transitions): the petition's assignments and replies are not read for it.
    view, _, _, units = (await views_for([petition], assignments=[[]], all_replies=[[]]))[
        petition.id
    ]
    refused = refusal(Action.DISPATCH, view, actor)
    if refused is not None:
        if refused.wrong_state:
            raise WorkflowError(ErrorCode.WRONG_STATE, refused.message)
        raise not_allowed(refused.message)
    built = await _current()
    index = built.index
    allowed = built.allowed_for(units[petition.platform_id])
    topic_code = next(
        (code for code, tid in built.topic_ids.items() if tid == petition.topic_id), None
    )
    query = Query(
        text=f"{petition.title} {petition.content} {petition.address}",
        topic_code=topic_code,
        category=Category(petition.category),
        street_id=petition.street_id,
        community_id=petition.community_id,
    )
    found = index.evidence(query, allowed)
    similar = topic_code or index.best_topic(found)
    history = await cached_history(built.topic_ids.get(similar or ""), allowed, now)
    ranked = index.rank(query, found, history, allowed, limit)
    return [(s, built.units[s.unit_id], [built.items[i] for i in s.item_ids]) for s in ranked]
