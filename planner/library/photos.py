"""Checking and cleaning an uploaded photo: plain bytes in, plain bytes out.

The photo is decoded by Pillow, whatever its name or the Content-Type the
browser claimed, and encoded again from its pixels alone, so nothing of
the original file travels on: no EXIF (a phone's GPS position, its serial
number, the time taken), no ICC profile, no comments, no trailing data.
"""
from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps

# Pillow's name for each format we take -> (file extension, MIME type).
PHOTO_FORMATS = {"JPEG": ("jpg", "image/jpeg"), "PNG": ("png", "image/png"), "WEBP": ("webp", "image/webp")}
ACCEPTED = "PNG, JPEG or WebP"
# A decompression-bomb guard, our product choice: a 50-megapixel phone
# photo decodes to about 150 MB of pixels; anything larger is refused
# before it is decoded (a few kilobytes of PNG can claim gigapixels).
MAX_PIXELS = 50_000_000
# Our product choice: photos are shown at most about 800 CSS pixels wide
# (the library page at 1280 px), so 1600 px covers a 2x screen; larger
# photos are scaled down, which also keeps a practice's storage small.
MAX_EDGE_PX = 1600
JPEG_QUALITY = WEBP_QUALITY = 85  # Pillow's docs: above 95 gains little but size
# Modes each format can store as they are; anything else is converted.
_KEPT_MODES = {"JPEG": ("RGB", "L"), "PNG": ("1", "L", "LA", "P", "RGB", "RGBA"), "WEBP": ("RGB", "RGBA")}


class PhotoTooLarge(Exception):
    """More bytes or pixels than we take (413)."""


class NotAPhoto(Exception):
    """Not a complete PNG, JPEG or WebP image (415)."""


@dataclass(frozen=True)
class CleanPhoto:
    data: bytes
    format: str  # a key of PHOTO_FORMATS
    width: int
    height: int

    @property
    def extension(self) -> str:
        return PHOTO_FORMATS[self.format][0]

    @property
    def mime_type(self) -> str:
        return PHOTO_FORMATS[self.format][1]


def describe_size(size: int) -> str:
    """1536 -> '1.5 KB', 5242880 -> '5 MB': sizes as people read them."""
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= scale:
            return f"{size / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


def too_large_message(size: int | None, max_bytes: int) -> str:
    told = f"is {describe_size(size)}; " if size is not None else "is too large; "
    return f"the photo {told}at most {describe_size(max_bytes)} is accepted. Send a smaller photo."


def clean_photo(data: bytes, max_bytes: int) -> CleanPhoto:
    """The photo's pixels, re-encoded in its own format without metadata,
    turned upright (phones store sideways pixels plus an EXIF note) and
    scaled down to MAX_EDGE_PX. PhotoTooLarge or NotAPhoto otherwise."""
    if len(data) > max_bytes:
        raise PhotoTooLarge(too_large_message(len(data), max_bytes))
    if not data:
        raise NotAPhoto("the file is empty: choose a photo")
    try:
        with warnings.catch_warnings():
            # Pillow's own bomb guard warns below its limit; make it an error.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data), formats=list(PHOTO_FORMATS)) as image:
                if image.width * image.height > MAX_PIXELS:
                    raise PhotoTooLarge(f"the photo is {image.width} × {image.height} pixels; at most "
                                        f"{MAX_PIXELS // 1_000_000} megapixels are accepted")
                return _reencoded(image)
    except (PhotoTooLarge, NotAPhoto):
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PhotoTooLarge(f"the photo has more than {MAX_PIXELS // 1_000_000} megapixels") from None
    except Image.UnidentifiedImageError:
        raise NotAPhoto(f"the file is not a {ACCEPTED} image (whatever its name says)") from None
    except Exception:  # noqa: BLE001
        # A decoder fed a damaged file can fail in many ways (OSError for a
        # truncated file, SyntaxError, ValueError, struct.error...): every
        # one means the same thing to the person who sent it.
        raise NotAPhoto(f"the file is damaged or incomplete: it could not be read as a {ACCEPTED} image") from None


def _reencoded(image: Image.Image) -> CleanPhoto:
    kind = image.format
    if kind not in PHOTO_FORMATS:  # formats= above makes this unreachable; kept as the rule's statement
        raise NotAPhoto(f"the file is not a {ACCEPTED} image")
    if kind == "JPEG":
        # Decode a large JPEG at a reduced scale straight away: less memory.
        image.draft("RGB", (MAX_EDGE_PX, MAX_EDGE_PX))
    image.load()  # a truncated file fails here
    upright = ImageOps.exif_transpose(image) or image
    if upright.mode not in _KEPT_MODES[kind]:
        has_alpha = "A" in upright.getbands() or "transparency" in upright.info
        upright = upright.convert("RGBA" if has_alpha and kind != "JPEG" else "RGB")
    upright.thumbnail((MAX_EDGE_PX, MAX_EDGE_PX), Image.Resampling.LANCZOS)
    clean = _pixels_only(upright)
    out = io.BytesIO()
    if kind == "JPEG":
        clean.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True)
    elif kind == "WEBP":
        clean.save(out, "WEBP", quality=WEBP_QUALITY)
    else:
        clean.save(out, "PNG", optimize=True)
    return CleanPhoto(out.getvalue(), kind, clean.width, clean.height)


def _pixels_only(image: Image.Image) -> Image.Image:
    """A new image with the same pixels (and palette) and nothing else:
    Pillow's encoders write some of `info` (an ICC profile, EXIF) back out."""
    clean = Image.frombytes(image.mode, image.size, image.tobytes())
    if image.mode == "P":
        clean.putpalette(image.getpalette())
        if "transparency" in image.info:
            clean.info["transparency"] = image.info["transparency"]
    return clean
