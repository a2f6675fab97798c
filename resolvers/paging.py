"""Pages of petitions by keyset, never by offset, and counts that stop at a cap.

Page 200 costs what page 1 costs: each page starts where the last one ended, found through an
index on the sort key, instead of reading and skipping every row before it. Counting every
matching row of a million costs seconds, so a count stops at COUNT_CAP and says it did.
"""

from __future__ import annotations

import base64
import binascii
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.expressions import Q

from models import Petition
from workflow.errors import invalid

COUNT_CAP = 10_000


@dataclass(frozen=True)
class Count:
    value: int
    exact: bool  # False: there are more than `value` (the cap)

    @property
    def text(self) -> str:
        return f"{self.value:,}" if self.exact else f"{self.value:,}+"


async def capped_count(qs: Any, cap: int = COUNT_CAP) -> Count:
    """How many rows match, reading at most cap + 1 of them (by index where one fits)."""
    inner = qs.limit(cap + 1).values("id")
    # Tortoise has no SELECT … FROM (subquery): build the inner query and wrap its SQL.
    inner._choose_db_if_not_chosen()
    inner._make_query()
    sql, params = inner.query.get_parameterized_sql()
    rows = await inner._db.execute_query_dict(
        f"SELECT COUNT(*) AS n FROM ({sql}) AS capped", params
    )
    n = int(rows[0]["n"])
    return Count(min(n, cap), n <= cap)


def _b64(text: str) -> str:
    return base64.urlsafe_b64encode(text.encode()).decode()


def _unb64(cursor: str) -> str:
    try:
        return base64.urlsafe_b64decode(cursor.encode()).decode()
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise invalid("after", "分页游标无效") from None


def encode_cursor(pk: int) -> str:
    return _b64(f"petition:{pk}")


def decode_cursor(cursor: str) -> int:
    kind, _, value = _unb64(cursor).partition(":")
    if kind != "petition" or not value.isdigit():
        raise invalid("after", "分页游标无效")
    return int(value)


def encode_rank_cursor(offset: int) -> str:
    """Where a page of relevance-ranked results ended (a bounded set: see resolvers/search)."""
    return _b64(f"rank:{offset}")


def rank_offset(cursor: str | None) -> int | None:
    """The offset of a ranked cursor; None for no cursor, or a cursor of another order."""
    if cursor is None:
        return 0
    kind, _, value = _unb64(cursor).partition(":")
    if kind != "rank":
        return None
    if not value.isdigit():
        raise invalid("after", "分页游标无效")
    return int(value)


def encode_soonest_cursor(column: str, p: Petition) -> str:
    """Where a page in ascending `column` order ended: (no value, value, id)."""
    value = getattr(p, column)
    return _b64(f"{column}|{value.isoformat() if value is not None else '-'}|{p.id}")


def _decode_soonest(column: str, cursor: str) -> tuple[datetime | None, int]:
    kind, due, pk = (_unb64(cursor).split("|") + ["", "", ""])[:3]
    try:
        if kind != column or not pk.isdigit():
            raise ValueError
        return (None if due == "-" else datetime.fromisoformat(due)), int(pk)
    except ValueError:
        raise invalid("after", "分页游标无效") from None


@dataclass(frozen=True)
class Slice:
    items: list[Petition]
    has_next: bool
    end_cursor: str | None


async def newest_first(qs: Any, first: int, after: str | None) -> Slice:
    if after:
        qs = qs.filter(id__lt=decode_cursor(after))
    rows = await qs.order_by("-id").limit(first + 1)
    items = rows[:first]
    return Slice(items, len(rows) > first, encode_cursor(items[-1].id) if items else None)


async def soonest_first(qs: Any, column: str, first: int, after: str | None) -> Slice:
    """By (column, id) where the column has a value (deadline: the running clocks; inbox_since:
    the inbox), then the rest by id.

    Two index range reads rather than one sort over a CASE: NULLs sort differently on SQLite
    and PostgreSQL, and an expression in ORDER BY defeats the (…, deadline, id) indexes."""
    due, pk = _decode_soonest(column, after) if after else (None, 0)
    rows: list[Petition] = []
    if not after or due is not None:
        valued = qs.filter(**{f"{column}__isnull": False})
        if due is not None:
            later: dict[str, Any] = {f"{column}__gt": due}
            valued = valued.filter(**{f"{column}__gte": due}).filter(Q(**later) | Q(id__gt=pk))
        rows = await valued.order_by(column, "id").limit(first + 1)
    if len(rows) <= first:
        rest = qs.filter(**{f"{column}__isnull": True})
        if after and due is None:
            rest = rest.filter(id__gt=pk)
        rows += await rest.order_by("id").limit(first + 1 - len(rows))
    items = rows[:first]
    cursor = encode_soonest_cursor(column, items[-1]) if items else None
    return Slice(items, len(rows) > first, cursor)


async def cursor_at(qs: Any, column: str | None, skip: int) -> str | None:
    """The cursor that starts a page after the first `skip` rows (skip ≥ 1) in the order of
    newest_first (column None) or soonest_first(column); None when there are no more rows.

    This is how a page number becomes a keyset page: one read of `skip` index entries, so a
    numbered page costs what its offset costs. The screens offer page numbers only for the
    first pages (see web/routes/queue.py), then go on by cursor."""
    if column is None:
        ids = await qs.order_by("-id").offset(skip - 1).limit(1).values_list("id", flat=True)
        return encode_cursor(int(ids[0])) if ids else None
    valued = qs.filter(**{f"{column}__isnull": False})
    before = await capped_count(valued, cap=skip)
    if not before.exact or before.value == skip:  # the row is among those with a value
        row = await valued.order_by(column, "id").offset(skip - 1).first()
    else:
        rest = qs.filter(**{f"{column}__isnull": True})
        row = await rest.order_by("id").offset(skip - 1 - before.value).first()
    return encode_soonest_cursor(column, row) if row is not None else None
