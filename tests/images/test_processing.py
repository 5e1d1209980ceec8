"""images.processing: what is accepted, what is refused and why, and what a stored original keeps."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageChops, ImageStat

from images import processing
from images.processing import Limits, sanitise, sanitise_upload
from tests.images import crafted

LIMITS = Limits(max_bytes=5 * 1024 * 1024, max_pixels=60_000_000, max_frames=100)


def leaked_secrets(data: bytes) -> list[str]:
    return [name for name, secret in crafted.SECRETS.items() if secret in data]


def metadata_of(data: bytes) -> dict:
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    return {
        "exif": dict(exif),
        "gps": dict(exif.get_ifd(0x8825)),
        "private": dict(exif.get_ifd(0x8769)),
        "xmp": image.info.get("xmp") or image.info.get("XML:com.adobe.xmp"),
        "app13": [marker for marker, _ in getattr(image, "applist", []) if marker == "APP13"],
        "comment": image.info.get("comment"),
        "icc": image.info.get("icc_profile"),
    }


@pytest.mark.parametrize(
    "make", [crafted.secret_jpeg, crafted.secret_png, crafted.secret_webp], ids=["jpeg", "png", "webp"]
)
def test_the_stored_original_keeps_the_colour_profile_and_nothing_else(make):
    data = make()
    assert leaked_secrets(data)  # the crafted file really carries them
    clean = sanitise(data, LIMITS).read()
    assert leaked_secrets(clean) == []
    meta = metadata_of(clean)
    assert meta["exif"] == {} and meta["gps"] == {} and meta["private"] == {}
    assert not meta["xmp"] and not meta["app13"] and not meta["comment"]
    assert meta["icc"] == crafted.srgb_profile()


def test_an_animated_gif_keeps_its_frames_but_not_its_comment():
    data = crafted.gif(5)
    assert crafted.SECRETS["comment"] in data
    clean = sanitise(data, LIMITS)
    assert clean.frames == 5 and Image.open(io.BytesIO(clean.read())).n_frames == 5
    assert crafted.SECRETS["comment"] not in clean.read()


def test_orientation_is_applied_before_the_metadata_goes():
    """A phone photo held upright (EXIF orientation 6) is stored upright, without the tag."""
    clean = sanitise(crafted.secret_jpeg(size=(1200, 800), orientation=6), LIMITS)
    stored = Image.open(io.BytesIO(clean.read()))
    assert (clean.width, clean.height) == stored.size == (800, 1200)
    # The red left third of the scene is now its top third.
    assert stored.getpixel((400, 100))[0] > 180 and stored.getpixel((400, 1100))[0] < 210
    assert 0x0112 not in stored.getexif()


def test_an_unrotated_jpeg_is_stored_at_its_own_quality():
    """Re-encoding with the photo's own quantisation: no visible loss (mean difference under 1 level of 255)."""
    data = crafted.plain("JPEG", (800, 600))
    clean = sanitise(data, LIMITS).read()
    difference = ImageChops.difference(Image.open(io.BytesIO(data)), Image.open(io.BytesIO(clean)))
    assert max(ImageStat.Stat(difference).mean) < 1


def test_the_content_decides_the_format_not_the_name():
    upload = SimpleUploadedFile("holiday.jpg", crafted.plain("PNG"), content_type="image/jpeg")
    clean = sanitise_upload(upload, LIMITS)
    assert clean.format == "PNG" and clean.extension == "png"


@pytest.mark.parametrize("kind", list(crafted.hostile_files()))
def test_hostile_files_are_refused_with_a_reason(kind):
    name, data = crafted.hostile_files()[kind]
    with pytest.raises(ValidationError) as refused:
        sanitise_upload(SimpleUploadedFile(name, data), LIMITS)
    message = " ".join(refused.value.messages)
    assert any(word in message for word in ("empty", "not a JPEG", "damaged", "besides the image")), message


def test_a_decompression_bomb_is_refused_before_it_is_decoded():
    bomb = crafted.pixel_bomb()
    assert len(bomb) < 20_000
    with pytest.raises(ValidationError) as refused:
        sanitise(bomb, LIMITS)
    assert refused.value.messages == [
        "The image is 10000 × 10000 pixels (100 megapixels); the limit is 60 megapixels."
    ]


def test_the_byte_limit_is_named():
    with pytest.raises(ValidationError) as refused:
        sanitise_upload(SimpleUploadedFile("big.jpg", crafted.plain("JPEG")), Limits(1000, 60_000_000, 100))
    assert "the limit is 1000\xa0bytes" in refused.value.messages[0]


def test_the_frame_limit_is_named():
    with pytest.raises(ValidationError) as refused:
        sanitise(crafted.gif(12), Limits(5_000_000, 60_000_000, 10))
    assert refused.value.messages == ["The animation has more than 10 frames; the limit is 10."]


def test_renditions_are_drawn_from_the_crop_at_the_asked_sizes():
    clean = sanitise(crafted.plain("JPEG", (1200, 800)), LIMITS)
    base = processing.open_for_renditions(clean.read(), (1200, 800))
    versions = processing.resized_versions(base, scale=1, box=(0, 0, 400, 800), sizes=[(100, 200), (200, 400)])
    drawn = decoded(processing.encode_rendition(versions[200, 400], "WEBP", None))
    assert drawn.format == "WEBP" and drawn.size == (200, 400)
    assert drawn.getpixel((100, 200))[0] > 180  # the red third
    assert versions[100, 200].size == (100, 200)


def decoded(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))
