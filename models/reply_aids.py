"""What helps a unit write replies: its stock phrases (常用语) and each author's unsent draft."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import Unit, User
from models.petition import Petition


class ReplyTemplate(Model):
    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="reply_templates", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=64)
    policy_basis = fields.TextField(default="")
    handling_result = fields.TextField(default="")
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reply_templates", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()
    retired_at = fields.DatetimeField(null=True)

    unit_id: int

    class Meta:
        table = "reply_template"


class ReplyDraft(Model):
    # One author's unsent reply to one petition: replaced on every save, gone on submit.
    # (A comment, not a docstring: Tortoise would put the docstring into the DDL.)

    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="reply_drafts", on_delete=fields.CASCADE
    )
    author: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reply_drafts", on_delete=fields.CASCADE
    )
    petitioner_situation = fields.TextField(default="")
    policy_basis = fields.TextField(default="")
    handling_result = fields.TextField(default="")
    responsible_person = fields.CharField(max_length=64, default="")
    contact_phone = fields.CharField(max_length=32, default="")
    updated_at = fields.DatetimeField()

    petition_id: int
    author_id: int

    class Meta:
        table = "reply_draft"
        unique_together = (("petition", "author"),)
