"""What happens while a petition is handled: opinions, replies, reviews, extensions,
evaluations, assessments, referrals and urges."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from models.org import Unit, User
from models.petition import Assignment, Petition
from workflow.enums import (
    AssessmentResult,
    Decision,
    EvaluationSource,
    ExtensionStatus,
    ReferralState,
    ReferralStep,
    ReplyStatus,
    Resolution,
    ReviewStage,
    Role,
    Satisfaction,
)


class CooperationOpinion(Model):
    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="opinions", on_delete=fields.RESTRICT
    )
    assignment: fields.ForeignKeyRelation[Assignment] = fields.ForeignKeyField(
        "models.Assignment", related_name="opinions", on_delete=fields.RESTRICT
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="opinions", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="opinions", null=True, on_delete=fields.SET_NULL
    )
    round = fields.SmallIntField()
    text = fields.TextField()
    created_at = fields.DatetimeField()

    class Meta:
        table = "cooperation_opinion"
        indexes = (Index(fields=("petition_id",), name="opinion_petition"),)


class Reply(Model):
    """The written answer with its five required elements (DOMAIN §5)."""

    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="replies", on_delete=fields.RESTRICT
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="replies", on_delete=fields.RESTRICT
    )
    author: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="replies", null=True, on_delete=fields.SET_NULL
    )
    round = fields.SmallIntField()
    petitioner_situation = fields.TextField()
    policy_basis = fields.TextField()
    handling_result = fields.TextField()
    responsible_person = fields.CharField(max_length=64)
    contact_phone = fields.CharField(max_length=32)
    status = fields.CharEnumField(ReplyStatus, max_length=16)
    submitted_at = fields.DatetimeField()
    # When the unit's sign-off put it before the platform; on time iff by the deadline.
    to_platform_at = fields.DatetimeField(null=True)
    on_time = fields.BooleanField(null=True)
    sent_at = fields.DatetimeField(null=True)

    petition_id: int
    unit_id: int
    author_id: int | None

    class Meta:
        table = "reply"
        indexes = (Index(fields=("petition_id", "status"), name="reply_petition"),)


class Review(Model):
    id = fields.IntField(primary_key=True)
    reply: fields.ForeignKeyRelation[Reply] = fields.ForeignKeyField(
        "models.Reply", related_name="reviews", on_delete=fields.RESTRICT
    )
    stage = fields.CharEnumField(ReviewStage, max_length=24)
    decision = fields.CharEnumField(Decision, max_length=16)
    note = fields.TextField(default="")
    reviewer: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="reviews", null=True, on_delete=fields.SET_NULL
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="reviews", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "review"
        indexes = (Index(fields=("reply_id",), name="review_reply"),)


class Extension(Model):
    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="extensions", on_delete=fields.RESTRICT
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="extensions", on_delete=fields.RESTRICT
    )
    requested_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="extensions_requested", null=True, on_delete=fields.SET_NULL
    )
    days = fields.SmallIntField()
    reason = fields.TextField()
    status = fields.CharEnumField(ExtensionStatus, max_length=16)
    requested_at = fields.DatetimeField()
    decided_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="extensions_decided", null=True, on_delete=fields.SET_NULL
    )
    decided_at = fields.DatetimeField(null=True)
    decision_note = fields.TextField(default="")
    old_deadline = fields.DatetimeField(null=True)
    new_deadline = fields.DatetimeField(null=True)

    unit_id: int

    class Meta:
        table = "extension"
        indexes = (
            Index(fields=("petition_id", "status"), name="extension_petition"),
            Index(fields=("status", "petition_id"), name="extension_status"),
        )


class Evaluation(Model):
    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="evaluations", on_delete=fields.RESTRICT
    )
    round = fields.SmallIntField()
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="evaluations", on_delete=fields.RESTRICT
    )
    satisfaction = fields.CharEnumField(Satisfaction, max_length=24)
    resolution = fields.CharEnumField(Resolution, max_length=24)
    comment = fields.TextField(default="")
    source = fields.CharEnumField(EvaluationSource, max_length=16)
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="evaluations_recorded", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()

    class Meta:
        table = "evaluation"
        unique_together = (("petition", "round"),)


class Assessment(Model):
    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="assessments", on_delete=fields.RESTRICT
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="assessments", on_delete=fields.RESTRICT
    )
    result = fields.CharEnumField(AssessmentResult, max_length=16)
    note = fields.TextField(default="")
    assessed_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assessments_made", null=True, on_delete=fields.SET_NULL
    )
    assessor_unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="assessments_made", on_delete=fields.RESTRICT
    )
    created_at = fields.DatetimeField(db_index=True)

    petition_id: int
    unit_id: int
    assessor_unit_id: int
    assessed_by_id: int | None

    class Meta:
        table = "assessment"
        indexes = (
            Index(fields=("petition_id",), name="assessment_petition"),
            Index(fields=("unit_id", "created_at", "id"), name="assessment_unit"),
        )


class Referral(Model):
    """Hand-over of a unit to accountability (问责移交) after two failed assessments in a row.

    It goes to the discipline inspection unit and the organisation department. Each
    assessment is cited by at most one referral: the unique columns back the rule in
    workflow.lifecycle.needs_referral."""

    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="referrals", on_delete=fields.RESTRICT
    )
    first_assessment: fields.ForeignKeyRelation[Assessment] = fields.ForeignKeyField(
        "models.Assessment", related_name="referrals_first", on_delete=fields.RESTRICT, unique=True
    )
    second_assessment: fields.ForeignKeyRelation[Assessment] = fields.ForeignKeyField(
        "models.Assessment", related_name="referrals_second", on_delete=fields.RESTRICT, unique=True
    )
    state = fields.CharEnumField(
        ReferralState, max_length=16, default=ReferralState.OPEN, db_default="OPEN"
    )
    version = fields.IntField(default=1, db_default=1)
    created_at = fields.DatetimeField()
    acknowledged_at = fields.DatetimeField(null=True)
    concluded_at = fields.DatetimeField(null=True)
    result = fields.TextField(default="", db_default="")

    unit_id: int
    first_assessment_id: int
    second_assessment_id: int

    class Meta:
        table = "referral"
        indexes = (Index(fields=("unit_id",), name="referral_unit"),)


class ReferralEvent(Model):
    """A referral's own history (who, as which unit and role, when, what): append-only."""

    id = fields.IntField(primary_key=True)
    referral: fields.ForeignKeyRelation[Referral] = fields.ForeignKeyField(
        "models.Referral", related_name="events", on_delete=fields.RESTRICT
    )
    step = fields.CharEnumField(ReferralStep, max_length=16)
    at = fields.DatetimeField()
    actor_user: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="referral_events", null=True, on_delete=fields.RESTRICT
    )
    actor_unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="referral_events", null=True, on_delete=fields.RESTRICT
    )
    actor_role = fields.CharEnumField(Role, max_length=16)
    actor_name = fields.CharField(max_length=64, default="")
    from_state = fields.CharEnumField(ReferralState, max_length=16, null=True)
    to_state = fields.CharEnumField(ReferralState, max_length=16)
    note = fields.TextField(default="")

    referral_id: int
    actor_unit_id: int | None
    actor_user_id: int | None

    class Meta:
        table = "referral_event"
        indexes = (("referral_id", "id"),)

    async def save(self, *args: object, **kwargs: object) -> None:
        if self._saved_in_db:
            raise RuntimeError("referral events are append-only")
        await super().save(*args, **kwargs)  # type: ignore[arg-type]


class Urge(Model):
    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="urges", on_delete=fields.RESTRICT
    )
    by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="urges", null=True, on_delete=fields.SET_NULL
    )
    note = fields.TextField(default="")
    created_at = fields.DatetimeField()

    class Meta:
        table = "urge"
        indexes = (Index(fields=("petition_id",), name="urge_petition"),)
