"""A fast loader for the demo city's two-year history before the 60 days that demo/stories.py
drives through the operations.

Running ten thousand petitions through the resolvers would take minutes; this writes, in bulk,
the rows those operations would have written for the plain life of a petition — intake at a
district platform (its staff or the 12345 hotline), dispatch to the unit whose duty list covers
it, acceptance, a reply reviewed by the unit's reviewer, its head and the platform, then an
evaluation, the sweep that closes an unevaluated reply, or a second round ending in an
assessment — with the same deadlines, lights, versions, payloads and timeline events, the
same people acting. Every petition in it is closed. tests/demo/test_history.py checks that
the rows agree with each other and with the rules.

Idempotent: nothing is written when history petitions (external id `hist-…`) exist.
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, timedelta
from typing import Any

from tortoise import connections, fields
from tortoise.transactions import in_transaction

from demo.history_plan import QUALITY, plan_history
from demo.history_rows import PREFIX, Builder, Rows, Staff
from models import (
    ApiKey,
    Assessment,
    Assignment,
    DutyItem,
    Evaluation,
    Event,
    Petition,
    Reply,
    Review,
    Topic,
    TrackingSequence,
    Unit,
)
from resolvers.calendar import load_calendar
from workflow.deadlines import TZ

CHUNK = 1000  # petitions per transaction
GAP_DAYS = 61  # the stories' 60 days, and a day between


# (table, model, the Rows list) in foreign-key order.
TABLES: tuple[tuple[str, type[Any], str], ...] = (
    ("petition", Petition, "petitions"),
    ("assignment", Assignment, "assignments"),
    ("reply", Reply, "replies"),
    ("review", Review, "reviews"),
    ("evaluation", Evaluation, "evaluations"),
    ("assessment", Assessment, "assessments"),
    ("event", Event, "events"),
)


async def load_history(
    units: dict[str, Unit],
    staff: Staff,
    hotline_key_name: str,
    total: int,
    now: datetime,
    seed: int = 20210324,
) -> int:
    """Writes about `total` closed petitions over the two years before the stories' window;
    returns how many were written (0 when the history is already there)."""
    if total <= 0 or await Petition.filter(external_id__startswith=PREFIX).exists():
        return 0
    last_day = (now - timedelta(days=GAP_DAYS)).astimezone(TZ).date()
    plans = plan_history(total, last_day, seed)
    hotline = await ApiKey.get(name=hotline_key_name)
    topics = {t.code: t.id for t in await Topic.all()}
    duty: dict[tuple[int, int | None], str] = {}
    for item in await DutyItem.all().order_by("-id"):
        duty[(item.unit_id, item.topic_id)] = item.legal_basis
        duty[(item.unit_id, None)] = item.legal_basis
    next_ids: dict[str, int] = {}
    for table, model, _attr in TABLES:
        last = await model.all().order_by("-id").first()
        next_ids[table] = last.id if last else 0
    sequences = {(s.district_code, s.day): s.last_number for s in await TrackingSequence.all()}
    builder = Builder(
        random.Random(seed),
        units,
        staff,
        hotline,
        await load_calendar(),
        duty,
        topics,
        next_ids,
        sequences,
    )
    touched: set[tuple[str, date]] = set()
    for start in range(0, len(plans), CHUNK):
        builder.rows = Rows()
        for n, plan in enumerate(plans[start : start + CHUNK], start + 1):
            builder.build(n, plan, QUALITY[plan.district.code])
            touched.add((plan.district.code, plan.at.astimezone(TZ).date()))
        await _write(builder.rows)
    await _write_sequences(sequences, touched)
    await _fix_sequences()
    return len(plans)


def _columns(model: type[Any], dialect: str) -> list[tuple[str, Any, Any]]:
    """The table's columns: (name, value of a row that never set it, conversion or None).
    A foreign key appears both as the relation and as its `_id` field: one column."""
    sqlite = dialect == "sqlite"
    out: dict[str, tuple[str, Any, Any]] = {}
    for name, f in model._meta.fields_map.items():
        if name in model._meta.fk_fields:
            out.setdefault(f.source_field, (f.source_field, None, None))
        elif name in model._meta.fields_db_projection:
            column = model._meta.fields_db_projection[name]
            default = None if callable(f.default) else f.default
            convert: Any = None
            if isinstance(f, fields.DatetimeField):
                convert = _sqlite_instant if sqlite else None
            elif isinstance(f, fields.DateField):
                convert = _sqlite_day if sqlite else None
            elif isinstance(f, fields.JSONField):
                convert = _json
            out.setdefault(column, (column, default, convert))
    return list(out.values())


# Values as Tortoise itself sends them: SQLite keeps Shanghai-time ISO text.
def _sqlite_instant(value: datetime | None) -> str | None:
    return None if value is None else value.astimezone(TZ).isoformat(" ")


def _sqlite_day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


def _json(value: object) -> str:
    return json.dumps(value, separators=(",", ":"))


async def _write(rows: Rows) -> None:
    dialect = connections.get("default").capabilities.dialect
    async with in_transaction() as tx:
        for table, model, attr in TABLES:
            batch = getattr(rows, attr)
            if not batch:
                continue
            columns = _columns(model, dialect)
            marks = ", ".join(
                "?" if dialect == "sqlite" else f"${i}" for i in range(1, len(columns) + 1)
            )
            names = ", ".join(f'"{c}"' for c, _, _ in columns)
            sql = f'INSERT INTO "{table}" ({names}) VALUES ({marks})'
            values = []
            for row in batch:
                got = row.__dict__
                values.append(
                    [(conv(got.get(c, d)) if conv else got.get(c, d)) for c, d, conv in columns]
                )
            await tx.execute_many(sql, values)


async def _write_sequences(sequences: dict[tuple[str, date], int], touched: set) -> None:
    have = {(s.district_code, s.day): s for s in await TrackingSequence.all()}
    new = []
    for key in touched:
        if key in have:
            have[key].last_number = sequences[key]
            await have[key].save(update_fields=["last_number"])
        else:
            new.append(
                TrackingSequence(district_code=key[0], day=key[1], last_number=sequences[key])
            )
    await TrackingSequence.bulk_create(new, batch_size=500)


async def _fix_sequences() -> None:
    """Rows were given explicit ids: PostgreSQL's sequences must move past them."""
    conn = connections.get("default")
    if conn.capabilities.dialect != "postgres":
        return
    for name, _model, _attr in TABLES:
        await conn.execute_script(
            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
            f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
        )
