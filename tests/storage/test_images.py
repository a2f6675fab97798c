"""Cleaning photos: every kind of metadata goes, orientation is kept in the pixels."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from storage import LocalStorage, check_key
from storage.images import clean_filename, prepare
from tests.images import SITE_LAT, jpeg
from workflow.attachments import AttachmentOwner, FileKind, Limits
from workflow.errors import WorkflowError

LIMITS = Limits(10**8, 10**8, 9, 10**6)
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/">'
    b"<exif:GPSLatitude>36,4.2N</exif:GPSLatitude></x:xmpmeta>"
)


def _prepare(data: bytes, keep: bool = False):  # type: ignore[no-untyped-def]
    return prepare(AttachmentOwner.PETITION, data, "a.jpg", "photos", LIMITS, keep, 320)


def test_xmp_and_png_text_leave_with_the_exif() -> None:
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, "JPEG", xmp=XMP)
    assert b"GPSLatitude" not in _prepare(out.getvalue()).data
    info = PngInfo()
    info.add_text("Comment", "home address")
    out = io.BytesIO()
    Image.new("RGB", (40, 30)).save(out, "PNG", pnginfo=info)
    cleaned = _prepare(out.getvalue())
    assert cleaned.kind is FileKind.PNG and b"home address" not in cleaned.data


def test_a_sideways_photo_is_turned_upright_before_its_orientation_tag_goes() -> None:
    cleaned = _prepare(jpeg(gps=False, size=(80, 40), orientation=6))
    assert Image.open(io.BytesIO(cleaned.data)).size == (40, 80)


def test_a_position_is_kept_only_when_asked() -> None:
    assert _prepare(jpeg()).lat is None
    assert _prepare(jpeg(), keep=True).lat == pytest.approx(SITE_LAT, abs=1e-3)


def test_too_many_pixels_are_refused_before_decoding() -> None:
    with pytest.raises(WorkflowError) as err:
        _prepare(jpeg(gps=False, size=(2000, 1000)))
    assert err.value.field == "photos"


def test_a_truncated_photo_is_refused_on_its_field() -> None:
    with pytest.raises(WorkflowError) as err:
        _prepare(jpeg()[:200])
    assert err.value.field == "photos"


def test_display_names_lose_paths_and_take_the_real_extension() -> None:
    assert clean_filename("../../etc/passwd.jpg", FileKind.PNG) == "passwd.png"
    assert clean_filename("C:\\照片\\现场.JPG", FileKind.JPEG) == "现场.jpg"
    assert clean_filename("", FileKind.PDF) == "附件.pdf"


def test_storage_keys_cannot_leave_the_directory(tmp_path) -> None:  # type: ignore[no-untyped-def]
    for bad in ("../x", "/etc/passwd", "a/../../b", "A.jpg"):
        with pytest.raises(ValueError):
            check_key(bad)
    assert LocalStorage(tmp_path)._path("p1/ab.jpg") == tmp_path / "p1" / "ab.jpg"
