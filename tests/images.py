"""Files for the attachment tests, made on the spot with Pillow."""

from __future__ import annotations

import io

from PIL import ExifTags, Image

# 36°04'12"N 120°22'48"E: a spot in 市南区.
SITE = {1: "N", 2: (36.0, 4.0, 12.0), 3: "E", 4: (120.0, 22.0, 48.0)}
SITE_LAT, SITE_LNG = 36.07, 120.38


def jpeg(gps: bool = True, size: tuple[int, int] = (800, 600), orientation: int = 1) -> bytes:
    """A phone-like photo: camera make, orientation and (unless told not to) a GPS position."""
    img = Image.new("RGB", size, (30, 120, 200))
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "TestPhone"
    exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.IFD.GPSInfo] = SITE
    out = io.BytesIO()
    img.save(out, "JPEG", exif=exif)
    return out.getvalue()


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGBA", (40, 30), (200, 10, 10, 128)).save(out, "PNG")
    return out.getvalue()


def pdf() -> bytes:
    return (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )


FAKE_JPEG = "这不是照片，只是一段文字。".encode()


def exif_of(data: bytes) -> Image.Exif:
    return Image.open(io.BytesIO(data)).getexif()
