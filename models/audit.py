"""The administrators' record: who changed which grant, user, key or calendar day, when, and
what it was before and after. Rows are only ever added (resolvers.audit writes them)."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import Unit, User
from workflow.enums import AuditAction


class AdminAudit(Model):
    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    action = fields.CharEnumField(AuditAction, max_length=32)
    # Who: a staff user at a unit, or nobody (the operator's command line).
    actor_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="audit_entries", null=True, on_delete=fields.RESTRICT
    )
    actor_unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="audit_entries_made", null=True, on_delete=fields.RESTRICT
    )
    actor_name = fields.CharField(max_length=128)
    # What: the kind of record and its id.
    target = fields.CharField(max_length=32)
    target_id = fields.BigIntField(null=True)
    # The district the change belongs to (None: city level), so each admin sees their own.
    district: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="audit_entries", null=True, on_delete=fields.RESTRICT
    )
    before: fields.JSONField[dict[str, object] | None] = fields.JSONField(null=True)
    after: fields.JSONField[dict[str, object] | None] = fields.JSONField(null=True)

    actor_user_id: int | None
    actor_unit_id: int | None
    district_id: int | None

    class Meta:
        table = "admin_audit"
