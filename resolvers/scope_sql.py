"""Conditions Tortoise cannot write in an index-friendly way, as raw SQL in a Q.

A unit sees the petitions it handles or handled, and those it took in. Tortoise writes that as
`id IN (subquery) OR intake_unit_id = $1`, which PostgreSQL can only answer by reading every
petition (a hashed subplan cannot join a bitmap OR). `id = ANY(ARRAY(subquery))` is computed
once and then looked up in the primary key, so both halves of the OR use an index.
"""

from __future__ import annotations

from typing import Any

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Criterion
from tortoise.expressions import Q, Subquery
from tortoise.query_utils import QueryModifier

from models import Assignment, Petition


class _SqlCriterion(Criterion):
    def __init__(self, sql: str) -> None:
        super().__init__()
        self._sql = sql

    def get_sql(self, ctx: SqlContext) -> str:
        return f"({self._sql})"


class RawCondition(Q):
    """A WHERE condition given as SQL text (never with user input: ints are formatted in)."""

    def __init__(self, sql: str) -> None:
        super().__init__()
        self.sql = sql

    def resolve(self, resolve_context: Any) -> QueryModifier:
        sql = f"NOT {self.sql}" if self._is_negated else self.sql
        return QueryModifier(where_criterion=_SqlCriterion(sql))


def handled_or_taken_in(unit_id: int | None) -> Q:
    """Petitions the unit was ever assigned, or took in through its own intake."""
    unit = int(unit_id) if unit_id is not None else -1
    if Petition._meta.db.capabilities.dialect == "postgres":
        return RawCondition(
            f'"petition"."id" = ANY(ARRAY(SELECT "petition_id" FROM "assignment" '
            f'WHERE "unit_id" = {unit})) OR "petition"."intake_unit_id" = {unit}'
        )
    handled = Subquery(Assignment.filter(unit_id=unit).values("petition_id"))
    return Q(id__in=handled) | Q(intake_unit_id=unit)
