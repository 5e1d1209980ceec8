"""Photos: rendition sizes and time for a 6000×4000 photo, and a story page's weight (not a test).

    DEBUG=1 .venv/bin/python bench/images.py [--width 6000 --height 4000] [--repeat 3]

Draws a photo-like 6000×4000 JPEG (the demo's scene generator, with grain),
then, in a throwaway SQLite database and media folder: stores it as an
upload is stored (``image_create``: checks, orientation, metadata removed),
times ``generate_renditions`` (the job every new photo gets), lists every
rendition's bytes, and weighs a published story page that leads with it:
the HTML plus the one file a browser fetches for the lead photo, against
the HTML plus the uploaded file served byte for byte (as before the library).
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--width", type=int, default=6000)
    p.add_argument("--height", type=int, default=4000)
    p.add_argument("--repeat", type=int, default=3)
    return p.parse_args(argv)


def setup(folder: Path) -> None:
    os.environ.update(
        DEBUG="1", DATABASE_URL=f"sqlite:///{folder / 'bench.sqlite3'}", MEDIA_ROOT=str(folder / "media"),
        PRIVATE_MEDIA_ROOT=str(folder / "private"), DJANGO_SETTINGS_MODULE="newsroom.settings",
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def camera_jpeg(width: int, height: int) -> bytes:
    from PIL import Image

    from articles.demo import photos

    scene = photos.draw_photo(photos.PHOTOS["gulf-of-finland-data-cable-damaged"][0], "bench").resize((width, height))
    # Detail at every scale, as a real photo has: coarse texture that survives downscaling, and sensor grain.
    texture = Image.effect_noise((width // 6, height // 6), 70).convert("RGB").resize((width, height), Image.BICUBIC)
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    out = io.BytesIO()
    Image.blend(Image.blend(scene, texture, 0.25), grain, 0.1).save(out, "JPEG", quality=92)
    return out.getvalue()


def main(argv=None) -> int:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        setup(Path(folder))
        from django.test import Client

        from articles.models import Article, Section
        from images.models import Rendition
        from images.services import generate_renditions, image_create

        upload = camera_jpeg(args.width, args.height)
        print(f"upload: {args.width}×{args.height} JPEG, {len(upload):,} bytes")
        started = time.perf_counter()
        image = image_create(data=upload, title="Bench", alt_text="A ship at dusk", caption="Bench photo.")
        print(f"stored original (checked, metadata removed): {image.file_size:,} bytes "
              f"in {time.perf_counter() - started:.2f} s")

        timings = []
        for _ in range(args.repeat):
            Rendition.objects.filter(image=image).delete()
            started = time.perf_counter()
            made = generate_renditions(image.pk)
            timings.append(time.perf_counter() - started)
        print(f"generate_renditions: {len(made)} files, median {statistics.median(timings):.2f} s "
              f"(min {min(timings):.2f}, max {max(timings):.2f}, {args.repeat} runs)")
        print(f"{'rendition':<28}{'size':>12}{'bytes':>12}")
        for rendition in Rendition.objects.filter(image=image).order_by("set", "width", "format"):
            name = rendition.file.name.rsplit("/", 1)[1]
            print(f"{name:<28}{f'{rendition.width}×{rendition.height}':>12}{rendition.file_size:>12,}")
        total = sum(Rendition.objects.filter(image=image).values_list("file_size", flat=True))
        print(f"{'all renditions':<40}{total:>12,}")

        image.refresh_from_db()
        section = Section.objects.create(name="News", slug="news")
        story = Article.objects.create(
            headline="A story with a lead photo", body="First paragraph.\nSecond paragraph.", section=section,
            status="published", published_at="2025-01-01T10:00:00Z", lead_image=image,
        )
        html = Client(HTTP_HOST="localhost").get(story.get_absolute_url()).content
        by_name = {r.file.name: r.file_size for r in Rendition.objects.filter(image=image)}

        def picked(css_pixels: int, density: int) -> tuple[str, int]:
            """What a browser with WebP fetches for the lead photo: the smallest full width covering the slot."""
            webp = [r for r in image.renditions("full") if r.format == "WEBP"]
            choice = next((r for r in webp if r.width >= css_pixels * density), webp[-1])
            return choice.name.rsplit("/", 1)[1], by_name[choice.name]

        print(f"\nstory page HTML: {len(html):,} bytes")
        print(f"before (the upload served as is): {len(html) + len(upload):,} bytes")
        for label, css_pixels, density in (("desktop 1x, 832 px slot", 832, 1), ("phone 3x, 375 px", 375, 3),
                                           ("phone 2x, 375 px", 375, 2)):
            name, size = picked(css_pixels, density)
            print(f"after, {label}: HTML + {name} = {len(html) + size:,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
