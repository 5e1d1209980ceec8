"""
Which renditions a photo has: pure arithmetic on its size, focal point and token.

The plan is the single answer to "what files exist for this photo, at what
size": ``generate_renditions`` makes exactly these files, and pages build
``srcset`` from the same plan without asking the database or the storage.

Each set is one use on the site. Widths never exceed what the photo (or its
crop) has; a photo narrower than a set's largest width gets one rendition at
its own width instead, so nothing is ever upscaled. A cropped set keeps the
focal point in view and names its files after it, so moving the focal point
makes new files and a cached old crop is never served for the new one; a
set whose ratio is the photo's own shares the full photo's files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

# Bump to regenerate every photo's renditions (``manage.py generate_renditions --missing``).
PLAN_VERSION = 1


@dataclass(frozen=True)
class RenditionSet:
    name: str
    widths: tuple[int, ...]
    ratio: tuple[int, int] | None = None  # None: the photo's own shape
    webp: bool = True  # also in WebP (every set has the JPEG/PNG fallback)


SETS = {
    # Story pages: the lead photo and photos in the body.
    "full": RenditionSet("full", (320, 640, 960, 1280, 1920)),
    # Teasers on the front page, section, tag, search and entity pages.
    "teaser": RenditionSet("teaser", (320, 640, 960), ratio=(3, 2)),
    # og:image, JSON-LD and the ninjs picture: one large JPEG/PNG that every consumer reads.
    "share": RenditionSet("share", (1200,), ratio=(16, 9), webp=False),
}


@dataclass(frozen=True)
class PlannedRendition:
    set: str
    name: str  # the storage name
    width: int
    height: int
    format: str  # Pillow's name: WEBP, JPEG or PNG
    box: tuple[int, int, int, int]  # the crop, in the original's pixels

    @property
    def content_type(self) -> str:
        return {"WEBP": "image/webp", "JPEG": "image/jpeg", "PNG": "image/png"}[self.format]


@dataclass(frozen=True)
class Source:
    """What the plan depends on: the photo's token, size, focal point (percent) and transparency."""

    token: str
    width: int
    height: int
    focal_x: int = 50
    focal_y: int = 50
    has_alpha: bool = False


def crop_box(source: Source, ratio: tuple[int, int] | None) -> tuple[int, int, int, int]:
    """The largest ``ratio`` box inside the photo, centred on the focal point as far as the edges allow."""
    width, height = source.width, source.height
    if ratio is None:
        return (0, 0, width, height)
    aspect = ratio[0] / ratio[1]
    if width / height > aspect:
        crop_width, crop_height = max(1, round(height * aspect)), height
    else:
        crop_width, crop_height = width, max(1, round(width / aspect))
    centre_x, centre_y = width * source.focal_x / 100, height * source.focal_y / 100
    left = min(max(0, round(centre_x - crop_width / 2)), width - crop_width)
    top = min(max(0, round(centre_y - crop_height / 2)), height - crop_height)
    return (left, top, left + crop_width, top + crop_height)


def widths_for(available: int, wanted: tuple[int, ...]) -> list[int]:
    """The wanted widths the photo can fill, plus its own width when it is narrower than the largest."""
    widths = [width for width in wanted if width <= available]
    if available < wanted[-1] and available not in widths:
        widths.append(available)
    return widths


def fallback_format(source: Source) -> str:
    return "PNG" if source.has_alpha else "JPEG"


def plan_set(source: Source, rendition_set: RenditionSet) -> list[PlannedRendition]:
    box = crop_box(source, rendition_set.ratio)
    crop_width, crop_height = box[2] - box[0], box[3] - box[1]
    formats = (["WEBP"] if rendition_set.webp else []) + [fallback_format(source)]
    # Files are named by what they show, not by the set: a 3:2 teaser of a 3:2 photo is the full photo
    # (one file for both); a real crop is named after its ratio and the focal point it was made for.
    whole = box == (0, 0, source.width, source.height)
    crop = "" if whole else f"-{rendition_set.ratio[0]}x{rendition_set.ratio[1]}-f{source.focal_x}x{source.focal_y}"
    folder = f"renditions/{source.token[:2]}/{source.token}"
    planned = []
    for width in widths_for(crop_width, rendition_set.widths):
        height = max(1, round(width * crop_height / crop_width))
        for format in formats:
            extension = {"WEBP": "webp", "JPEG": "jpg", "PNG": "png"}[format]
            planned.append(
                PlannedRendition(rendition_set.name, f"{folder}/{width}w{crop}.{extension}", width, height, format, box)
            )
    return planned


def plan(source: Source) -> list[PlannedRendition]:
    """Every file the photo needs, each once (sets that show the same pixels share files)."""
    files = {r.name: r for rendition_set in SETS.values() for r in plan_set(source, rendition_set)}
    return list(files.values())


def plan_key(source: Source) -> str:
    """A fingerprint of the plan: the photo's renditions are ready when the stored key matches."""
    names = "\n".join(rendition.name for rendition in plan(source))
    return hashlib.sha1(f"{PLAN_VERSION}\n{names}".encode()).hexdigest()
