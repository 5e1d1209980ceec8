"""images.renditions: the plan of files for a photo (pure arithmetic)."""

from hypothesis import given
from hypothesis import strategies as st

from images.renditions import SETS, Source, crop_box, plan, plan_key, plan_set

TOKEN = "ab" * 16


def widths(source: Source, set_name: str, format: str = "JPEG") -> list[int]:
    return [r.width for r in plan_set(source, SETS[set_name]) if r.format == format]


def test_a_large_photo_gets_every_width_in_webp_and_jpeg():
    source = Source(TOKEN, 6000, 4000)
    assert widths(source, "full") == widths(source, "full", "WEBP") == [320, 640, 960, 1280, 1920]
    assert widths(source, "teaser") == [320, 640, 960]
    assert [(r.width, r.height, r.format) for r in plan_set(source, SETS["share"])] == [(1200, 675, "JPEG")]


def test_a_small_photo_is_never_upscaled():
    source = Source(TOKEN, 800, 600)
    assert widths(source, "full") == [320, 640, 800]
    assert all(r.width <= 800 for r in plan(source))
    tiny = Source(TOKEN, 200, 150)
    assert widths(tiny, "full") == [200] and widths(tiny, "share") == [200]


def test_a_transparent_photo_falls_back_to_png():
    assert {r.format for r in plan(Source(TOKEN, 1000, 800, has_alpha=True))} == {"WEBP", "PNG"}


def test_a_crop_keeps_the_focal_point_in_view_as_far_as_the_edges_allow():
    # A wide photo cropped to 3:2 around a point near its right edge.
    assert crop_box(Source(TOKEN, 3000, 1000, focal_x=90), (3, 2)) == (1500, 0, 3000, 1000)
    assert crop_box(Source(TOKEN, 3000, 1000, focal_x=50), (3, 2)) == (750, 0, 2250, 1000)
    assert crop_box(Source(TOKEN, 1000, 3000, focal_y=0), (16, 9)) == (0, 0, 1000, 562)


@given(
    width=st.integers(1, 9000), height=st.integers(1, 9000), fx=st.integers(0, 100), fy=st.integers(0, 100)
)
def test_every_crop_is_inside_the_photo_and_has_its_ratio(width, height, fx, fy):
    source = Source(TOKEN, width, height, fx, fy)
    for ratio in [(3, 2), (16, 9)]:
        left, top, right, bottom = crop_box(source, ratio)
        assert 0 <= left < right <= width and 0 <= top < bottom <= height
        assert right - left == width or bottom - top == height
    for rendition in plan(source):
        assert 1 <= rendition.width <= width and 1 <= rendition.height <= height


def test_moving_the_focal_point_renames_the_crops_only():
    before, after = Source(TOKEN, 3000, 2000, 50, 50), Source(TOKEN, 3000, 2000, 20, 50)
    changed = {r.name for r in plan(before)} ^ {r.name for r in plan(after)}
    assert changed and all("-3x2-" in name or "-16x9-" in name for name in changed)
    assert plan_key(before) != plan_key(after)


def test_names_carry_the_token_and_nothing_the_user_chose():
    for rendition in plan(Source(TOKEN, 3000, 2000)):
        assert rendition.name.startswith(f"renditions/ab/{TOKEN}/")
