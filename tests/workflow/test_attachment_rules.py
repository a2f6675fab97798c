"""Attachment rules: type by content, limits naming the field, who sees what."""

from __future__ import annotations

import pytest

from tests.images import FAKE_JPEG, jpeg, pdf, png
from workflow.attachments import (
    AttachmentOwner,
    FileKind,
    Limits,
    check_count,
    check_file,
    petitioner_may_see_attachment,
    sniff,
)
from workflow.enums import ReplyStatus
from workflow.errors import ErrorCode, WorkflowError

LIMITS = Limits(max_image_bytes=1000, max_pdf_bytes=2000, max_files=3, max_pixels=10_000)


def test_the_kind_of_a_file_comes_from_its_first_bytes() -> None:
    assert sniff(jpeg()[:16]) is FileKind.JPEG
    assert sniff(png()[:16]) is FileKind.PNG
    assert sniff(pdf()[:16]) is FileKind.PDF
    assert sniff(b"RIFF\x00\x00\x00\x00WEBPVP8 ") is FileKind.WEBP
    assert sniff(FAKE_JPEG[:16]) is None
    assert sniff(b"<svg xmlns=") is None


def test_a_text_file_named_jpg_is_refused_on_its_field() -> None:
    with pytest.raises(WorkflowError) as err:
        check_file(AttachmentOwner.PETITION, FAKE_JPEG[:16], len(FAKE_JPEG), "photos", LIMITS)
    assert err.value.code is ErrorCode.INVALID_FIELD and err.value.field == "photos"
    assert "照片" in err.value.message


def test_a_pdf_goes_with_a_reply_but_not_with_the_petition() -> None:
    data = pdf()
    assert check_file(AttachmentOwner.REPLY, data[:16], len(data), "files", LIMITS) is FileKind.PDF
    with pytest.raises(WorkflowError) as err:
        check_file(AttachmentOwner.PETITION, data[:16], len(data), "files", LIMITS)
    assert err.value.field == "files"


def test_an_oversize_file_is_refused_with_its_size_and_the_limit() -> None:
    with pytest.raises(WorkflowError) as err:
        check_file(AttachmentOwner.PETITION, jpeg()[:16], 5000, "photos", LIMITS)
    assert err.value.field == "photos" and "不能超过" in err.value.message
    with pytest.raises(WorkflowError):
        check_count(4, "photos", LIMITS)
    check_count(3, "photos", LIMITS)


@pytest.mark.parametrize(
    ("owner", "status", "by_petitioner", "own_petition", "sees"),
    [
        (AttachmentOwner.REPLY, ReplyStatus.SENT, False, True, True),
        (AttachmentOwner.REPLY, ReplyStatus.IN_REVIEW, False, True, False),
        (AttachmentOwner.REPLY, ReplyStatus.REJECTED, False, True, False),
        (AttachmentOwner.REVIEW, ReplyStatus.SENT, False, True, False),
        (AttachmentOwner.PETITION, None, False, True, False),  # staff's photos of the site
        (AttachmentOwner.PETITION, None, True, True, True),  # the petitioner's own
        # A merged petitioner looks at the surviving petition: only its sent reply's files.
        (AttachmentOwner.REPLY, ReplyStatus.SENT, False, False, True),
        (AttachmentOwner.REPLY, ReplyStatus.TAKEN_BACK, False, False, False),
        (AttachmentOwner.REPLY, ReplyStatus.IN_REVIEW, False, False, False),
        (AttachmentOwner.REVIEW, ReplyStatus.SENT, False, False, False),
        (AttachmentOwner.PETITION, None, True, False, False),  # the other petitioner's photo
        (AttachmentOwner.PETITION, None, False, False, False),
    ],
)
def test_a_petitioner_sees_only_sent_reply_files_and_their_own(
    owner: AttachmentOwner,
    status: ReplyStatus | None,
    by_petitioner: bool,
    own_petition: bool,
    sees: bool,
) -> None:
    assert petitioner_may_see_attachment(owner, status, by_petitioner, own_petition) is sees
