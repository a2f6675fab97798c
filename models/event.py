"""The append-only timeline (全程留痕): rows are inserted, never updated or deleted."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import ApiKey, Unit, User
from models.petition import Petition
from workflow.enums import Action, ApiClientKind, Role, State


class Event(Model):
    id = fields.BigIntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="events", on_delete=fields.RESTRICT
    )
    at = fields.DatetimeField()
    action = fields.CharEnumField(Action, max_length=32)
    actor_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="events", null=True, on_delete=fields.RESTRICT
    )
    actor_api_key: fields.ForeignKeyNullableRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="events", null=True, on_delete=fields.RESTRICT
    )
    actor_unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="events", null=True, on_delete=fields.RESTRICT
    )
    # The role that authorised the step; API_CLIENT for a machine client on its own account.
    actor_role = fields.CharEnumField(Role, max_length=16)
    # For machine clients: which kind of client the key belongs to (its name is actor_name).
    actor_client_kind = fields.CharEnumField(ApiClientKind, max_length=32, null=True)
    actor_name = fields.CharField(max_length=64, default="")
    from_state = fields.CharEnumField(State, max_length=24, null=True)
    to_state = fields.CharEnumField(State, max_length=24, null=True)
    note = fields.TextField(default="")
    payload: fields.JSONField[dict[str, object]] = fields.JSONField(default=dict)

    petition_id: int
    actor_unit_id: int | None

    class Meta:
        table = "event"
        indexes = (("petition_id", "id"),)

    async def save(self, *args: object, **kwargs: object) -> None:
        if self._saved_in_db:
            raise RuntimeError("timeline events are append-only")
        await super().save(*args, **kwargs)  # type: ignore[arg-type]
