"""The organisation tree, staff, their grants, machine clients and reference data."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from workflow.enums import ApiClientKind, Category, Role, UnitKind


class Unit(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=32, unique=True)
    name = fields.CharField(max_length=128)
    kind = fields.CharEnumField(UnitKind, max_length=32)
    parent: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    # The district platform this unit belongs to (itself for a district platform);
    # null for the city platform and city departments. Denormalised for tenant scoping.
    district: fields.ForeignKeyNullableRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="district_units", null=True, on_delete=fields.RESTRICT
    )
    # Short code used in tracking codes (district platforms only), e.g. SN.
    district_code = fields.CharField(max_length=4, null=True)
    platform_name = fields.CharField(max_length=64, null=True)
    # The administrative area a platform serves (市南区 beside its brand 暖南诉办; 青岛市 for
    # the city platform): shown wherever people expect a place rather than a platform.
    area_name = fields.CharField(max_length=32, null=True)
    # Receives referrals (问责移交): the discipline inspection unit and the organisation
    # department; their INSPECTORs see and act on referrals (workflow/referrals.py).
    receives_referrals = fields.BooleanField(default=False, db_default=False)
    active = fields.BooleanField(default=True)

    parent_id: int | None
    district_id: int | None

    class Meta:
        table = "unit"


class User(Model):
    id = fields.IntField(primary_key=True)
    username = fields.CharField(max_length=64, unique=True)
    display_name = fields.CharField(max_length=64)
    password_hash = fields.CharField(max_length=255)
    phone = fields.CharField(max_length=20, null=True)
    active = fields.BooleanField(default=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    # Set when an admin resets the password: until the user picks their own, their session
    # may only change the password (screens and API alike).
    must_change_password = fields.BooleanField(default=False, db_default=False)

    class Meta:
        table = "app_user"


class RoleGrant(Model):
    id = fields.IntField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="grants", on_delete=fields.CASCADE
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="grants", on_delete=fields.RESTRICT
    )
    role = fields.CharEnumField(Role, max_length=16)
    # Who granted it and when (null for grants older than the record); a revoked grant is
    # ended, never deleted, and grants again by reopening. Role lookups skip ended grants.
    granted_at = fields.DatetimeField(null=True)
    granted_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="grants_given", null=True, on_delete=fields.RESTRICT
    )
    ended_at = fields.DatetimeField(null=True)
    ended_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="grants_ended", null=True, on_delete=fields.RESTRICT
    )

    user_id: int
    unit_id: int
    granted_by_id: int | None
    ended_by_id: int | None

    class Meta:
        table = "role_grant"
        unique_together = (("user", "unit", "role"),)


class Session(Model):
    """A staff login. Only the token's hash is stored."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="sessions", on_delete=fields.CASCADE
    )
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="sessions", on_delete=fields.CASCADE
    )
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    user_id: int
    unit_id: int

    class Meta:
        table = "session"


class ApiKey(Model):
    """A machine client bound to a unit. The secret is shown once, and only its hash is kept."""

    id = fields.IntField(primary_key=True)
    name = fields.CharField(max_length=128)
    prefix = fields.CharField(max_length=16, unique=True)
    key_hash = fields.CharField(max_length=64)
    client_kind = fields.CharEnumField(ApiClientKind, max_length=32)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="api_keys", on_delete=fields.RESTRICT
    )
    scopes: fields.JSONField[list[str]] = fields.JSONField(default=list)
    created_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="api_keys", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    unit_id: int

    class Meta:
        table = "api_key"


class Topic(Model):
    id = fields.IntField(primary_key=True)
    code = fields.CharField(max_length=16, unique=True)
    name = fields.CharField(max_length=64)
    parent: fields.ForeignKeyNullableRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    campaign = fields.BooleanField(default=False)

    parent_id: int | None

    class Meta:
        table = "topic"


class DutyItem(Model):
    id = fields.IntField(primary_key=True)
    unit: fields.ForeignKeyRelation[Unit] = fields.ForeignKeyField(
        "models.Unit", related_name="duty_items", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=128)
    description = fields.TextField()
    keywords: fields.JSONField[list[str]] = fields.JSONField(default=list)
    topic: fields.ForeignKeyNullableRelation[Topic] = fields.ForeignKeyField(
        "models.Topic", related_name="duty_items", null=True, on_delete=fields.RESTRICT
    )
    category = fields.CharEnumField(Category, max_length=16)
    legal_basis = fields.CharField(max_length=255)
    # Retired items stay (returns and history cite them) but no longer count for dispatch.
    active = fields.BooleanField(default=True, db_default=True)
    retired_at = fields.DatetimeField(null=True)

    unit_id: int
    topic_id: int | None

    class Meta:
        table = "duty_item"


class CalendarOverride(Model):
    """An official working day or day off entered by an admin (DOMAIN §4)."""

    id = fields.IntField(primary_key=True)
    day = fields.DateField(unique=True)
    is_working = fields.BooleanField()
    name = fields.CharField(max_length=64, default="")
    entered_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="calendar_overrides", null=True, on_delete=fields.SET_NULL
    )
    entered_at = fields.DatetimeField()

    class Meta:
        table = "calendar_override"
