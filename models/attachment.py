"""Files attached to a petition, a reply or a review. The bytes live in storage/; a row keeps
what is needed to serve and check them."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from models.handling import Reply, Review
from models.org import ApiKey, User
from models.petition import Petition


class Attachment(Model):
    id = fields.IntField(primary_key=True)
    # Always the petition; `reply` or `review` when the file belongs to one of its steps.
    petition: fields.ForeignKeyRelation[Petition] = fields.ForeignKeyField(
        "models.Petition", related_name="attachments", on_delete=fields.RESTRICT
    )
    reply: fields.ForeignKeyNullableRelation[Reply] = fields.ForeignKeyField(
        "models.Reply", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    review: fields.ForeignKeyNullableRelation[Review] = fields.ForeignKeyField(
        "models.Review", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    uploaded_by: fields.ForeignKeyNullableRelation[User] = fields.ForeignKeyField(
        "models.User", related_name="attachments", null=True, on_delete=fields.SET_NULL
    )
    uploaded_by_key: fields.ForeignKeyNullableRelation[ApiKey] = fields.ForeignKeyField(
        "models.ApiKey", related_name="attachments", null=True, on_delete=fields.RESTRICT
    )
    # Added by the petitioner (through an app): part of what the petitioner sees.
    by_petitioner = fields.BooleanField(default=False)
    uploader_name = fields.CharField(max_length=64, default="")
    filename = fields.CharField(max_length=255)
    content_type = fields.CharField(max_length=64)
    size = fields.IntField()
    sha256 = fields.CharField(max_length=64)
    stored_key = fields.CharField(max_length=255, unique=True)
    thumbnail_key = fields.CharField(max_length=255, null=True)
    # The uploader marked the photo as taken at the site: its GPS position was kept.
    is_site_location = fields.BooleanField(default=False)
    lat = fields.FloatField(null=True)
    lng = fields.FloatField(null=True)
    created_at = fields.DatetimeField()

    petition_id: int
    reply_id: int | None
    review_id: int | None
    uploaded_by_id: int | None

    class Meta:
        table = "attachment"
        indexes = (("petition_id", "id"),)
