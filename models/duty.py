"""Bookkeeping of the duty lists (职责任务清单) beyond the items themselves."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import DutyItem, Unit, User
from workflow.duty_lists import DutyChangeKind, ProposalStatus


class DutyListVersion(Model):
    """One row whose number goes up with every change to any duty list.

    Each server process keeps its own search index of the duty lists; comparing this number
    (one primary-key read per request) tells it whether the index is stale, so every process
    answers from the same lists without a restart or a message bus."""

    id = fields.IntField(primary_key=True)
    version = fields.BigIntField(default=0)
    # Random, set when the row is created: a database created afresh (its counter starting
    # over) is never mistaken for the one an index was built from.
    stamp = fields.CharField(max_length=32)

    class Meta:
        table = "duty_list_version"


class DutyItemChange(Model):
    """One change of one duty item: who, as which unit, when, and the fields before and after
    (before is empty for a creation). Appended, never updated."""

    id = fields.IntField(primary_key=True)
    item: fields.ForeignKeyRelation[DutyItem] = fields.ForeignKeyField(
        "models.DutyItem", related_name="changes", on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(DutyChangeKind, max_length=16)
    by_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="duty_changes", null=True, on_delete=fields.SET_NULL
    )
    by_unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="duty_changes", null=True, on_delete=fields.RESTRICT
    )
    by_name = fields.CharField(max_length=64, default="")
    at = fields.DatetimeField()
    before: fields.JSONField[dict[str, object]] = fields.JSONField(default=dict)
    after: fields.JSONField[dict[str, object]] = fields.JSONField(default=dict)
    # Set when the change carried out an approved proposal.
    proposal: fields.ForeignKeyNullableRelation[DutyItemProposal] = fields.ForeignKeyField(
        "models.DutyItemProposal", related_name="changes", null=True, on_delete=fields.RESTRICT
    )

    item_id: int

    class Meta:
        table = "duty_item_change"
        indexes = (("item_id", "id"),)


class DutyItemProposal(Model):
    """A unit head's proposed change to their unit's list, decided by the keeping platform."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="duty_proposals", on_delete=fields.RESTRICT
    )
    item: fields.ForeignKeyNullableRelation[DutyItem] = fields.ForeignKeyField(
        "models.DutyItem", related_name="proposals", null=True, on_delete=fields.RESTRICT
    )
    kind = fields.CharEnumField(DutyChangeKind, max_length=16)
    proposed: fields.JSONField[dict[str, object]] = fields.JSONField(default=dict)
    reason = fields.TextField(default="")
    proposed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="duty_proposals", null=True, on_delete=fields.SET_NULL
    )
    proposed_at = fields.DatetimeField()
    status = fields.CharEnumField(ProposalStatus, max_length=16, default=ProposalStatus.PENDING)
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="duty_decisions", null=True, on_delete=fields.SET_NULL
    )
    decided_at = fields.DatetimeField(null=True)
    decision_note = fields.TextField(default="")

    unit_id: int
    item_id: int | None

    class Meta:
        table = "duty_item_proposal"
