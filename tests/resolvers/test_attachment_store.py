"""Attachments: cleaned photos, thumbnails, limits, who sees them, the timeline."""

from __future__ import annotations

from pathlib import Path

import pytest

import settings
from models import Attachment, Petition, Reply, Review
from resolvers import handling
from resolvers.attachments import (
    Upload,
    add_attachments,
    attach_targets,
    attachments_for_petitioner,
    get_attachment,
    read_attachment,
    submit_with_photos,
)
from storage import get_storage
from tests.factories import T0, City, build_city, draft, submit
from tests.images import FAKE_JPEG, SITE_LAT, SITE_LNG, exif_of, jpeg, pdf
from tests.resolvers.helpers import dispatched, events, refused, replied, signed_off
from workflow.actors import petitioner as as_petitioner
from workflow.attachments import AttachmentOwner
from workflow.enums import Action, Role
from workflow.errors import ErrorCode


def _stored_files(root: Path) -> list[Path]:
    return [f for f in root.rglob("*") if f.is_file()] if root.exists() else []


async def test_a_photo_loses_its_exif_location_and_gets_a_thumbnail(db) -> None:
    city = await build_city()
    p = await submit(city, community_id=city.id("SN-S01-C01"))
    grid = city.actor("SN-S01-C01", Role.GRID_WORKER)
    assert exif_of(jpeg()).get_ifd(0x8825)  # the test photo does carry a position
    [row] = await add_attachments(grid, p.id, [Upload("IMG_1.jpg", jpeg())], T0)
    stored = await get_storage().get(row.stored_key)
    assert dict(exif_of(stored)) == {}  # no GPS, no camera make, nothing
    assert row.content_type == "image/jpeg" and row.size == len(stored)
    assert not row.is_site_location and row.lat is None
    assert row.thumbnail_key is not None
    _, thumb, kind = await read_attachment(grid, row.id, thumbnail=True)
    assert kind == "image/jpeg" and thumb.startswith(b"\xff\xd8") and len(thumb) < len(stored)
    assert (await Petition.get(id=p.id)).lat is None


async def test_a_photo_marked_as_the_site_keeps_its_position_and_places_the_petition(db) -> None:
    city = await build_city()
    p = await submit(city, community_id=city.id("SN-S01-C01"))
    grid = city.actor("SN-S01-C01", Role.GRID_WORKER)
    [row] = await add_attachments(
        grid, p.id, [Upload("site.jpg", jpeg())], T0, site_location=True
    )
    stored = await get_storage().get(row.stored_key)
    exif = exif_of(stored)
    assert exif.get_ifd(0x8825)[1] == "N" and 0x010F not in exif  # position kept, make gone
    assert row.is_site_location
    assert row.lat == pytest.approx(SITE_LAT, abs=1e-3)
    assert row.lng == pytest.approx(SITE_LNG, abs=1e-3)
    petition = await Petition.get(id=p.id)
    assert (petition.lat, petition.lng) == (row.lat, row.lng)
    [ev] = [e for e in await events(p.id) if e.action == Action.ATTACH]
    assert ev.payload["location"] == {"lat": row.lat, "lng": row.lng}
    assert ev.payload["attachments"][0]["siteLocation"] is True


async def test_a_petition_with_a_position_keeps_it(db) -> None:
    city = await build_city()
    p = await submit(city, lat=36.1, lng=120.4)
    await add_attachments(
        city.actor("SN", Role.DISPATCHER), p.id, [Upload("a.jpg", jpeg())], T0, site_location=True
    )
    petition = await Petition.get(id=p.id)
    assert (petition.lat, petition.lng) == (36.1, 120.4)


async def test_a_text_file_named_jpg_is_refused_and_nothing_is_written(
    db, attachment_storage: Path
) -> None:
    city = await build_city()
    p = await submit(city)
    before = len(await events(p.id))
    await refused(
        add_attachments(
            city.actor("SN", Role.DISPATCHER),
            p.id,
            [Upload("ok.jpg", jpeg()), Upload("photo.jpg", FAKE_JPEG)],
            T0,
            field="photos",
        ),
        ErrorCode.INVALID_FIELD,
        "photos",
    )
    assert await Attachment.all().count() == 0
    assert len(await events(p.id)) == before
    assert _stored_files(attachment_storage) == []


async def test_an_oversize_photo_is_refused_on_its_field(
    db, monkeypatch: pytest.MonkeyPatch
) -> None:
    city = await build_city()
    p = await submit(city)
    monkeypatch.setattr(settings, "ATTACHMENT_MAX_IMAGE_BYTES", 1000)
    err = await refused(
        add_attachments(city.actor("SN", Role.DISPATCHER), p.id, [Upload("a.jpg", jpeg())], T0),
        ErrorCode.INVALID_FIELD,
        "files",
    )
    assert "不能超过" in err.message


async def test_intake_with_a_bad_photo_takes_nothing_in(db) -> None:
    city = await build_city()
    grid = city.actor("SN-S01-C01", Role.GRID_WORKER)
    await refused(
        submit_with_photos(grid, draft(), [Upload("x.jpg", FAKE_JPEG)], T0),
        ErrorCode.INVALID_FIELD,
        "photos",
    )
    assert await Petition.all().count() == 0


async def test_intake_with_photos_records_the_submit_and_the_upload(db) -> None:
    city = await build_city()
    grid = city.actor("SN-S01-C01", Role.GRID_WORKER)
    done = await submit_with_photos(
        grid, draft(external_id="G-1", channel=None), [Upload("a.jpg", jpeg())] * 2, T0,
        site_location=True,
    )
    assert done.created and done.petition.lat == pytest.approx(SITE_LAT, abs=1e-3)
    actions = [e.action for e in await events(done.petition.id)]
    assert actions == [Action.SUBMIT, Action.ATTACH]
    again = await submit_with_photos(
        grid, draft(external_id="G-1", channel=None), [Upload("a.jpg", jpeg())], T0
    )
    assert not again.created and await Attachment.all().count() == 2


async def test_another_districts_staff_get_not_found_for_the_file(db) -> None:
    city = await build_city()
    p = await submit(city)
    [row] = await add_attachments(
        city.actor("SN", Role.DISPATCHER), p.id, [Upload("a.jpg", jpeg())], T0
    )
    outsider = city.actor("SB", Role.DISPATCHER)
    await refused(get_attachment(outsider, row.id), ErrorCode.NOT_FOUND)
    await refused(read_attachment(outsider, row.id), ErrorCode.NOT_FOUND)
    await refused(
        add_attachments(outsider, p.id, [Upload("b.jpg", jpeg())], T0), ErrorCode.NOT_FOUND
    )
    assert (await get_attachment(city.actor("QD", Role.SUPERVISOR), row.id)).id == row.id


async def test_a_reply_takes_a_pdf_from_its_handler_only_while_in_review(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await replied(city, p.id, "SN-CG")
    reply = await Reply.get(petition_id=p.id)
    handler = city.actor("SN-CG", Role.HANDLER)
    [doc] = await add_attachments(handler, p.id, [Upload("答复.pdf", pdf())], T0, reply_id=reply.id)
    assert doc.content_type == "application/pdf" and doc.thumbnail_key is None
    assert doc.filename == "答复.pdf"
    await refused(
        add_attachments(
            city.actor("SN-SCJG", Role.HANDLER), p.id, [Upload("x.pdf", pdf())], T0,
            reply_id=reply.id,
        ),
        ErrorCode.NOT_FOUND,  # that department does not even see the petition
    )
    await refused(
        add_attachments(
            city.actor("SN", Role.DISPATCHER), p.id, [Upload("x.pdf", pdf())], T0,
            reply_id=reply.id,
        ),
        ErrorCode.NOT_ALLOWED,
    )


async def test_the_petitioner_sees_only_the_sent_replys_files_and_their_own(db) -> None:
    city = await build_city()
    p = await submit(city)
    staff_photo = (
        await add_attachments(
            city.actor("SN", Role.DISPATCHER), p.id, [Upload("a.jpg", jpeg())], T0
        )
    )[0]
    petitioner = as_petitioner(p.petitioner_phone)
    [own] = await add_attachments(petitioner, p.id, [Upload("mine.jpg", jpeg())], T0)
    assert own.by_petitioner
    await dispatched(city, p.id, "SN-CG")
    await replied(city, p.id, "SN-CG")
    reply = await Reply.get(petition_id=p.id)
    [doc] = await add_attachments(
        city.actor("SN-CG", Role.HANDLER), p.id, [Upload("r.pdf", pdf())], T0, reply_id=reply.id
    )
    # In review: not yet the petitioner's.
    assert [a.id for a in await attachments_for_petitioner(p.id)] == [own.id]
    await refused(get_attachment(petitioner, doc.id), ErrorCode.NOT_FOUND)
    await refused(get_attachment(petitioner, staff_photo.id), ErrorCode.NOT_FOUND)
    await sent_after_reply(city, p.id)
    assert [a.id for a in await attachments_for_petitioner(p.id)] == [own.id, doc.id]
    assert (await get_attachment(petitioner, doc.id)).id == doc.id


async def sent_after_reply(city: City, pid: int) -> None:
    await signed_off(city, pid, "SN-CG")
    await handling.review_reply(city.actor("SN", Role.DISPATCHER), pid, T0, approve=True)


async def test_a_reviewer_attaches_files_to_their_own_review_only(db) -> None:
    city = await build_city()
    p = await submit(city)
    await dispatched(city, p.id, "SN-CG")
    await replied(city, p.id, "SN-CG")
    reviewer = city.actor("SN-CG", Role.REVIEWER)
    await handling.review_reply(reviewer, p.id, T0, approve=False, note="政策依据不全")
    review = await Review.get(reviewer_id=reviewer.user_id)
    [doc] = await add_attachments(
        reviewer, p.id, [Upload("意见.pdf", pdf())], T0, review_id=review.id
    )
    assert doc.review_id == review.id and doc.reply_id == review.reply_id  # type: ignore[attr-defined]
    [ev] = [e for e in await events(p.id) if e.action == Action.ATTACH]
    assert ev.payload["attachments"][0]["owner"] == "REVIEW"
    await refused(
        add_attachments(
            city.actor("SN-CG", Role.REVIEWER), p.id, [Upload("x.pdf", pdf())], T0,
            review_id=review.id,
        ),
        ErrorCode.NOT_ALLOWED,
    )
    targets = await attach_targets(reviewer, await Petition.get(id=p.id))
    assert [(t.owner, t.id) for t in targets] == [
        (AttachmentOwner.PETITION, p.id),
        (AttachmentOwner.REVIEW, review.id),
    ]
