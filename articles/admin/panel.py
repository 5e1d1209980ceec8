"""The suggestions panel on a story: how each proposal of the analysis reads to the editor."""

import pycountry
from django.db import models

from entities.models import Place, Source

from ..link_checks import unsupported_links
from ..links import link_type_of, link_types
from ..models import Article, SourceAttribution, Suggestion
from ..suggestions import NEW_ENTITY_KEY, open_suggestions
from ..workflow import may_accept

# Each group's title in the panel: a link type's own title, then new entities.
SUGGESTION_GROUPS = {
    **{link_type.key: link_type.title for link_type in link_types()},
    NEW_ENTITY_KEY: "New to the authority file",
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
    if isinstance(item, Suggestion):
        return item.name
    return link_type_of(item).name(item)


def suggestion_label(item) -> str:
    """How a proposal reads in the suggestions panel and in messages."""
    if isinstance(item, Suggestion):
        details = suggestion_details(item.data)
        return f"{item.get_kind_display()}: {item.name}" + (f" ({details})" if details else "")
    return link_type_of(item).label(item)


def suggestion_groups(article: Article, user) -> list[dict]:
    """The open proposals by kind; a new entry ``user`` may not add is shown without its Accept button."""
    groups = []
    for kind, items in open_suggestions(article).items():
        if items:
            rows = [
                {
                    "token": f"{kind}:{item.pk}",
                    "label": suggestion_label(item),
                    "evidence": item.evidence,
                    "may_accept": not isinstance(item, Suggestion) or may_accept(user, item),
                }
                for item in items
            ]
            groups.append({"title": SUGGESTION_GROUPS[kind], "rows": rows})
    return groups


def unsupported_group(article: Article) -> dict | None:
    """The links the text no longer supports, off the public story until the editor keeps or removes each."""
    rows = [
        {
            "token": f"{link_type.key}:{link.pk}",
            "kind": link_type.noun,
            "label": link_type.label(link),
            "evidence": link.evidence,
        }
        for link_type, link in unsupported_links(article)
    ]
    return {"title": "No longer in the text", "rows": rows} if rows else None
