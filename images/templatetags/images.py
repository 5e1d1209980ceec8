"""Photos in templates: ``{% picture %}``, ``{% figure %}`` and ``{% share_image %}``; no queries of their own."""

from django import template

from .. import markup

register = template.Library()


@register.simple_tag
def picture(image, set_name="full", *, sizes=markup.BODY_SIZES, loading="lazy", css_class="", fetchpriority=""):
    return markup.picture(
        image, set_name, sizes=sizes, loading=loading, css_class=css_class, fetchpriority=fetchpriority
    )


@register.simple_tag
def figure(image, *, caption=None, css_class="figure", sizes=markup.BODY_SIZES, loading="lazy", fetchpriority=""):
    return markup.figure(
        image, caption=caption, css_class=css_class, sizes=sizes, loading=loading, fetchpriority=fetchpriority
    )


@register.simple_tag(takes_context=True)
def share_image(context, image) -> dict | None:
    """The large picture for og:image and JSON-LD: ``{url, width, height, type}`` with an absolute url."""
    rendition = markup.share_rendition(image) if image else None
    if rendition is None:
        return None
    url = image.rendition_url(rendition)
    request = context.get("request")
    return {
        "url": request.build_absolute_uri(url) if request else url,
        "width": rendition.width,
        "height": rendition.height,
        "type": rendition.content_type,
    }
