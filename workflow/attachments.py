"""Attachments: which files a petition, reply or review takes, and who may add or see them.

Pure rules: the type of a file is judged by its first bytes, never by its name or by what the
client claims, so a text file named `.jpg` is refused before any decoder touches it.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from workflow.actors import Actor
from workflow.enums import ReplyStatus, Role, Scope, State
from workflow.errors import WorkflowError, invalid, not_allowed


class AttachmentOwner(StrEnum):
    PETITION = "PETITION"
    REPLY = "REPLY"
    REVIEW = "REVIEW"


class FileKind(StrEnum):
    JPEG = "JPEG"
    PNG = "PNG"
    WEBP = "WEBP"
    PDF = "PDF"


CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.JPEG: "image/jpeg",
    FileKind.PNG: "image/png",
    FileKind.WEBP: "image/webp",
    FileKind.PDF: "application/pdf",
}
EXTENSIONS: dict[FileKind, str] = {
    FileKind.JPEG: "jpg",
    FileKind.PNG: "png",
    FileKind.WEBP: "webp",
    FileKind.PDF: "pdf",
}
IMAGES = frozenset({FileKind.JPEG, FileKind.PNG, FileKind.WEBP})

# Photos everywhere; documents (pdf) go with the written answer and its reviews.
ACCEPTED: dict[AttachmentOwner, frozenset[FileKind]] = {
    AttachmentOwner.PETITION: IMAGES,
    AttachmentOwner.REPLY: IMAGES | {FileKind.PDF},
    AttachmentOwner.REVIEW: IMAGES | {FileKind.PDF},
}


def sniff(head: bytes) -> FileKind | None:
    """The kind of a file from its magic bytes, or None when it is none we accept."""
    if head.startswith(b"\xff\xd8\xff"):
        return FileKind.JPEG
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileKind.PNG
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return FileKind.WEBP
    # PDF readers accept the header anywhere in the first KiB; we ask for it first.
    if head.startswith(b"%PDF-"):
        return FileKind.PDF
    return None


def _describe(kinds: frozenset[FileKind]) -> str:
    words = []
    if kinds & IMAGES:
        words.append("照片（JPEG、PNG、WebP）")
    if FileKind.PDF in kinds:
        words.append("PDF 文档")
    return "或".join(words)


@dataclass(frozen=True)
class Limits:
    """Deployment settings (see settings.py), passed in so the rule stays pure."""

    max_image_bytes: int
    max_pdf_bytes: int
    max_files: int
    max_pixels: int


def check_file(
    owner: AttachmentOwner, head: bytes, size: int, field: str, limits: Limits
) -> FileKind:
    """The kind of an upload, or a refusal naming the form or API field it came in."""
    if size <= 0:
        raise invalid(field, "文件是空的，请重新选择")
    kind = sniff(head)
    accepted = ACCEPTED[owner]
    if kind is None or kind not in accepted:
        raise invalid(field, f"只能上传{_describe(accepted)}，该文件的内容不是")
    cap = limits.max_pdf_bytes if kind is FileKind.PDF else limits.max_image_bytes
    if size > cap:
        raise invalid(field, f"文件过大（{_mb(size)}），每个文件不能超过 {_mb(cap)}")
    return kind


def check_count(count: int, field: str, limits: Limits) -> None:
    if count > limits.max_files:
        raise invalid(field, f"一次最多上传 {limits.max_files} 个文件")


def check_pixels(width: int, height: int, field: str, limits: Limits) -> None:
    if width * height > limits.max_pixels:
        raise invalid(field, "图片像素过多，请缩小后再上传")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@dataclass(frozen=True)
class Target:
    """What the upload is attached to, as the rule needs to judge it."""

    owner: AttachmentOwner
    petition_state: State
    petition_id: int
    handling_unit_id: int | None
    submitted_by_key_id: int | None = None
    # For replies: its unit, author and status; for reviews: the reviewer.
    unit_id: int | None = None
    author_id: int | None = None
    reply_status: ReplyStatus | None = None


def attach_refusal(actor: Actor, target: Target) -> WorkflowError | None:
    """Who may add files. The petition must already be visible to the actor (the caller loads
    it through the visibility scope, which gives a petitioner only the petitions raised with
    their phone); this decides the rest.

    - to a petition while it is open: staff who see it, the petitioner of it, the machine
      client that submitted it, or a department system handling it;
    - to a reply while it is in review: its author or a handler of its unit;
    - to a review: only the reviewer who wrote it.
    """
    if target.owner is AttachmentOwner.PETITION:
        if target.petition_state is State.CLOSED:
            return not_allowed("诉求已办结，不能再添加附件")
        if actor.has(Role.PETITIONER):
            return None  # their own: the caller found it through the petitioner's phone
        if actor.is_machine:
            own = target.submitted_by_key_id == actor.api_key_id
            handles = (
                Scope.PETITION_HANDLE in actor.scopes
                and target.handling_unit_id == actor.unit.id
            )
            return None if own or handles else not_allowed("该客户端不能为此诉求添加附件")
        return None if actor.user_id is not None else not_allowed()
    if target.owner is AttachmentOwner.REPLY:
        if target.reply_status is not ReplyStatus.IN_REVIEW:
            return not_allowed("只能在答复审核期间为答复添加附件")
        if actor.user_id is not None and actor.user_id == target.author_id:
            return None
        if actor.unit.id == target.unit_id and actor.has(Role.HANDLER):
            return None
        return not_allowed("只有答复的经办人可以为答复添加附件")
    if actor.user_id is not None and actor.user_id == target.author_id:
        return None
    return not_allowed("只有审核人本人可以为审核意见添加附件")


def petitioner_may_see_attachment(
    owner: AttachmentOwner,
    reply_status: ReplyStatus | None,
    by_petitioner: bool,
    own_petition: bool = True,
) -> bool:
    """The petitioner's view (一个门出): their own files, and the files of a reply the
    platform approved and sent. Never files of replies in review, rejected or taken back, nor
    of reviews, nor staff's photos of the petition.

    `own_petition` is False for the petition a merged petitioner's petition was merged into:
    they follow its sent replies, so they get those replies' files, but never the photos its
    own petitioner took."""
    if by_petitioner and own_petition:
        return True
    return owner is AttachmentOwner.REPLY and reply_status is ReplyStatus.SENT
