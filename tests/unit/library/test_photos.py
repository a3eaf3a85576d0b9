"""Cleaning an uploaded photo, without an app: what comes out is the
pixels alone, upright, no larger than we show, in the format that came in."""
import io

import pytest
from PIL import Image

from planner.library.photos import MAX_EDGE_PX, NotAPhoto, PhotoTooLarge, clean_photo, describe_size

from tests.support.images import encoded, gps_of, jpeg_with_gps, picture, png_claiming

LIMIT = 5 * 1024 * 1024


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


def test_sizes_read_as_people_read_them():
    assert [describe_size(n) for n in (900, 1536, 20_000, 5 * 1024 * 1024)] == ["900 bytes", "1.5 KB", "19.5 KB",
                                                                                "5 MB"]


def test_a_jpeg_loses_its_exif_and_is_turned_upright():
    clean = clean_photo(jpeg_with_gps(size=(80, 40), orientation=6), LIMIT)
    assert (clean.format, clean.mime_type, clean.width, clean.height) == ("JPEG", "image/jpeg", 40, 80)
    assert gps_of(clean.data) == {} and dict(opened(clean.data).getexif()) == {}


def test_a_large_photo_is_scaled_down_keeping_its_shape():
    clean = clean_photo(encoded(picture((3200, 2000)), "JPEG"), LIMIT)
    assert (clean.width, clean.height) == (MAX_EDGE_PX, 1000)


def test_a_palette_png_keeps_its_transparency_and_a_cmyk_jpeg_becomes_rgb():
    png = clean_photo(encoded(picture().convert("P"), "PNG", transparency=0), LIMIT)
    assert opened(png.data).mode == "P" and "transparency" in opened(png.data).info
    cmyk = clean_photo(encoded(picture().convert("CMYK"), "JPEG"), LIMIT)
    assert opened(cmyk.data).mode == "RGB"


def test_an_icc_profile_and_png_text_do_not_travel_on():
    from PIL import PngImagePlugin

    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", "taken at 12 Home Street")
    clean = clean_photo(encoded(picture(), "PNG", pnginfo=text, icc_profile=b"\0" * 128), LIMIT)
    assert b"Home Street" not in clean.data and "icc_profile" not in opened(clean.data).info


@pytest.mark.parametrize("data, refusal", [
    (b"", NotAPhoto), (encoded(picture(), "GIF"), NotAPhoto), (encoded(picture(), "TIFF"), NotAPhoto),
    (png_claiming(8000, 8000), PhotoTooLarge), (png_claiming(100_000, 100_000), PhotoTooLarge),
])
def test_what_is_no_photo_or_too_large_is_refused(data, refusal):
    with pytest.raises(refusal):
        clean_photo(data, LIMIT)


def test_more_bytes_than_the_limit_are_refused_before_decoding():
    with pytest.raises(PhotoTooLarge, match="at most 1 KB"):
        clean_photo(b"\0" * 2048, 1024)
