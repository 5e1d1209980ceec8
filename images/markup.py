"""
The HTML of a photo on the site: ``<picture>`` with a WebP ``srcset`` and a
JPEG/PNG ``<img srcset sizes width height loading>``, and the ``<figure>``
that adds its caption and credit.

Used by the templates (``images`` template tags) and by the story renderer,
which stores the HTML of photos placed in a body; built from the rendition
plan, so it costs no query and no storage call beyond ``storage.url()``.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

from .models import Image
from .renditions import PlannedRendition

# A story column is 40rem wide (the lead photo 52rem on wide screens); phones use the screen's width.
BODY_SIZES = "(min-width: 44rem) 40rem, 100vw"
# The src for browsers without srcset: a middle width.
DEFAULT_WIDTH = 960


def _srcset(image: Image, renditions: list[PlannedRendition]) -> str:
    return ", ".join(f"{image.rendition_url(rendition)} {rendition.width}w" for rendition in renditions)


def picture(
    image: Image,
    set_name: str = "full",
    *,
    sizes: str = BODY_SIZES,
    alt: str | None = None,
    loading: str = "lazy",
    css_class: str = "",
    fetchpriority: str = "",
) -> SafeString:
    """The photo at the widths of ``set_name`` for the browser to choose from.

    Until its renditions exist (a job still running) the clean original is
    shown instead, at its own size; the page never waits for them.
    """
    alt = image.alt_text if alt is None else alt
    extra = format_html(' fetchpriority="{}"', fetchpriority) if fetchpriority else ""
    if not image.renditions_ready:
        return format_html(
            '<img src="{src}" srcset="{src} {w}w" sizes="{sizes}" width="{w}" height="{h}" alt="{alt}" '
            'loading="{loading}" decoding="async" class="{css}"{extra}>',
            src=image.original_url, w=image.width, h=image.height, sizes=sizes, alt=alt, loading=loading,
            css=css_class, extra=extra,
        )
    renditions = image.renditions(set_name)
    webp = [rendition for rendition in renditions if rendition.format == "WEBP"]
    fallback = [rendition for rendition in renditions if rendition.format != "WEBP"]
    default = min(fallback, key=lambda rendition: abs(rendition.width - DEFAULT_WIDTH))
    largest = fallback[-1]
    source = (
        format_html('<source type="image/webp" srcset="{}" sizes="{}">', _srcset(image, webp), sizes) if webp else ""
    )
    return format_html(
        '<picture class="{css}">{source}<img src="{src}" srcset="{srcset}" sizes="{sizes}" width="{w}" height="{h}" '
        'alt="{alt}" loading="{loading}" decoding="async"{extra}></picture>',
        source=source, src=image.rendition_url(default), srcset=_srcset(image, fallback), sizes=sizes,
        w=largest.width, h=largest.height, alt=alt, loading=loading, css=css_class, extra=extra,
    )


def figcaption(image: Image, caption: str | None = None) -> SafeString:
    """Caption, credit and (if the editor chose to show them) the date and place the photo was taken."""
    caption = image.caption if caption in (None, "") else caption
    parts = [
        (format_html("{}", caption), bool(caption)),
        (format_html('<span class="credit">{}</span>', image.credit), bool(image.credit)),
        (format_html('<span class="taken">{}</span>', image.taken_line), bool(image.taken_line)),
    ]
    shown = [(part,) for part, present in parts if present]
    if not shown:
        return SafeString("")
    return format_html("<figcaption>{}</figcaption>", format_html_join(" ", "{}", shown))


def figure(
    image: Image,
    *,
    caption: str | None = None,
    css_class: str = "figure",
    sizes: str = BODY_SIZES,
    loading: str = "lazy",
    fetchpriority: str = "",
) -> SafeString:
    return format_html(
        '<figure class="{}">{}{}</figure>',
        css_class,
        picture(image, "full", sizes=sizes, loading=loading, fetchpriority=fetchpriority),
        figcaption(image, caption),
    )


def share_rendition(image: Image) -> PlannedRendition | None:
    """The one large JPEG/PNG for og:image, JSON-LD and ninjs, when it exists."""
    if not image.renditions_ready:
        return None
    return image.renditions("share")[-1]
