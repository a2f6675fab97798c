"""Daily rollups of the measures (DOMAIN §8), maintained by the steps themselves.

One row per (scope, key, day, district): the district of the petitions counted, so that a
district sees its own share of a city department's or a channel's numbers, and the city is
the sum of the districts. Rows are only ever incremented by the step that moves them, or
rewritten whole by `qingsu rebuild-stats`.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from models.org import Unit
from workflow.enums import StatScope


def _counter() -> fields.IntField:
    return fields.IntField(default=0, db_default=0)


class StatDaily(Model):
    id = fields.BigIntField(primary_key=True)
    scope = fields.CharEnumField(StatScope, max_length=16)
    # '' for DISTRICT; a unit or topic id, or a channel name, for the others.
    key = fields.CharField(max_length=32)
    day = fields.DateField()
    district: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="stat_days", on_delete=fields.RESTRICT
    )
    submitted = _counter()
    closed = _counter()
    assigned = _counter()
    accepted_in_time = _counter()
    returned = _counter()
    replies = _counter()
    replies_on_time = _counter()
    evaluations = _counter()
    resolved = _counter()
    satisfied = _counter()
    first_evaluations = _counter()
    second_rounds = _counter()
    extensions = _counter()
    urges = _counter()
    first_contacts = _counter()
    first_contacts_in_time = _counter()

    district_id: int

    class Meta:
        table = "stat_daily"
        unique_together = (("scope", "key", "day", "district"),)
        # Intake of every key of a scope over a period (数据分析's topic and channel mix),
        # summed from the index alone.
        indexes = (
            Index(
                fields=("scope", "day", "district_id", "key", "submitted"),
                name="stat_daily_scope_day",
            ),
        )
