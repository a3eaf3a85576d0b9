"""Real image files for upload tests, made with Pillow: photos with GPS
in their EXIF, other formats under an image's name, damaged files."""
from __future__ import annotations

import io
import random
import struct
import zlib

from PIL import ExifTags, Image

# Somewhere in Vienna, as a phone writes it: degrees, minutes, seconds.
GPS = {ExifTags.GPS.GPSLatitudeRef: "N", ExifTags.GPS.GPSLatitude: (48.0, 12.0, 30.0),
       ExifTags.GPS.GPSLongitudeRef: "E", ExifTags.GPS.GPSLongitude: (16.0, 22.0, 10.0)}


def picture(size=(64, 48), mode="RGB", noise=False) -> Image.Image:
    """A gradient (or random noise, which no encoder can shrink)."""
    width, height = size
    if noise:
        rng = random.Random(7)
        return Image.frombytes(mode, size, bytes(rng.getrandbits(8) for _ in range(width * height * len(mode))))
    image = Image.new(mode, size)
    image.putdata([((x * 4) % 256, (y * 4) % 256, 128, 255)[:len(mode)] for y in range(height) for x in range(width)])
    return image


def encoded(image: Image.Image, format: str, **options) -> bytes:
    out = io.BytesIO()
    image.save(out, format, **options)
    return out.getvalue()


def jpeg_with_gps(size=(64, 48), orientation: int | None = None) -> bytes:
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "PhoneMaker"
    exif[ExifTags.Base.Model] = "Phone 12"
    exif[ExifTags.Base.BodySerialNumber] = "SN-1234567"
    exif[ExifTags.IFD.GPSInfo] = GPS
    if orientation:
        exif[ExifTags.Base.Orientation] = orientation
    return encoded(picture(size), "JPEG", exif=exif, quality=90)


def gps_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


def png_claiming(width: int, height: int) -> bytes:
    """A PNG whose header claims this size, with a few bytes of pixels: what
    a decompression bomb looks like before it is decoded."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)  # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
            + chunk(b"IEND", b""))


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
TEXT = b"This is a note, not a photo.\n"
