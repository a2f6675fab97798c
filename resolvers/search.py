"""Searching petitions: the index written with each petition, the filter, the ranking.

The words come from workflow/search_text.py; here they are stored (PostgreSQL: a tsvector
built from the word list, GIN-indexed; SQLite: an FTS5 table fed by triggers) and queried the
same way. Tracking codes and phones never go through words: a code's start or tail and an
exact phone have indexes of their own (migrations/0009_search.py).
"""

from __future__ import annotations

import weakref
from typing import Any

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Criterion, ValueWrapper
from tortoise import Tortoise
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.expressions import Q, Subquery
from tortoise.query_utils import QueryModifier
from tortoise.signals import post_save

from models import Petition, PetitionSearch
from resolvers.catalog import Catalog, catalog
from resolvers.paging import Slice, encode_rank_cursor, rank_offset
from workflow.search_text import QueryKind, SearchQuery, document, learn, parse_query

# Text-only searches with at most this many matches are ranked by relevance; more than that,
# and the newest come first (a very common word ranks nothing usefully).
RANK_LIMIT = 500

_learned: weakref.WeakSet[Catalog] = weakref.WeakSet()


async def ensure_vocabulary() -> None:
    """Teach the segmenter the names of topics and units (streets and communities are also
    the city's place names), from this process's copy of them, once per copy."""
    copy = await catalog()
    if copy in _learned:
        return
    learn(u.name for u in copy.units.values())
    learn(t.name for t in copy.topics.values())
    _learned.add(copy)


def _postgres(conn: BaseDBAsyncClient | None = None) -> bool:
    client = conn or Tortoise.get_connection("default")
    return client.capabilities.dialect == "postgres"


async def index_petition(petition: Petition, conn: BaseDBAsyncClient | None = None) -> None:
    """Store the petition's words (in the caller's transaction when given one)."""
    await ensure_vocabulary()
    doc = document(petition.title, petition.content, petition.address)
    client = conn or Tortoise.get_connection("default")
    if _postgres(client):
        await client.execute_query(
            "INSERT INTO petition_search (petition_id, tokens) "
            "VALUES ($1, $2::tsvector) "
            "ON CONFLICT (petition_id) DO UPDATE SET tokens = EXCLUDED.tokens",
            [petition.id, doc.tsvector()],
        )
    else:
        await client.execute_query(
            "INSERT INTO petition_search (petition_id, tokens) VALUES (?, ?) "
            "ON CONFLICT (petition_id) DO UPDATE SET tokens = excluded.tokens",
            [petition.id, doc.fts5_text()],
        )


@post_save(Petition)
async def _index_new_petition(
    sender: type[Petition],
    instance: Petition,
    created: bool,
    using_db: BaseDBAsyncClient | None,
    update_fields: list[str] | None,
) -> None:
    """Title, content and address are written only when a petition is created (intake), so
    that is when it is indexed, in the intake's own transaction."""
    if created:
        await index_petition(instance, using_db)


async def index_missing(batch: int = 500) -> int:
    """Index every petition that has no words yet (those taken in before this search)."""
    done = 0
    while True:
        rows = (
            await Petition.exclude(id__in=Subquery(PetitionSearch.all().values("petition_id")))
            .order_by("id")
            .limit(batch)
            .only("id", "title", "content", "address")
        )
        for petition in rows:
            await index_petition(petition)
        done += len(rows)
        if len(rows) < batch:
            return done


class _Sql(Criterion):
    """A condition in SQL with one value, passed as a query parameter."""

    def __init__(self, sql: str, value: Any) -> None:
        super().__init__()
        self._sql = sql
        self._value = value

    def get_sql(self, ctx: SqlContext) -> str:
        return "(" + self._sql.format(ValueWrapper(self._value).get_sql(ctx)) + ")"


class _SqlQ(Q):
    def __init__(self, sql: str, value: Any) -> None:
        super().__init__()
        self._criterion = _Sql(sql, value)

    def resolve(self, resolve_context: Any) -> QueryModifier:
        c = self._criterion
        return QueryModifier(
            where_criterion=_Sql(f"NOT {c._sql}", c._value) if self._is_negated else c
        )


def words_filter(query: SearchQuery) -> Q:
    if _postgres():
        return _SqlQ(
            '"petition"."id" IN (SELECT "petition_id" FROM "petition_search" '
            'WHERE "tokens" @@ {}::tsquery)',
            query.tsquery(),
        )
    return _SqlQ(
        '"petition"."id" IN (SELECT rowid FROM petition_fts WHERE petition_fts MATCH {})',
        query.fts5(),
    )


async def parse(text: str) -> SearchQuery | None:
    """A search box's text as a query, once the platform's own words are known."""
    await ensure_vocabulary()
    return parse_query(text)


def text_filter(query: SearchQuery) -> Q:
    """The search box's condition: words, a code's start, or a code's tail. (A phone or a
    name is matched only where the searcher may see it: resolvers.identity_search.)"""
    if query.kind is QueryKind.CODE_PREFIX:
        return Q(tracking_code__startswith=query.value)
    if query.kind is QueryKind.DIGITS:
        if _postgres():
            tail: Q = _SqlQ('reverse("petition"."tracking_code") LIKE {}', query.value[::-1] + "%")
        else:
            tail = Q(tracking_code__endswith=query.value)
        return tail
    return words_filter(query)


async def ranked_ids(query: SearchQuery, ids: list[int]) -> list[int]:
    """The ids ordered by relevance (best first, newest first among equals)."""
    client = Tortoise.get_connection("default")
    if _postgres(client):
        rows = await client.execute_query_dict(
            "SELECT petition_id AS id, ts_rank(tokens, $1::tsquery) AS r FROM petition_search "
            "WHERE petition_id = ANY($2::int[])",
            [query.tsquery(), ids],
        )
    else:
        marks = ",".join("?" * len(ids))
        rows = await client.execute_query_dict(
            "SELECT rowid AS id, -bm25(petition_fts) AS r FROM petition_fts "
            f"WHERE petition_fts MATCH ? AND rowid IN ({marks})",
            [query.fts5(), *ids],
        )
    rank = {int(r["id"]): float(r["r"]) for r in rows}
    return sorted(ids, key=lambda i: (-rank.get(i, 0.0), -i))


async def ranked_page(qs: Any, query: SearchQuery, first: int, after: str | None) -> Slice | None:
    """A page of the matches by relevance, when there are few enough to rank (else None:
    the caller pages newest first). Ranked pages are offsets into a set of ≤ RANK_LIMIT."""
    offset = rank_offset(after)
    if offset is None or query.kind is not QueryKind.WORDS:
        return None
    ids = [int(i) for i in await qs.limit(RANK_LIMIT + 1).values_list("id", flat=True)]
    if len(ids) > RANK_LIMIT:
        return None
    window = (await ranked_ids(query, ids))[offset : offset + first]
    rows = {p.id: p for p in await Petition.filter(id__in=window)} if window else {}
    items = [rows[i] for i in window if i in rows]
    more = offset + first < len(ids)
    return Slice(items, more, encode_rank_cursor(offset + len(items)) if items else None)
