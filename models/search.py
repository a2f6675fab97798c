"""The words of each petition, for full-text search (see workflow/search_text.py)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.petition import Petition


class SearchTokensField(fields.Field[str]):
    """A `tsvector` on PostgreSQL (GIN-indexed); plain text on SQLite, where an FTS5 table
    (migrations/0009_search.py) indexes it. Written only with SQL by resolvers/search.py."""

    SQL_TYPE = "TEXT"

    class _db_postgres:
        SQL_TYPE = "TSVECTOR"


class PetitionSearch(Model):
    """One row per petition: its title, content and address segmented into words."""

    petition: fields.OneToOneRelation[Petition] = fields.OneToOneField(
        "models.Petition", related_name="search", primary_key=True, on_delete=fields.CASCADE
    )
    tokens = SearchTokensField()

    petition_id: int

    class Meta:
        table = "petition_search"
