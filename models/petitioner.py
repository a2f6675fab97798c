"""Petitioners proving who they are (one-time codes, their sessions), the attempt counters
that slow guessing down, and the material petitioners add to their petitions."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.org import ApiKey, User
from models.petition import Petition


class PetitionerCode(Model):
    """A one-time code sent to a phone, of which only an HMAC of (phone, code) is kept.

    A code dies when used, when it expires, when a newer code is sent, or after too many wrong
    tries."""

    id = fields.IntField(primary_key=True)
    phone = fields.CharField(max_length=20)
    code_hash = fields.CharField(max_length=64)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    attempts = fields.SmallIntField(default=0)
    used_at = fields.DatetimeField(null=True)
    # The district app that asked for it.
    requested_by_key: fields.ForeignKeyNullableRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="petitioner_codes", null=True, on_delete=fields.RESTRICT
    )

    class Meta:
        table = "petitioner_code"
        indexes = (("phone", "created_at"),)


class PetitionerSession(Model):
    """A short-lived petitioner token, scoped to the phone they proved (only its hash is kept)."""

    id = fields.IntField(primary_key=True)
    token_hash = fields.CharField(max_length=64, unique=True)
    phone = fields.CharField(max_length=20)
    created_at = fields.DatetimeField()
    expires_at = fields.DatetimeField()
    revoked_at = fields.DatetimeField(null=True)

    class Meta:
        table = "petitioner_session"


class Attempt(Model):
    """One counted attempt (a code requested, a wrong code) under a key such as an address.

    Keys look like `phone:138…` or `address:10.0.0.1`. Kept in the database, so every server
    process counts the same. Rows older than the window are deleted as new ones arrive."""

    id = fields.BigIntField(primary_key=True)
    kind = fields.CharField(max_length=16)
    key = fields.CharField(max_length=64)
    at = fields.DatetimeField()

    class Meta:
        table = "attempt"
        indexes = (("kind", "key", "at"),)


class Material(Model):
    """A text note added to a petition for its petitioner (新增材料).

    Added by the petitioner with their token, or recorded by the district platform from a
    call."""

    id = fields.IntField(primary_key=True)
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="materials", on_delete=fields.RESTRICT
    )
    text = fields.TextField()
    by_petitioner = fields.BooleanField()
    recorded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="materials_recorded", null=True, on_delete=fields.SET_NULL
    )
    created_at = fields.DatetimeField()

    petition_id: int

    class Meta:
        table = "material"
        indexes = (("petition_id", "id"),)
