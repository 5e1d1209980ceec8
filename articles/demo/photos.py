"""
Demo photos, drawn with Pillow when the demo loads: no downloads, no image
files in the repository. Each is a small landscape (sky, light, a far shore
or treeline, water or land, a subject, film grain) made from a seed, so the
same story always gets the same picture, and its alt text says what was drawn.
"""

from __future__ import annotations

import datetime
import io
import random
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter

SIZE = (1600, 1067)

SKIES = {
    "morning": ((148, 178, 214), (236, 214, 190), "a pale morning sky"),
    "overcast": ((128, 136, 146), (196, 198, 200), "a grey overcast sky"),
    "dusk": ((52, 62, 104), (232, 146, 92), "an orange evening sky"),
    "winter": ((170, 186, 204), (226, 232, 238), "a cold white winter sky"),
}


@dataclass(frozen=True)
class DemoPhoto:
    title: str
    scene: str  # sea, forest, base, border, harbour
    sky: str
    caption: str
    credit: str = ""
    credit_source: str = ""  # a source's slug, when the photo came from one
    place: str = ""  # where it was taken (a place slug), shown only if show_taken
    taken_on: str = ""  # YYYY-MM-DD
    show_taken: bool = False
    focal: tuple[int, int] = (50, 50)
    after_paragraph: int = 0  # 0: the lead photo; n: placed in the body after paragraph n

    @property
    def taken_date(self) -> datetime.date | None:
        return datetime.date.fromisoformat(self.taken_on) if self.taken_on else None


def _gradient(size, top, bottom) -> Image.Image:
    width, height = size
    column = Image.new("RGB", (1, height))
    for y in range(height):
        t = y / max(1, height - 1)
        column.putpixel((0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)))
    return column.resize(size)


def _ridge(rng: random.Random, width: int, base: int, roughness: int) -> list[tuple[int, int]]:
    """A far shore or treeline: a random walk, smoothed."""
    points, y = [], base
    for x in range(0, width + 40, 40):
        y = max(base - roughness, min(base + roughness, y + rng.randint(-roughness // 3, roughness // 3)))
        points.append((x, y))
    return points


def _conifer(draw: ImageDraw.ImageDraw, x: int, ground: int, height: int, colour) -> None:
    for tier in range(3):
        top = ground - height + tier * height // 4
        half = height // 5 + tier * height // 10
        draw.polygon([(x, top), (x - half, top + height // 2), (x + half, top + height // 2)], fill=colour)
    draw.rectangle((x - 3, ground - height // 6, x + 3, ground), fill=(50, 38, 30))


def _ship(draw: ImageDraw.ImageDraw, x: int, waterline: int, length: int) -> None:
    grey = (92, 98, 106)
    draw.polygon([(x, waterline - 30), (x + length, waterline - 30), (x + length - 40, waterline + 10),
                  (x + 30, waterline + 10)], fill=grey)
    draw.rectangle((x + length * 0.35, waterline - 90, x + length * 0.65, waterline - 30), fill=(110, 116, 124))
    draw.rectangle((x + length * 0.45, waterline - 150, x + length * 0.5, waterline - 90), fill=(80, 86, 94))
    draw.rectangle((x + length * 0.4, waterline - 112, x + length * 0.6, waterline - 104), fill=(70, 76, 84))


def _buildings(rng: random.Random, draw: ImageDraw.ImageDraw, ground: int, width: int) -> None:
    x = rng.randint(40, 200)
    while x < width - 200:
        w, h = rng.randint(160, 320), rng.randint(90, 200)
        wall = tuple(rng.randint(120, 170) for _ in range(3))
        draw.rectangle((x, ground - h, x + w, ground), fill=wall)
        draw.polygon([(x - 10, ground - h), (x + w // 2, ground - h - 40), (x + w + 10, ground - h)], fill=(70, 60, 56))
        for wx in range(x + 18, x + w - 24, 36):
            draw.rectangle((wx, ground - h + 30, wx + 16, ground - h + 52), fill=(52, 58, 66))
        x += w + rng.randint(60, 200)


def _vehicle(draw: ImageDraw.ImageDraw, x: int, ground: int) -> None:
    green = (74, 82, 58)
    draw.rounded_rectangle((x, ground - 70, x + 220, ground - 20), radius=12, fill=green)
    draw.rectangle((x + 60, ground - 105, x + 150, ground - 70), fill=(66, 74, 52))
    draw.rectangle((x + 150, ground - 95, x + 260, ground - 88), fill=(60, 66, 48))
    for wheel in range(5):
        draw.ellipse((x + 10 + wheel * 42, ground - 36, x + 46 + wheel * 42, ground), fill=(40, 40, 36))


def _fence_and_tower(draw: ImageDraw.ImageDraw, ground: int, width: int) -> None:
    for x in range(0, width, 60):
        draw.line((x, ground - 110, x, ground), fill=(70, 70, 70), width=4)
    for y in (ground - 100, ground - 70, ground - 40):
        draw.line((0, y, width, y + 6), fill=(110, 110, 110), width=2)
    tx = width * 2 // 3
    draw.rectangle((tx, ground - 420, tx + 16, ground), fill=(80, 74, 66))
    draw.rectangle((tx + 90, ground - 420, tx + 106, ground), fill=(80, 74, 66))
    draw.rectangle((tx - 20, ground - 500, tx + 126, ground - 420), fill=(96, 88, 76))


SUBJECTS = {
    "sea": "a grey naval ship on the water",
    "forest": "a pine forest at the edge of a training field",
    "base": "an armoured vehicle in front of long barrack buildings",
    "border": "a border fence with a watchtower across an open field",
    "harbour": "harbour buildings on the far side of the water",
}


def draw_photo(photo: DemoPhoto, seed: str) -> Image.Image:
    rng = random.Random(seed)
    width, height = SIZE
    top, bottom, _ = SKIES[photo.sky]
    picture = _gradient(SIZE, top, bottom)
    draw = ImageDraw.Draw(picture)
    horizon = round(height * rng.uniform(0.5, 0.6))
    if photo.sky in {"morning", "dusk"}:
        sun_x = rng.randint(width // 5, width * 4 // 5)
        draw.ellipse((sun_x - 50, horizon - 220, sun_x + 50, horizon - 120), fill=(255, 236, 200))
    far = [(0, height), *_ridge(rng, width, horizon, 30), (width, height)]
    draw.polygon(far, fill=tuple(max(0, c - 70) for c in bottom))
    water = photo.scene in {"sea", "harbour"}
    if water:
        ground = horizon + 10
        draw.rectangle((0, ground, width, height), fill=tuple(max(0, c - 60) for c in top))
        for y in range(ground, height, 9):
            shade = tuple(min(255, max(0, c - 40 + rng.randint(-12, 12))) for c in top)
            draw.line((0, y, width, y + rng.randint(-2, 2)), fill=shade, width=2)
    else:
        ground = horizon + 40
        field = (196, 200, 204) if photo.sky == "winter" else (96, 112, 70)
        draw.rectangle((0, ground, width, height), fill=field)
    picture = picture.filter(ImageFilter.GaussianBlur(1.2))  # distance: everything so far is soft
    draw = ImageDraw.Draw(picture)
    if photo.scene == "sea":
        _ship(draw, rng.randint(width // 5, width // 2), ground + 120, rng.randint(520, 700))
    elif photo.scene == "harbour":
        _buildings(rng, draw, ground - 4, width)
    elif photo.scene == "forest":
        for x in range(-20, width + 40, 46):
            _conifer(draw, x + rng.randint(-10, 10), ground + rng.randint(0, 20), rng.randint(260, 380), (34, 58, 40))
    elif photo.scene == "base":
        _buildings(rng, draw, ground + 20, width)
        _vehicle(draw, rng.randint(width // 4, width // 2), height - 140)
    elif photo.scene == "border":
        _fence_and_tower(draw, ground + 160, width)
    grain = Image.effect_noise(SIZE, 18).convert("RGB")
    return Image.blend(picture, grain, 0.06)


def alt_text(photo: DemoPhoto) -> str:
    return f"{SUBJECTS[photo.scene].capitalize()}, under {SKIES[photo.sky][2]}."


def photo_jpeg(photo: DemoPhoto, seed: str) -> bytes:
    out = io.BytesIO()
    draw_photo(photo, seed).save(out, "JPEG", quality=88)
    return out.getvalue()


# By story slug; a story's first photo is its lead photo.
PHOTOS: dict[str, tuple[DemoPhoto, ...]] = {
    "gulf-of-finland-data-cable-damaged": (
        DemoPhoto("Gulf of Finland, patrol ship at dusk", "sea", "dusk",
                  "The Gulf of Finland, where the Gulfnet cable runs between Helsinki and Tallinn.",
                  credit="Elina Virtanen / The Gaze", place="gulf-of-finland", taken_on="2025-10-13",
                  show_taken=True, focal=(45, 60)),
    ),
    "nato-adds-naval-drones-to-baltic-sea-patrols": (
        DemoPhoto("Baltic Sea patrol, morning", "sea", "morning",
                  "An allied patrol ship in the Baltic Sea.",
                  credit_source="allied-maritime-command-press-office", focal=(40, 62)),
        DemoPhoto("Baltic Sea, overcast", "sea", "overcast",
                  "Surface drones will operate alongside crewed ships such as this one.",
                  credit_source="allied-maritime-command-press-office", after_paragraph=2),
    ),
    "swedish-navy-to-lead-baltic-seabed-patrols-from-gotland": (
        DemoPhoto("Gotland coast, naval ship", "sea", "overcast",
                  "A Swedish navy ship off Gotland.", credit="Oskar Lind / The Gaze", focal=(40, 60)),
    ),
    "first-german-battalion-moves-into-rudninkai": (
        DemoPhoto("Rūdninkai training area, pine forest", "forest", "morning",
                  "The Rūdninkai training area south of Vilnius, home of the German brigade's first battalion.",
                  credit="Marta Vaitkutė / The Gaze", place="rudninkai-training-area", taken_on="2025-09-02", show_taken=True),
    ),
    "latvian-brigade-tests-winter-readiness-at-adazi": (
        DemoPhoto("Ādaži base in winter", "base", "winter", "Ādaži military base, north-east of Riga.",
                  credit="Jānis Liepiņš / The Gaze", focal=(40, 75)),
    ),
    "estonia-opens-drone-training-centre-at-tapa": (
        DemoPhoto("Tapa army base", "base", "overcast",
                  "Tapa army base, east of Tallinn, where the drone centre opened.",
                  credit="Kristiina Mets / The Gaze", focal=(40, 75)),
    ),
    "lithuanian-border-guards-log-record-number-of-balloons-from-belarus": (
        DemoPhoto("Border fence and watchtower", "border", "dusk",
                  "The border with Belarus, where most of the balloons crossed.",
                  credit_source="lithuanian-ministry-of-national-defence-press-service", focal=(66, 45)),
    ),
    "lithuanian-drone-maker-opens-factory-in-klaipeda": (
        DemoPhoto("Klaipėda harbour", "harbour", "morning", "The port of Klaipėda.",
                  credit="The Gaze", focal=(50, 55)),
    ),
}
