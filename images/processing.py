"""
What happens to a photo's bytes, with Pillow and nothing else: checking an
upload, making the clean original we store, and drawing renditions.

Pure functions of bytes and settings (no database, no storage), so the admin
form, the model, the data migration and the benchmarks share them.

Source protection: nothing Pillow read from a file's metadata is written back.
Every file we store is re-encoded from pixels, with the EXIF orientation
applied first and only the colour profile (ICC) kept; EXIF (GPS, serial
numbers, owner and artist, maker notes), XMP, IPTC, comments and text chunks
are left behind.
"""

from __future__ import annotations

import io
import re
import warnings
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from PIL import Image, ImageOps, ImageSequence, UnidentifiedImageError

# Pillow's own format names; anything else (SVG, HEIC, EPS, PSD, TIFF ...) is refused.
ACCEPTED_FORMATS = ("JPEG", "PNG", "WEBP", "GIF")
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp", "GIF": "gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}

# Markup that has no business inside a photo: the HTML/script half of a polyglot.
_FOREIGN_CONTENT = re.compile(
    rb"<(?:script|html|body|svg|iframe|object|embed|\?php)\b|<!doctype\s+html|javascript:", re.IGNORECASE
)
# Errors Pillow raises on broken or hostile data while reading.
_DECODE_ERRORS = (OSError, SyntaxError, ValueError, EOFError, IndexError, TypeError, KeyError, MemoryError)


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_pixels: int
    max_frames: int

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(settings.IMAGES_MAX_UPLOAD_BYTES, settings.IMAGES_MAX_PIXELS, settings.IMAGES_MAX_FRAMES)


class SanitisedOriginal(ContentFile):
    """The original as we store it: re-encoded without metadata, with what we learnt reading it."""

    def __init__(self, content: bytes, *, format: str, width: int, height: int, has_alpha: bool, frames: int):
        super().__init__(content, name=f"original.{EXTENSIONS[format]}")
        self.format, self.width, self.height = format, width, height
        self.has_alpha, self.frames = has_alpha, frames

    @property
    def extension(self) -> str:
        return EXTENSIONS[self.format]


def _megapixels(pixels: int) -> str:
    return f"{pixels / 1_000_000:.0f} megapixels" if pixels >= 1_000_000 else f"{pixels:,} pixels"


def read_upload(upload, limits: Limits) -> bytes:
    """The upload's bytes, refusing an empty or oversized file before reading it."""
    size = getattr(upload, "size", None)
    if size is None:
        upload.seek(0, io.SEEK_END)
        size = upload.tell()
    if not size:
        raise ValidationError("The file is empty.", code="empty")
    if size > limits.max_bytes:
        raise ValidationError(
            "The file is %(size)s; the limit is %(limit)s.",
            code="too_large",
            params={"size": filesizeformat(size), "limit": filesizeformat(limits.max_bytes)},
        )
    upload.seek(0)
    return upload.read()


def _open(data: bytes) -> Image.Image:
    # The pixel cap below speaks first; Pillow's own bomb check is the backstop.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", Image.DecompressionBombWarning)
        return Image.open(io.BytesIO(data), formats=ACCEPTED_FORMATS)


def _ends_where_the_format_ends(data: bytes, format: str) -> bool:
    """No bytes after the image: a ZIP, PDF or script appended to a photo makes a polyglot."""
    if format == "JPEG":
        # Some cameras pad after the end-of-image marker with zeros.
        return data.rstrip(b"\x00").endswith(b"\xff\xd9")
    if format == "PNG":
        return data.endswith(b"IEND\xaeB`\x82")
    if format == "GIF":
        return data.endswith(b";")
    if format == "WEBP":
        return int.from_bytes(data[4:8], "little") + 8 == len(data)
    return False


def _frame_count(image: Image.Image, limit: int) -> int:
    """Frames, counted one seek at a time so a GIF of a million frames stops at the limit."""
    frames = 1
    try:
        while frames <= limit:
            image.seek(frames)
            frames += 1
    except EOFError:
        pass
    image.seek(0)
    return frames


def check_image(data: bytes, limits: Limits) -> Image.Image:
    """Open ``data`` as a photo we accept, or raise a ``ValidationError`` that says why not.

    The content decides, never the file's name: Pillow may only try the four
    formats we serve. The header is checked against the pixel and frame caps
    before anything is decoded, then the whole file is verified and decoded.
    """
    try:
        image = _open(data)
    except UnidentifiedImageError:
        raise ValidationError(
            "This is not a JPEG, PNG, WebP or GIF image (the file's content decides, not its name).",
            code="format",
        ) from None
    except Image.DecompressionBombError:
        raise ValidationError(
            "The image has too many pixels; the limit is %(limit)s.",
            code="too_many_pixels",
            params={"limit": _megapixels(limits.max_pixels)},
        ) from None
    except _DECODE_ERRORS:
        raise ValidationError("The image is damaged and cannot be read.", code="damaged") from None

    width, height = image.size
    if width * height > limits.max_pixels:
        raise ValidationError(
            "The image is %(width)s × %(height)s pixels (%(pixels)s); the limit is %(limit)s.",
            code="too_many_pixels",
            params={"width": width, "height": height, "pixels": _megapixels(width * height),
                    "limit": _megapixels(limits.max_pixels)},
        )
    try:
        frames = _frame_count(image, limits.max_frames)
        if frames > limits.max_frames:
            raise ValidationError(
                "The animation has more than %(limit)s frames; the limit is %(limit)s.",
                code="too_many_frames",
                params={"limit": limits.max_frames},
            )
        _open(data).verify()
        image = _open(data)
        for frame in ImageSequence.Iterator(image):
            frame.load()
        image.seek(0)
    except ValidationError:
        raise
    except _DECODE_ERRORS:
        raise ValidationError("The image is damaged or incomplete and cannot be read.", code="damaged") from None
    if not _ends_where_the_format_ends(data, format_of(image)) or _FOREIGN_CONTENT.search(data):
        raise ValidationError(
            "The file holds something besides the image (such as a script or another file); "
            "export the photo again and upload that.",
            code="polyglot",
        )
    image.frames = frames
    return image


def has_alpha(image: Image.Image) -> bool:
    return image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or (
        image.mode == "P" and "transparency" in image.info
    )


def _without_metadata(image: Image.Image, icc_profile: bytes | None) -> Image.Image:
    """The pixels with nothing attached but the colour profile (and which palette entry is transparent)."""
    kept = {"icc_profile": icc_profile, "transparency": image.info.get("transparency")}
    image.info = {key: value for key, value in kept.items() if value is not None}
    return image


def _encode_still(image: Image.Image, source: Image.Image, format: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    if format == "JPEG":
        if image is source and source.format == "JPEG":
            # Not rotated: re-use the photo's own quantisation, so storing it costs no visible quality.
            image.save(out, "JPEG", quality="keep", subsampling="keep", icc_profile=icc)
        else:
            image.save(out, "JPEG", quality=95, icc_profile=icc)
    elif format == "PNG":
        image.save(out, "PNG", icc_profile=icc, transparency=image.info.get("transparency"))
    elif format == "WEBP":
        image.save(out, "WEBP", quality=95, method=4, icc_profile=icc or "")
    else:  # a one-frame GIF
        image.save(out, "GIF", transparency=image.info.get("transparency"))
    return out.getvalue()


def _encode_animation(source: Image.Image) -> bytes:
    """Every frame again, with its timing, but no comments, XMP or EXIF."""
    stills, durations = [], []
    for frame in ImageSequence.Iterator(source):
        durations.append(frame.info.get("duration", 100))
        still = frame.convert("RGBA")
        stills.append(_without_metadata(still, None))
    out = io.BytesIO()
    loop = source.info.get("loop", 0)
    if source.format == "GIF":
        stills[0].save(out, "GIF", save_all=True, append_images=stills[1:], duration=durations, loop=loop,
                       disposal=2, optimize=False)
    else:
        stills[0].save(out, "WEBP", save_all=True, append_images=stills[1:], duration=durations, loop=loop,
                       quality=95, method=4)
    return out.getvalue()


def format_of(image: Image.Image) -> str:
    """The format we store it as: a phone's multi-picture JPEG (MPO) is a JPEG of its first picture."""
    return "JPEG" if image.format == "MPO" else image.format


def sanitise(data: bytes, limits: Limits | None = None) -> SanitisedOriginal:
    """Check ``data`` and return the original we store: orientation applied, metadata gone, profile kept."""
    limits = limits or Limits.from_settings()
    source = check_image(data, limits)
    format = format_of(source)
    icc = source.info.get("icc_profile")
    if source.frames > 1 and format in {"GIF", "WEBP"}:
        image, content = source, _encode_animation(source)
    else:
        source.load()
        image = ImageOps.exif_transpose(source) if _is_rotated(source) else source
        _without_metadata(image, icc)
        content = _encode_still(image, source, format, icc)
    width, height = image.size
    return SanitisedOriginal(
        content, format=format, width=width, height=height, has_alpha=has_alpha(image), frames=source.frames
    )


def _is_rotated(image: Image.Image) -> bool:
    return image.getexif().get(0x0112, 1) != 1


def sanitise_upload(upload, limits: Limits | None = None) -> SanitisedOriginal:
    """An uploaded file (form or model) made into the original we store, or a ``ValidationError``."""
    limits = limits or Limits.from_settings()
    return sanitise(read_upload(upload, limits), limits)


# Renditions ------------------------------------------------------------------


def open_for_renditions(data: bytes, largest: tuple[int, int]) -> Image.Image:
    """The stored original decoded for resizing: a JPEG decodes at the smallest scale still at least ``largest``."""
    image = _open(data)
    if image.format == "JPEG":
        image.draft("RGB", largest)
    image.load()
    icc = image.info.get("icc_profile")
    if image.mode == "CMYK":
        image, icc = image.convert("RGB"), None  # a CMYK profile does not describe RGB pixels
    elif has_alpha(image):
        image = image.convert("RGBA")
    elif image.mode != "RGB":
        image = image.convert("RGB")
    image.info = {"icc_profile": icc} if icc else {}
    return image


def resized_versions(
    base: Image.Image, *, scale: float, box: tuple[int, int, int, int], sizes: list[tuple[int, int]]
) -> dict[tuple[int, int], Image.Image]:
    """The crop ``box`` (in original pixels) of ``base`` (the original scaled by ``scale``) at each size.

    Largest first, each drawn from the one before: far cheaper than resampling
    the large decoded original every time, and each step shrinks by at least a third.
    """
    left, top, right, bottom = (round(edge * scale) for edge in box)
    current = base.crop((left, top, right, bottom))
    versions = {}
    for size in sorted(set(sizes), reverse=True):
        current = current.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)
        versions[size] = current
    return versions


def encode_rendition(image: Image.Image, format: str, icc_profile: bytes | None) -> bytes:
    out = io.BytesIO()
    if format == "WEBP":
        image.save(out, "WEBP", quality=80, method=4, icc_profile=icc_profile or "")
    elif format == "PNG":
        image.save(out, "PNG", optimize=True, icc_profile=icc_profile)
    else:
        image.convert("RGB").save(out, "JPEG", quality=82, optimize=True, progressive=True, icc_profile=icc_profile)
    return out.getvalue()
