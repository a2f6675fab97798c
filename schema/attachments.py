"""Attachments in the API: list a petition's files, and upload files with the GraphQL multipart
request spec (an `Upload` variable per file). Downloads are plain HTTP: `url` and
`thumbnailUrl` answer with the bytes to the same credentials (bearer or cookie)."""

from __future__ import annotations

from datetime import datetime

import strawberry
from starlette.datastructures import UploadFile
from strawberry.file_uploads import Upload

from models import Attachment as AttachmentRow
from resolvers import attachments
from resolvers.reads import get_petition, require_actor
from schema.errors import result
from schema.ids import optional_row_id, row_id
from schema.types import Ctx, Petition, wrap_petition
from workflow.attachments import AttachmentOwner
from workflow.errors import WorkflowError, invalid

strawberry.enum(AttachmentOwner, description="What a file is attached to.")

FILES_FIELD = "files"


@strawberry.type(description="A photo or document attached to a petition, a reply or a review.")
class Attachment:
    id: strawberry.ID
    owner: AttachmentOwner
    petition_id: strawberry.ID
    reply_id: strawberry.ID | None
    review_id: strawberry.ID | None
    filename: str
    content_type: str
    size: int
    sha256: str
    is_site_location: bool = strawberry.field(
        description="The uploader marked it as taken at the site: its position was kept."
    )
    lat: float | None
    lng: float | None
    created_at: datetime
    url: str = strawberry.field(description="GET it with the same credentials.")
    thumbnail_url: str | None


def wrap_attachment(row: AttachmentRow) -> Attachment:
    return Attachment(
        id=strawberry.ID(str(row.id)),
        owner=attachments.owner_of(row),
        petition_id=strawberry.ID(str(row.petition_id)),
        reply_id=strawberry.ID(str(row.reply_id)) if row.reply_id else None,
        review_id=strawberry.ID(str(row.review_id)) if row.review_id else None,
        filename=row.filename,
        content_type=row.content_type,
        size=row.size,
        sha256=row.sha256,
        is_site_location=row.is_site_location,
        lat=row.lat,
        lng=row.lng,
        created_at=row.created_at,
        url=f"/attachments/{row.id}",
        thumbnail_url=f"/attachments/{row.id}/thumbnail" if row.thumbnail_key else None,
    )


@strawberry.input
class AddAttachmentsInput:
    petition_id: strawberry.ID
    files: list[Upload] = strawberry.field(
        description="One multipart file per item (photos; pdf documents with replies and reviews)."
    )
    reply_id: strawberry.ID | None = strawberry.field(
        default=None, description="Attach to this reply of the petition (while in review)."
    )
    review_id: strawberry.ID | None = strawberry.field(
        default=None, description="Attach to your own review of a reply."
    )
    site_location: bool = strawberry.field(
        default=False,
        description="The photos were taken at the site: keep their GPS position (and set the "
        "petition's position if it has none). Otherwise all photo metadata is removed.",
    )


@strawberry.type
class AddAttachmentsSuccess:
    attachments: list[Attachment]
    petition: Petition


async def _uploads(files: list[object]) -> list[attachments.Upload]:
    read = []
    for f in files:
        if not isinstance(f, UploadFile):
            raise invalid(FILES_FIELD, "请以 multipart 请求上传文件")
        read.append(attachments.Upload(f.filename or "", await f.read()))
    return read


@strawberry.type
class Query:
    @strawberry.field(description="A petition's files, if the asker may see it; null otherwise.")
    async def attachments(self, info: Ctx, petition_id: strawberry.ID) -> list[Attachment] | None:
        actor = require_actor(info.context.actor)
        try:
            rows = await attachments.petition_attachments(actor, row_id(petition_id, "petitionId"))
        except WorkflowError:
            return None
        return [wrap_attachment(r) for r in rows]


@strawberry.type
class Mutation:
    @strawberry.mutation(description="Upload files (GraphQL multipart request) to a petition.")
    async def add_attachments(self, info: Ctx, input: AddAttachmentsInput) -> result(
        "AddAttachmentsResult", AddAttachmentsSuccess
    ):
        actor = require_actor(info.context.actor)
        pid = row_id(input.petition_id, "petitionId")
        rows = await attachments.add_attachments(
            actor,
            pid,
            await _uploads(list(input.files)),
            info.context.now,
            field=FILES_FIELD,
            reply_id=optional_row_id(input.reply_id, "replyId"),
            review_id=optional_row_id(input.review_id, "reviewId"),
            site_location=input.site_location,
        )
        info.context.after_write()
        petition = await get_petition(actor, pid)
        return AddAttachmentsSuccess(
            attachments=[wrap_attachment(r) for r in rows], petition=wrap_petition(petition)
        )
