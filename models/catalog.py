"""The version of the units and topics, which each process caches (resolvers/catalog.py)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CatalogVersion(Model):
    """One row, bumped by every admin change to units or topics."""

    id = fields.IntField(primary_key=True)
    version = fields.IntField(default=0)

    class Meta:
        table = "catalog_version"
