"""Notifications to a unit (everyone working there) or to one person at it.

Read state is per person: a unit's notice read by one colleague stays unread for the others.
"""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import Unit, User
from models.petition import Petition
from workflow.enums import NotificationKind


class Notification(Model):
    id = fields.BigIntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="notifications", on_delete=fields.RESTRICT
    )
    user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notifications", null=True, on_delete=fields.CASCADE
    )
    kind = fields.CharEnumField(NotificationKind, max_length=24)
    petition: fields.ForeignKeyNullableRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="notifications", null=True, on_delete=fields.RESTRICT
    )
    text = fields.CharField(max_length=255)
    created_at = fields.DatetimeField()

    unit_id: int
    user_id: int | None
    petition_id: int | None

    class Meta:
        table = "notification"
        indexes = (("unit_id", "id"),)


class NotificationRead(Model):
    id = fields.BigIntField(primary_key=True)
    notification: fields.ForeignKeyRelation[Notification] = fields.ForeignKeyField(
        "models.Notification", related_name="reads", on_delete=fields.CASCADE
    )
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="notification_reads", on_delete=fields.CASCADE
    )
    read_at = fields.DatetimeField()

    notification_id: int
    user_id: int

    class Meta:
        table = "notification_read"
        unique_together = (("user", "notification"),)
