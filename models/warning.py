"""Acknowledged early warnings (监测预警): who saw which warning of which day."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import Unit, User
from workflow.enums import WarningKind


class WarningAck(Model):
    id = fields.IntField(primary_key=True)
    kind = fields.CharEnumField(WarningKind, max_length=24)
    key = fields.CharField(max_length=64)  # a topic, street or unit id, or a masked key
    day = fields.DateField()
    # The platform that acknowledged it: the city's and a district's views are separate.
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="warning_acks", on_delete=fields.RESTRICT
    )
    by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="warning_acks", null=True, on_delete=fields.SET_NULL
    )
    at = fields.DatetimeField()

    class Meta:
        table = "warning_ack"
        unique_together = (("unit", "kind", "key", "day"),)
