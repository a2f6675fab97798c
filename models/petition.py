"""Petitions, their assignments and the tracking-code counter."""

from __future__ import annotations

from tortoise import fields
from tortoise.indexes import Index
from tortoise.models import Model

from models.org import ApiKey, Topic, Unit, User
from workflow.enums import (
    AssignmentEnd,
    AssignmentRole,
    Category,
    Channel,
    Closure,
    Complexity,
    Kind,
    PetitionerType,
    ReviewStage,
    State,
)


class Petition(Model):
    id = fields.IntField(primary_key=True)
    tracking_code = fields.CharField(max_length=24, unique=True)
    channel = fields.CharEnumField(Channel, max_length=24)
    external_id = fields.CharField(max_length=64, null=True)
    title = fields.CharField(max_length=100)
    content = fields.TextField()
    category = fields.CharEnumField(Category, max_length=16)
    kind = fields.CharEnumField(Kind, max_length=16, null=True)
    complexity = fields.CharEnumField(Complexity, max_length=16, default=Complexity.SIMPLE)
    topic: fields.ForeignKeyNullableRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="petitions", null=True, on_delete=fields.RESTRICT
    )

    petitioner_type = fields.CharEnumField(PetitionerType, max_length=16)
    petitioner_name = fields.CharField(max_length=64)
    petitioner_phone = fields.CharField(max_length=20)
    anonymous = fields.BooleanField(default=False)

    address = fields.CharField(max_length=255, default="")
    district: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="district_petitions", on_delete=fields.RESTRICT
    )
    street: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="street_petitions", null=True, on_delete=fields.RESTRICT
    )
    community: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="community_petitions", null=True, on_delete=fields.RESTRICT
    )
    lat = fields.FloatField(null=True)
    lng = fields.FloatField(null=True)

    state = fields.CharEnumField(State, max_length=24, db_index=True)
    round = fields.SmallIntField(default=1)
    # The platform whose inbox holds it in TRIAGE, and which dispatched the current assignment.
    platform: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="platform_petitions", on_delete=fields.RESTRICT
    )
    # The lead unit currently responsible (null while in TRIAGE or after closure).
    handling_unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="handled_petitions", null=True, on_delete=fields.RESTRICT
    )
    # Since when it waits in its platform's inbox (TRIAGE); triage is worked oldest first.
    inbox_since = fields.DatetimeField(null=True)
    review_stage = fields.CharEnumField(ReviewStage, max_length=24, null=True)
    time_limit_days = fields.SmallIntField(null=True)
    clock_started_at = fields.DatetimeField(null=True)
    deadline = fields.DatetimeField(null=True, db_index=True)
    original_deadline = fields.DatetimeField(null=True)
    # When the light turns YELLOW (see workflow/lights.py); RED is the deadline itself.
    yellow_at = fields.DatetimeField(null=True)
    deadline_estimated = fields.BooleanField(default=False)
    evaluation_due_at = fields.DatetimeField(null=True)
    # 先行联系: when the handling unit first reached the petitioner (the measures count it).
    first_contacted_at = fields.DatetimeField(null=True)
    # What the deadline watch already announced for the current clock (reset whenever the
    # clock starts, moves or stops: resolvers/clock.py), so each notice goes out once.
    reminded_at = fields.DatetimeField(null=True)
    yellow_noticed_at = fields.DatetimeField(null=True)
    overdue_noticed_at = fields.DatetimeField(null=True)
    urge_count = fields.SmallIntField(default=0)
    closure = fields.CharEnumField(Closure, max_length=16, null=True)
    duplicate_of: fields.ForeignKeyNullableRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="duplicates", null=True, on_delete=fields.RESTRICT
    )
    submitted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="submitted_petitions", null=True, on_delete=fields.SET_NULL
    )
    # The machine client that submitted it (the hotline, a district app), if any.
    submitted_by_key: fields.ForeignKeyNullableRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="submitted_petitions", null=True, on_delete=fields.RESTRICT
    )
    intake_unit: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="intake_petitions", null=True, on_delete=fields.RESTRICT
    )
    version = fields.IntField(default=1)
    created_at = fields.DatetimeField(db_index=True)
    updated_at = fields.DatetimeField()
    closed_at = fields.DatetimeField(null=True)

    topic_id: int | None
    district_id: int
    street_id: int | None
    community_id: int | None
    platform_id: int
    handling_unit_id: int | None
    duplicate_of_id: int | None
    submitted_by_id: int | None
    submitted_by_key_id: int | None
    intake_unit_id: int | None

    class Meta:
        table = "petition"
        # Intake is idempotent per (channel, external id) (DOMAIN §5).
        unique_together = (("channel", "external_id"),)
        # Tenant scopes and queue orders (see workflow/queues.py). Partial indexes over open
        # petitions are in migrations/0008_indexes.py: Tortoise cannot declare `state <> …`.
        indexes = (
            Index(fields=("district_id", "id"), name="petition_district_newest"),
            Index(fields=("platform_id", "state", "id"), name="petition_platform_state"),
            Index(fields=("platform_id", "state", "deadline", "id"), name="petition_platform_due"),
            Index(fields=("handling_unit_id", "state", "deadline", "id"), name="petition_unit_due"),
            Index(fields=("district_id", "state", "deadline", "id"), name="petition_district_due"),
            Index(fields=("topic_id", "id"), name="petition_topic"),
            # A unit's own intake (its scope, and a client's): see resolvers/scope_sql.py.
            Index(fields=("intake_unit_id",), name="petition_intake_unit"),
            Index(fields=("petitioner_phone",), name="petition_phone"),
            # Staff allowed to see identities find petitions by the petitioner's exact name.
            Index(fields=("petitioner_name",), name="petition_name"),
            # 监测预警's repeated petitioners: a GROUP BY phone over the recent window, read
            # from the index alone (SQLite otherwise walks petition_phone over every row).
            Index(fields=("petitioner_phone", "created_at"), name="petition_phone_recent"),
            # The list's place and channel filters, newest first (a street or channel with few
            # petitions is then found without walking every petition of the scope).
            Index(fields=("street_id", "id"), name="petition_street_newest"),
            Index(fields=("community_id", "id"), name="petition_community_newest"),
            Index(fields=("channel", "id"), name="petition_channel_newest"),
            Index(fields=("district_id", "channel", "id"), name="petition_district_channel"),
            # 数据分析's hotspots: topic × street of one month, counted from the index alone.
            Index(
                fields=("created_at", "district_id", "topic_id", "street_id", "id"),
                name="petition_created_place",
            ),
        )


class Assignment(Model):
    """One unit's responsibility for a petition in one round (lead or cooperating)."""

    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="assignments", on_delete=fields.RESTRICT
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="assignments", on_delete=fields.RESTRICT
    )
    role = fields.CharEnumField(AssignmentRole, max_length=16)
    round = fields.SmallIntField()
    # The platform (or escalating unit) that put it there, and who did it.
    assigned_by_unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="assignments_made", on_delete=fields.RESTRICT
    )
    assigned_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assignments_made", null=True, on_delete=fields.SET_NULL
    )
    assigned_at = fields.DatetimeField()
    deadline = fields.DatetimeField(null=True)
    accepted_at = fields.DatetimeField(null=True)
    accepted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="assignments_accepted", null=True, on_delete=fields.SET_NULL
    )
    ended_at = fields.DatetimeField(null=True)
    end_reason = fields.CharEnumField(AssignmentEnd, max_length=16, null=True)
    # When the deadline watch raised 超时未签收 for it (once).
    accept_alarmed_at = fields.DatetimeField(null=True)

    petition_id: int
    unit_id: int
    assigned_by_unit_id: int

    class Meta:
        table = "assignment"
        indexes = (
            ("unit_id", "ended_at"),
            Index(fields=("petition_id", "ended_at"), name="assignment_petition"),
            # A unit's petitions, newest first, read from the index alone (resolvers.scope_sql).
            Index(fields=("unit_id", "petition_id"), name="assignment_unit_petition"),
        )


class TrackingSequence(Model):
    """Per district and day, the last number handed out in a tracking code."""

    id = fields.IntField(primary_key=True)
    district_code = fields.CharField(max_length=4)
    day = fields.DateField()
    last_number = fields.IntField(default=0)

    class Meta:
        table = "tracking_sequence"
        unique_together = (("district_code", "day"),)
