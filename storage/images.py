"""Turning an upload into what is stored: checked, cleaned, with a thumbnail.

Photos are decoded and written again, so nothing of the original file's metadata survives
except what we choose to keep: phones write the place a photo was taken (EXIF GPS) into it,
which would tell anyone who sees the file where the petitioner lives. Only when the uploader
marks the photo as taken at the site is its position kept (and only the position).
CPU-bound: callers run `prepare` in a thread.
"""

from __future__ import annotations

import hashlib
import io
import warnings
from dataclasses import dataclass
from typing import Any

from PIL import ExifTags, Image, ImageOps, UnidentifiedImageError

from workflow.attachments import (
    CONTENT_TYPES,
    EXTENSIONS,
    AttachmentOwner,
    FileKind,
    Limits,
    check_file,
    check_pixels,
)
from workflow.errors import invalid

_FORMATS = {FileKind.JPEG: "JPEG", FileKind.PNG: "PNG", FileKind.WEBP: "WEBP"}
_GPS = ExifTags.IFD.GPSInfo


@dataclass(frozen=True)
class Prepared:
    """An upload ready to store."""

    kind: FileKind
    content_type: str
    filename: str
    data: bytes
    sha256: str
    thumbnail: bytes | None
    lat: float | None
    lng: float | None


def clean_filename(name: str, kind: FileKind) -> str:
    """A display name only (never a storage path): no directories, no control characters,
    and the extension of what the file really is."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '"<>|:*?')
    stem = base.rsplit(".", 1)[0].strip() or "附件"
    return f"{stem[:120]}.{EXTENSIONS[kind]}"


def _degrees(value: Any) -> float:
    d, m, s = (float(x) for x in value)
    return d + m / 60 + s / 3600


def gps_position(exif: Image.Exif) -> tuple[float, float] | None:
    """(lat, lng) from a photo's EXIF GPS block, or None when absent or unreadable."""
    gps = exif.get_ifd(_GPS)
    try:
        lat, lng = _degrees(gps[2]), _degrees(gps[4])
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if str(gps.get(1, "N")).upper().startswith("S"):
        lat = -lat
    if str(gps.get(3, "E")).upper().startswith("W"):
        lng = -lng
    if not (-90 <= lat <= 90 and -180 <= lng <= 180):
        return None
    return round(lat, 7), round(lng, 7)


def _open(data: bytes, field: str, limits: Limits) -> Image.Image:
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            img = Image.open(io.BytesIO(data))
            check_pixels(img.width, img.height, field, limits)
            img.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, EOFError):
        raise invalid(field, "图片已损坏或无法识别，请重新拍摄或选择") from None
    except (Image.DecompressionBombWarning, Image.DecompressionBombError):
        raise invalid(field, "图片像素过多，请缩小后再上传") from None
    return img


def _encode(img: Image.Image, kind: FileKind, exif: Image.Exif | None, icc: Any) -> bytes:
    out = io.BytesIO()
    options: dict[str, Any] = {}
    if icc:
        options["icc_profile"] = icc
    if exif is not None:
        options["exif"] = exif
    if kind is FileKind.JPEG:
        if img.mode not in ("RGB", "L"):
            img = img.convert("RGB")
        options.update(quality=90, optimize=True)
    img.save(out, _FORMATS[kind], **options)
    return out.getvalue()


def _thumbnail(img: Image.Image, px: int) -> bytes:
    thumb = img.copy()
    thumb.thumbnail((px, px))
    if thumb.mode not in ("RGB", "L"):
        background = Image.new("RGB", thumb.size, "white")
        background.paste(thumb, mask=thumb.getchannel("A") if "A" in thumb.getbands() else None)
        thumb = background
    out = io.BytesIO()
    thumb.save(out, "JPEG", quality=80)
    return out.getvalue()


def prepare(
    owner: AttachmentOwner,
    data: bytes,
    filename: str,
    field: str,
    limits: Limits,
    keep_location: bool,
    thumbnail_px: int,
) -> Prepared:
    kind = check_file(owner, data[:16], len(data), field, limits)
    if kind is FileKind.PDF:
        return Prepared(
            kind,
            CONTENT_TYPES[kind],
            clean_filename(filename, kind),
            data,
            hashlib.sha256(data).hexdigest(),
            None,
            None,
            None,
        )
    img = _open(data, field, limits)
    original = img.getexif()
    position = gps_position(original) if keep_location else None
    kept: Image.Exif | None = None
    if position is not None:
        kept = Image.Exif()
        kept[_GPS] = original.get_ifd(_GPS)
    icc = img.info.get("icc_profile")
    # The orientation tag goes with the rest of the metadata: turn the pixels instead.
    upright = ImageOps.exif_transpose(img)
    stored = _encode(upright, kind, kept, icc)
    return Prepared(
        kind,
        CONTENT_TYPES[kind],
        clean_filename(filename, kind),
        stored,
        hashlib.sha256(stored).hexdigest(),
        _thumbnail(upright, thumbnail_px),
        position[0] if position else None,
        position[1] if position else None,
    )
