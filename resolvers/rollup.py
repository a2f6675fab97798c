"""Keeping the daily rollup rows (models/stats.py) in step with the timeline.

`count_event` runs inside the transaction of every step (it is called by `record_event`), so
a rollup row never disagrees with the events that moved it. One INSERT … ON CONFLICT DO
UPDATE per event adds to the rows of every scope the petition belongs to; rows are touched in
a fixed order so that two concurrent steps cannot deadlock on them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from tortoise.backends.base.client import BaseDBAsyncClient

from models import Petition
from workflow.enums import Action, State, StatScope
from workflow.measures import COUNTERS, Fact, event_facts, local_day

# (scope, key, day, district_id) → counter → amount
RowKey = tuple[StatScope, str, date, int]
Deltas = dict[RowKey, dict[str, int]]


@dataclass(frozen=True)
class Dims:
    """Where a petition is counted besides its units: district, street, topic, channel."""

    district_id: int
    street_id: int | None
    topic_id: int | None
    channel: str

    @classmethod
    def of(cls, p: Petition) -> Dims:
        return cls(p.district_id, p.street_id, p.topic_id, str(p.channel))


def row_keys(dims: Dims, unit_id: int | None, day: date) -> list[RowKey]:
    d = dims.district_id
    keys: list[RowKey] = [
        (StatScope.DISTRICT, "", day, d),
        (StatScope.CHANNEL, dims.channel, day, d),
    ]
    if dims.street_id is not None:
        keys.append((StatScope.STREET, str(dims.street_id), day, d))
    if dims.topic_id is not None:
        keys.append((StatScope.TOPIC, str(dims.topic_id), day, d))
    if unit_id is not None:
        keys.append((StatScope.UNIT, str(unit_id), day, d))
    return keys


def add_to(
    deltas: Deltas,
    dims: Dims,
    facts: Iterable[Fact],
    sign: int = 1,
    scopes: frozenset[StatScope] | None = None,
) -> None:
    for fact in facts:
        for key in row_keys(dims, fact.unit_id, local_day(fact.at)):
            if scopes is not None and key[0] not in scopes:
                continue
            row = deltas.setdefault(key, defaultdict(int))
            row[fact.counter] += sign * fact.n


def _is_postgres(conn: BaseDBAsyncClient) -> bool:
    return "asyncpg" in type(conn).__module__ or "postgres" in type(conn).__module__


async def apply_deltas(conn: BaseDBAsyncClient, deltas: Mapping[RowKey, Mapping[str, int]]) -> None:
    """Add `deltas` to the rollup rows, creating the rows that do not exist yet."""
    keys = sorted(k for k, row in deltas.items() if any(row.values()))
    for start in range(0, len(keys), 500):  # within both databases' parameter limits
        await _upsert(conn, deltas, keys[start : start + 500])


async def _upsert(
    conn: BaseDBAsyncClient, deltas: Mapping[RowKey, Mapping[str, int]], keys: list[RowKey]
) -> None:
    if not keys:
        return
    pg = _is_postgres(conn)
    cols = ("scope", "key", "day", "district_id", *COUNTERS)
    values: list[Any] = []
    tuples = []
    for key in keys:
        scope, k, day, district = key
        row = deltas[key]
        params = [scope.value, k, day if pg else day.isoformat(), district]
        params += [row.get(c, 0) for c in COUNTERS]
        marks = []
        for value in params:
            values.append(value)
            marks.append(f"${len(values)}" if pg else "?")
        tuples.append("(" + ", ".join(marks) + ")")
    updates = ", ".join(f"{c} = stat_daily.{c} + excluded.{c}" for c in COUNTERS)
    sql = (
        f"INSERT INTO stat_daily ({', '.join(cols)}) VALUES {', '.join(tuples)} "
        f"ON CONFLICT (scope, key, day, district_id) DO UPDATE SET {updates}"
    )
    await conn.execute_query(sql, values)


async def count_event(
    conn: BaseDBAsyncClient,
    petition: Petition | int,
    action: Action,
    at: datetime,
    from_state: State | None,
    to_state: State | None,
    payload: Mapping[str, Any],
) -> None:
    facts = event_facts(action, from_state, to_state, payload, at)
    if not facts:
        return
    if isinstance(petition, int):
        petition = await Petition.get(id=petition, using_db=conn)
    deltas: Deltas = {}
    add_to(deltas, Dims.of(petition), facts)
    await apply_deltas(conn, deltas)


async def move_street(conn: BaseDBAsyncClient, petition_id: int, old: Dims, new: Dims) -> None:
    """A step that sets a petition's street (an escalation from a community found without a
    location) moves what was counted before under the new street, so the rows stay what a
    rebuild from today's rows would give."""
    from resolvers.rollup_rebuild import facts_of_petitions

    facts = (await facts_of_petitions(conn, [petition_id])).get(petition_id, [])
    deltas: Deltas = {}
    only_street = frozenset({StatScope.STREET})
    add_to(deltas, old, facts, -1, only_street)
    add_to(deltas, new, facts, 1, only_street)
    await apply_deltas(conn, deltas)
