"""Attachments: adding files to a petition, a reply or a review, and reading them back.

Every file is checked and cleaned (storage/images.py) before anything is written; the bytes
go to storage first and the rows and the timeline event are written in one transaction after,
so a refusal leaves nothing behind and a failed write removes the stored bytes again.
Reading goes through the petition's visibility: whoever may not see the petition gets "not
found", as if the file did not exist.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tortoise.transactions import in_transaction

import settings
from models import Attachment, Petition, Reply, Review
from resolvers.base import record_event, scoped
from resolvers.intake import PetitionDraft, Submitted, submit_petition
from resolvers.reads import get_petition
from storage import get_storage
from storage.images import Prepared, prepare
from workflow.actors import Actor
from workflow.attachments import (
    AttachmentOwner,
    Limits,
    Target,
    attach_refusal,
    check_count,
    petitioner_may_see_attachment,
)
from workflow.enums import Action, ReplyStatus, State
from workflow.errors import WorkflowError, invalid, not_found
from workflow.privacy import petitioner_view_only


@dataclass(frozen=True)
class Upload:
    """A file as it came in: the client's name for it and its bytes."""

    filename: str
    data: bytes


def limits() -> Limits:
    return Limits(
        max_image_bytes=settings.ATTACHMENT_MAX_IMAGE_BYTES,
        max_pdf_bytes=settings.ATTACHMENT_MAX_PDF_BYTES,
        max_files=settings.ATTACHMENT_MAX_FILES,
        max_pixels=settings.ATTACHMENT_MAX_PIXELS,
    )


def owner_of(attachment: Attachment) -> AttachmentOwner:
    if attachment.review_id is not None:
        return AttachmentOwner.REVIEW
    if attachment.reply_id is not None:
        return AttachmentOwner.REPLY
    return AttachmentOwner.PETITION


async def _petition(actor: Actor, petition_id: int) -> Petition:
    """The petition if the actor may see it. Petitioners and their channels (district apps,
    the hotline) never read the staff record, so they are looked up through the visibility
    scope alone: a petitioner finds the petitions raised with their phone."""
    if not petitioner_view_only(actor):
        return await get_petition(actor, petition_id)
    petition = await scoped(actor).filter(id=petition_id).first()
    if petition is None:
        raise not_found()
    petition_row: Petition = petition
    return petition_row


async def prepare_uploads(
    owner: AttachmentOwner, uploads: Sequence[Upload], field: str, site_location: bool
) -> list[Prepared]:
    """Check and clean every file; the first bad one is refused with its field named."""
    lim = limits()
    check_count(len(uploads), field, lim)
    prepared = []
    for up in uploads:
        prepared.append(
            await asyncio.to_thread(
                prepare,
                owner,
                up.data,
                up.filename,
                field,
                lim,
                site_location,
                settings.THUMBNAIL_PX,
            )
        )
    return prepared


def _target_of(petition: Petition, reply: Reply | None, review: Review | None) -> Target:
    """What the rule needs to judge an upload to the petition, one of its replies, or a
    review of that reply."""
    base: dict[str, Any] = {
        "petition_state": State(petition.state),
        "petition_id": petition.id,
        "handling_unit_id": petition.handling_unit_id,
        "submitted_by_key_id": petition.submitted_by_key_id,
    }
    if review is not None:
        return Target(
            AttachmentOwner.REVIEW,
            author_id=review.reviewer_id,  # type: ignore[attr-defined]
            **base,
        )
    if reply is not None:
        return Target(
            AttachmentOwner.REPLY,
            unit_id=reply.unit_id,
            author_id=reply.author_id,
            reply_status=ReplyStatus(reply.status),
            **base,
        )
    return Target(AttachmentOwner.PETITION, **base)


async def _load_target(
    petition: Petition, reply_id: int | None, review_id: int | None
) -> tuple[Target, Reply | None, Review | None]:
    reply = review = None
    if review_id is not None:
        review = await Review.get_or_none(id=review_id, reply__petition_id=petition.id)
        if review is None:
            raise not_found("审核意见")
        reply_id = review.reply_id  # type: ignore[attr-defined]
    if reply_id is not None:
        reply = await Reply.get_or_none(id=reply_id, petition_id=petition.id)
        if reply is None:
            raise not_found("答复")
    return _target_of(petition, reply, review), reply, review


async def add_attachments(
    actor: Actor,
    petition_id: int,
    uploads: Sequence[Upload],
    now: datetime,
    *,
    field: str = "files",
    reply_id: int | None = None,
    review_id: int | None = None,
    site_location: bool = False,
) -> list[Attachment]:
    petition = await _petition(actor, petition_id)
    target, reply, review = await _load_target(petition, reply_id, review_id)
    refused = attach_refusal(actor, target)
    if refused is not None:
        raise refused
    if not uploads:
        raise invalid(field, "请选择要上传的文件")
    prepared = await prepare_uploads(target.owner, uploads, field, site_location)
    return await _store(actor, petition, reply, review, prepared, site_location, now)


async def submit_with_photos(
    actor: Actor,
    draft: PetitionDraft,
    uploads: Sequence[Upload],
    now: datetime,
    *,
    field: str = "photos",
    site_location: bool = False,
) -> Submitted:
    """Intake with photos: the photos are checked before the petition is created, so a bad
    photo refuses the whole intake; a resend of an earlier intake adds nothing."""
    prepared = await prepare_uploads(AttachmentOwner.PETITION, uploads, field, site_location)
    done = await submit_petition(actor, draft, now)
    if done.created and prepared:
        await _store(actor, done.petition, None, None, prepared, site_location, now)
        done = Submitted(await Petition.get(id=done.petition.id), created=True)
    return done


async def _store(
    actor: Actor,
    petition: Petition,
    reply: Reply | None,
    review: Review | None,
    prepared: list[Prepared],
    site_location: bool,
    now: datetime,
) -> list[Attachment]:
    storage = get_storage()
    written: list[str] = []
    rows: list[Attachment] = []
    try:
        keys = []
        for item in prepared:
            name = uuid.uuid4().hex
            key = f"p{petition.id}/{name}.{item.filename.rsplit('.', 1)[-1]}"
            await storage.put(key, item.data, item.content_type)
            written.append(key)
            thumb = None
            if item.thumbnail is not None:
                thumb = f"p{petition.id}/{name}-thumb.jpg"
                await storage.put(thumb, item.thumbnail, "image/jpeg")
                written.append(thumb)
            keys.append((key, thumb))
        async with in_transaction() as conn:
            for item, (key, thumb) in zip(prepared, keys, strict=True):
                rows.append(
                    await Attachment.create(
                        petition_id=petition.id,
                        reply_id=reply.id if reply else None,
                        review_id=review.id if review else None,
                        uploaded_by_id=actor.user_id,
                        uploaded_by_key_id=actor.api_key_id,
                        # From the petitioner, or a channel acting for them.
                        by_petitioner=petitioner_view_only(actor),
                        uploader_name=actor.name[:64],
                        filename=item.filename,
                        content_type=item.content_type,
                        size=len(item.data),
                        sha256=item.sha256,
                        stored_key=key,
                        thumbnail_key=thumb,
                        is_site_location=site_location and item.lat is not None,
                        lat=item.lat if site_location else None,
                        lng=item.lng if site_location else None,
                        created_at=now,
                        using_db=conn,
                    )
                )
            payload: dict[str, Any] = {"attachments": [_summary(r) for r in rows]}
            located = next((r for r in rows if r.is_site_location), None)
            if located is not None and petition.lat is None:
                # The photo's place becomes the petition's, unless it already has one.
                await (
                    Petition.filter(id=petition.id, lat__isnull=True)
                    .using_db(conn)
                    .update(lat=located.lat, lng=located.lng, updated_at=now)
                )
                payload["location"] = {"lat": located.lat, "lng": located.lng}
            state = State(petition.state)
            await record_event(
                conn, petition.id, actor, Action.ATTACH, now, state, state, "", payload
            )
    except BaseException:
        for key in written:
            with contextlib.suppress(Exception):
                await storage.delete(key)
        raise
    return rows


def _summary(row: Attachment) -> dict[str, Any]:
    summary: dict[str, Any] = {
        "id": row.id,
        "filename": row.filename,
        "contentType": row.content_type,
        "size": row.size,
        "owner": owner_of(row).value,
    }
    if row.reply_id is not None:
        summary["replyId"] = row.reply_id
    if row.review_id is not None:
        summary["reviewId"] = row.review_id
    if row.is_site_location:
        summary["siteLocation"] = True
    return summary


# ---- reading ------------------------------------------------------------------------------


def _petitioner_sees(row: Attachment, statuses: dict[int, ReplyStatus]) -> bool:
    status = statuses.get(row.reply_id) if row.reply_id is not None else None
    return petitioner_may_see_attachment(owner_of(row), status, row.by_petitioner)


async def attachments_for_petitioners(petition_ids: list[int]) -> dict[int, list[Attachment]]:
    """For the petitioner's view of a page of petitions, in two queries: each petition's files
    its petitioner may see (their own, and those of the reply the platform sent). The caller
    has established that the reader is that petitioner (or a channel acting for them)."""
    found: dict[int, list[Attachment]] = {pid: [] for pid in petition_ids}
    if not petition_ids:
        return found
    rows = await Attachment.filter(petition_id__in=petition_ids).order_by("id")
    replies = await Reply.filter(petition_id__in=petition_ids).values_list("id", "status")
    statuses = {int(rid): ReplyStatus(status) for rid, status in replies}
    for row in rows:
        if _petitioner_sees(row, statuses):
            found[row.petition_id].append(row)
    return found


async def attachments_for_petitioner(petition_id: int) -> list[Attachment]:
    return (await attachments_for_petitioners([petition_id]))[petition_id]


async def petition_attachments(actor: Actor, petition_id: int) -> list[Attachment]:
    petition = await _petition(actor, petition_id)
    if petitioner_view_only(actor):
        return await attachments_for_petitioner(petition.id)
    rows: list[Attachment] = await Attachment.filter(petition_id=petition.id).order_by("id")
    return rows


async def get_attachment(actor: Actor, attachment_id: int) -> Attachment:
    row = await Attachment.get_or_none(id=attachment_id)
    if row is None:
        raise not_found("附件")
    if petitioner_view_only(actor):
        if not await _petitioner_may_fetch(actor, row):
            raise not_found("附件")
        return row
    try:
        await _petition(actor, row.petition_id)
    except WorkflowError:
        raise not_found("附件") from None
    return row


async def _petitioner_may_fetch(actor: Actor, row: Attachment) -> bool:
    """The same rule as the petitioner's view: a file of their own petition they may see,
    or a sent reply's file of the petition one of their petitions was merged into."""
    mine = scoped(actor)
    own = await mine.filter(id=row.petition_id).exists()
    if not own and not await mine.filter(duplicate_of_id=row.petition_id).exists():
        return False
    status = None
    if row.reply_id is not None:
        reply = await Reply.get_or_none(id=row.reply_id)
        status = ReplyStatus(reply.status) if reply is not None else None
    return petitioner_may_see_attachment(owner_of(row), status, row.by_petitioner, own)


async def read_attachment(
    actor: Actor, attachment_id: int, thumbnail: bool = False
) -> tuple[Attachment, bytes, str]:
    """The file (or its thumbnail) and its content type, for someone who may see it."""
    row = await get_attachment(actor, attachment_id)
    key = row.thumbnail_key if thumbnail else row.stored_key
    if key is None:
        raise not_found("缩略图")
    try:
        data = await get_storage().get(key)
    except KeyError:
        raise not_found("附件") from None
    return row, data, "image/jpeg" if thumbnail else row.content_type


@dataclass(frozen=True)
class AttachTarget:
    """Something the actor may attach files to right now (offered by a page's upload form)."""

    owner: AttachmentOwner
    id: int  # the petition's, reply's or review's id


async def attach_targets(actor: Actor, petition: Petition) -> list[AttachTarget]:
    """Every target the rule allows: the petition, replies in review, the actor's reviews."""
    found: list[AttachTarget] = []
    if attach_refusal(actor, _target_of(petition, None, None)) is None:
        found.append(AttachTarget(AttachmentOwner.PETITION, petition.id))
    for reply in await Reply.filter(petition_id=petition.id, status=ReplyStatus.IN_REVIEW):
        if attach_refusal(actor, _target_of(petition, reply, None)) is None:
            found.append(AttachTarget(AttachmentOwner.REPLY, reply.id))
    if actor.user_id is not None:
        mine = await Review.filter(reply__petition_id=petition.id, reviewer_id=actor.user_id)
        for review in mine:
            if attach_refusal(actor, _target_of(petition, None, review)) is None:
                found.append(AttachTarget(AttachmentOwner.REVIEW, review.id))
    return found
