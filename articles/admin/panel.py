"""The suggestions panel on a story: how each proposal of the analysis reads to the editor."""

import pycountry
from django.db import models
from django.utils import dateformat, timezone
from django.utils.text import Truncator

from entities.models import Place, Source

from ..models import (
    Article,
    CrossReference,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    SourceAttribution,
    Suggestion,
)
from ..suggestions import (
    open_suggestions,
)

SUGGESTION_GROUPS = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "source": "Sources",
    "quote": "Quotes",
    "reference": "Reported earlier",
    "new": "New to the authority file",
}


def country_name(code: str) -> str:
    """ "LV" -> "Latvia"; a code pycountry does not know stays as it is."""
    try:
        country = pycountry.countries.get(alpha_2=code)
    except (KeyError, LookupError):
        country = None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _choice_label(choices: type[models.TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, value.replace("_", " ")))


# How each detail of a proposed new entity reads, in this order (the database
# may store them in any): its label and how its value is shown.
SUGGESTION_DETAILS = {
    "role": ("role", str),
    "place_kind": ("kind", lambda value: _choice_label(Place.Kind, value)),
    "source_kind": ("kind", lambda value: _choice_label(Source.Kind, value)),
    "attribution_kind": ("attribution", lambda value: _choice_label(SourceAttribution.Kind, value).lower()),
    "cue": ("cue", lambda value: f"“{value}”"),
    "organization": ("organisation", str),
    "parent_name": ("in", str),
    "country": ("country", country_name),
}


def suggestion_details(data: dict) -> str:
    """A new entity's proposed details in words: "role: Minister of Defence, country: Latvia"."""
    parts = []
    for key in [*(key for key in SUGGESTION_DETAILS if key in data), *sorted(set(data) - set(SUGGESTION_DETAILS))]:
        if not data[key]:
            continue
        label, show = SUGGESTION_DETAILS.get(key, (key.replace("_", " "), str))
        parts.append(f"{label}: {show(data[key])}")
    return ", ".join(parts)


def suggestion_name(item) -> str:
    """What a proposal is about, in a few words: the revision comments name it."""
    if isinstance(item, PersonMention):
        return item.person.name
    if isinstance(item, OrganizationMention):
        return item.organization.name
    if isinstance(item, PlaceMention):
        return item.place.name
    if isinstance(item, SourceAttribution):
        return item.source.name
    if isinstance(item, Quote):
        return f"“{Truncator(item.text).chars(60)}”"
    if isinstance(item, CrossReference):
        return item.to_article.headline
    return item.name


def suggestion_label(item) -> str:
    """How a proposal reads in the suggestions panel and in messages."""
    if isinstance(item, SourceAttribution):
        return f"{item.source.name} ({item.get_kind_display().lower()}: “{item.cue}”)"
    if isinstance(item, Quote):
        speaker = item.speaker.name if item.speaker else item.speaker_name or "speaker unknown"
        return f"“{Truncator(item.text).chars(90)}” — {speaker}"
    if isinstance(item, CrossReference):
        published = item.to_article.published_at
        when = dateformat.format(timezone.localtime(published), "j M Y") if published else "undated"
        return f"“{item.anchor_text}” → {item.to_article.headline} ({when})"
    if isinstance(item, Suggestion):
        details = suggestion_details(item.data)
        return f"{item.get_kind_display()}: {item.name}" + (f" ({details})" if details else "")
    return suggestion_name(item)


def suggestion_groups(article: Article) -> list[dict]:
    groups = []
    for kind, items in open_suggestions(article).items():
        if items:
            rows = [
                {"token": f"{kind}:{item.pk}", "label": suggestion_label(item), "evidence": item.evidence}
                for item in items
            ]
            groups.append({"title": SUGGESTION_GROUPS[kind], "rows": rows})
    return groups
