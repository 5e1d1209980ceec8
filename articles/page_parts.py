"""
A story page's parts, computed when something they show changes, stored on the story.

``Article.page_parts`` holds, as JSON, everything the story page and the API
detail show besides the story's own columns and its coverage: tags, bylines
(and the byline line), the people with their title as of the story's date,
organisations, places, sources (and the sources box's lines), quotes and
corrections. A page view reads them with the story's own row, so it costs
one query however many links the story has, and does no text work.

Visibility is decided the way the querysets decide it, with one twist: time.
A scheduled story goes live with no save (no cron job), so a title read in a
scheduled story carries the moment it becomes public (``from``) and the page
drops it while that moment is still to come. Everything else that changes
what the parts show is a save, and the save refreshes the stories that show
it (see ``signal_handlers``): a link confirmed, rejected or no longer in the
text, a story carrying a role published, unpublished or archived, an entity
renamed, a role or a tag changed. The coverage lists (earlier and later
stories) depend on other stories' status and time, so they are read live, in
one bounded query (``coverage``).

``refresh_page_parts(ids)`` is the one writer; ``story_parts(article)`` the
one reader. A story without parts yet (a database filled by ``bulk_create``,
before ``manage.py refresh_page_parts``) is shown from the same computation
run on the spot, without storing it: the page is right, only slower.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from taggit.models import TaggedItem

from entities.models import Role

from .models import (
    Article,
    Byline,
    Correction,
    CrossReference,
    LinkStatus,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    SourceAttribution,
    StoryRole,
)
from .querysets import GOING_LIVE, published_q

# Bump when the shape changes: stories with older parts are shown from the live computation until refreshed.
VERSION = 1
# How many earlier and later stories a story page and the API detail list, each (newest first).
COVERAGE_LIMIT = 50
# Stories refreshed per round of queries.
BATCH = 500

_CONFIRMED = Q(status=LinkStatus.CONFIRMED)


def _iso(value: datetime.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def join_names(names: list[str]) -> str:
    """["A"] -> "A"; ["A", "B", "C"] -> "A, B and C"."""
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


# How each kind of attribution reads before the source's name: "According to LRT".
ATTRIBUTION_LEADS = {
    SourceAttribution.Kind.ACCORDING_TO: "According to",
    SourceAttribution.Kind.AS_REPORTED_BY: "As reported by",
    SourceAttribution.Kind.REPORTED: "Reported by",
    SourceAttribution.Kind.PRESS_RELEASE: "Press release from",
    SourceAttribution.Kind.STATEMENT: "Statement from",
    SourceAttribution.Kind.INTERVIEW: "Interview with",
    SourceAttribution.Kind.DOCUMENT: "Document from",
    SourceAttribution.Kind.SOCIAL_MEDIA: "Social media post by",
    SourceAttribution.Kind.OTHER: "",
}


def _goes_live_at(status: str, published_at, republish_at) -> datetime.datetime | None:
    """When a story with these values is (or will be) visible to readers; None if it is not set to go live."""
    if status not in GOING_LIVE or published_at is None:
        return None
    return max(published_at, republish_at or published_at)


def _local_date(moment: datetime.datetime | None) -> datetime.date | None:
    if moment is None:
        return None
    return (timezone.localtime(moment) if timezone.is_aware(moment) else moment).date()


def _byline_text(bylines: list[dict], has_photo: bool) -> str:
    groups: dict[str, list[str]] = {}
    for entry in bylines:
        if entry["credit"] == Byline.Credit.PHOTOS and not has_photo:
            continue
        groups.setdefault(Byline.Credit(entry["credit"]).label, []).append(entry["name"])
    text = "; ".join(f"{credit.lower()} by {join_names(names)}" for credit, names in groups.items())
    return text[:1].upper() + text[1:]


def _source_lines(sources: list[dict]) -> list[dict]:
    """One line per source, every way the story drew on it: "According to and as reported by LRT"."""
    order = list(ATTRIBUTION_LEADS)
    lines: dict[int, dict] = {}
    for item in sources:
        line = lines.setdefault(item["id"], {"name": item["name"], "url": item["url"], "kinds": [], "urls": []})
        if item["kind"] not in line["kinds"]:
            line["kinds"].append(item["kind"])
        if item["link"] and item["link"] not in line["urls"]:
            line["urls"].append(item["link"])
    for line in lines.values():
        kinds = sorted(line.pop("kinds"), key=lambda kind: order.index(kind) if kind in order else len(order))
        leads = [lead for lead in dict.fromkeys(ATTRIBUTION_LEADS.get(kind, "") for kind in kinds) if lead]
        line["lead"] = join_names(leads[:1] + [lead.lower() for lead in leads[1:]])
    return list(lines.values())


def _role_candidates(person_ids: set[int]) -> dict[int, list[dict]]:
    """Each person's roles that readers may see now or from a known moment, with that moment.

    A role the desk entered is public (``from`` None); one read in stories is
    public from the moment the first of them goes live, and not at all while
    none is set to go live (see ``querysets.public_role_q``).
    """
    if not person_ids:
        return {}
    carried: dict[int, list[datetime.datetime | None]] = defaultdict(list)
    for role_id, status, published_at, republish_at in StoryRole.objects.filter(
        role__person_id__in=person_ids
    ).values_list("role_id", "article__status", "article__published_at", "article__republish_at"):
        carried[role_id].append(_goes_live_at(status, published_at, republish_at) if status else None)
    roles: dict[int, list[dict]] = defaultdict(list)
    for role in Role.objects.filter(person_id__in=person_ids).select_related("organization").only(
        "person_id", "title", "start_date", "end_date", "organization__name"
    ).order_by("-start_date", "title", "pk"):
        if role.pk in carried:
            moments = [moment for moment in carried[role.pk] if moment is not None]
            if not moments:
                continue
            public_from = _iso(min(moments))
        else:
            public_from = None
        roles[role.person_id].append({"role": role, "from": public_from})
    return roles


def _title_candidates(candidates: list[dict], day: datetime.date | None) -> list[dict]:
    """The roles held on ``day``, the most recently started first (``Person.role_on``'s rule)."""
    held = [c for c in candidates if c["role"].held_on(day)]
    held.sort(key=lambda c: c["role"].start_date or datetime.date.min, reverse=True)
    return [{"title": c["role"].title, "display": c["role"].display_title, "from": c["from"]} for c in held]


def compute_page_parts(article_ids: Iterable[int]) -> dict[int, dict]:
    """The parts of each story in ``article_ids``, in a fixed number of queries per batch."""
    ids = list(dict.fromkeys(article_ids))
    result: dict[int, dict] = {}
    for start in range(0, len(ids), BATCH):
        result.update(_compute_batch(ids[start : start + BATCH]))
    return result


def _compute_batch(ids: list[int]) -> dict[int, dict]:
    stories = {
        pk: (published_at, lead_image_id)
        for pk, published_at, lead_image_id in Article.objects.filter(pk__in=ids).values_list(
            "pk", "published_at", "lead_image_id"
        )
    }
    parts = {
        pk: {
            "v": VERSION, "tags": [], "bylines": [], "people": [], "organizations": [], "places": [],
            "sources": [], "quotes": [], "corrections": [],
        }
        for pk in stories
    }
    if not parts:
        return {}
    ids = list(parts)

    article_type = ContentType.objects.get_for_model(Article)
    for story_id, tag_id, name, slug in (
        TaggedItem.objects.filter(content_type=article_type, object_id__in=ids)
        .order_by("tag__name", "tag__pk")
        .values_list("object_id", "tag_id", "tag__name", "tag__slug")
    ):
        parts[story_id]["tags"].append(
            {"id": tag_id, "name": name, "slug": slug, "url": reverse("tag_detail", args=[slug])}
        )

    for story_id, name, credit in Byline.objects.filter(article_id__in=ids).order_by("position", "pk").values_list(
        "article_id", "name", "credit"
    ):
        parts[story_id]["bylines"].append({"name": name, "credit": credit})

    people = list(
        PersonMention.objects.filter(_CONFIRMED, article_id__in=ids)
        .order_by("person__name", "pk")
        .values_list("article_id", "person_id", "person__name", "person__slug")
    )
    roles = _role_candidates({person_id for _, person_id, _, _ in people})
    for story_id, person_id, name, slug in people:
        parts[story_id]["people"].append({
            "id": person_id, "name": name, "slug": slug, "url": reverse("person_detail", args=[slug]),
            "titles": _title_candidates(roles.get(person_id, []), _local_date(stories[story_id][0])),
        })

    for model, field, key, route in (
        (OrganizationMention, "organization", "organizations", "organization_detail"),
        (PlaceMention, "place", "places", "place_detail"),
    ):
        for story_id, entity_id, name, slug in (
            model.objects.filter(_CONFIRMED, article_id__in=ids)
            .order_by(f"{field}__name", "pk")
            .values_list("article_id", f"{field}_id", f"{field}__name", f"{field}__slug")
        ):
            parts[story_id][key].append({"id": entity_id, "name": name, "slug": slug, "url": reverse(route, args=[slug])})

    for story_id, source_id, name, slug, kind, cue, link in (
        SourceAttribution.objects.filter(_CONFIRMED, article_id__in=ids)
        .order_by("pk")
        .values_list("article_id", "source_id", "source__name", "source__slug", "kind", "cue", "url")
    ):
        parts[story_id]["sources"].append({
            "id": source_id, "name": name, "slug": slug, "url": reverse("source_detail", args=[slug]),
            "kind": kind, "cue": cue, "link": link,
        })

    for story_id, text, speaker_id, speaker_name, speaker_slug, as_read in (
        Quote.objects.filter(_CONFIRMED, article_id__in=ids)
        .order_by("paragraph", "pk")
        .values_list("article_id", "text", "speaker_id", "speaker__name", "speaker__slug", "speaker_name")
    ):
        speaker = (
            {"id": speaker_id, "name": speaker_name, "slug": speaker_slug,
             "url": reverse("person_detail", args=[speaker_slug])}
            if speaker_slug else None
        )
        parts[story_id]["quotes"].append({"text": text, "speaker": speaker, "speaker_name": as_read})

    for story_id, kind, text, created_at in Correction.objects.filter(article_id__in=ids).order_by(
        "created_at", "pk"
    ).values_list("article_id", "kind", "text", "created_at"):
        parts[story_id]["corrections"].append({"kind": kind, "text": text, "created_at": _iso(created_at)})

    for story_id, story_parts_ in parts.items():
        has_photo = stories[story_id][1] is not None
        story_parts_["byline"] = _byline_text(story_parts_["bylines"], has_photo)
        story_parts_["source_lines"] = _source_lines(story_parts_["sources"])
    return parts


def refresh_page_parts(article_ids: Iterable[int]) -> int:
    """Compute and store the parts of these stories (any status); return how many were stored."""
    ids = list(dict.fromkeys(article_ids))
    stored = 0
    for start in range(0, len(ids), BATCH):
        computed = _compute_batch(ids[start : start + BATCH])
        rows = [Article(pk=pk, page_parts=value) for pk, value in computed.items()]
        Article.objects.bulk_update(rows, ["page_parts"], batch_size=100)
        stored += len(rows)
    return stored


# Reading ---------------------------------------------------------------------


@dataclass
class CoverageItem:
    """A story listed in another's coverage: what the page and the API show of it."""

    id: int
    slug: str
    url: str
    headline: str
    published_at: datetime.datetime | None
    relation: str
    anchor_text: str

    @property
    def relation_label(self) -> str:
        return CrossReference.Relation(self.relation).label


@dataclass
class StoryParts:
    """What a story page shows besides its own columns, as readers may see it at ``now``."""

    tags: list[dict]
    bylines: list[dict]
    byline: str
    people: list[dict]
    organizations: list[dict]
    places: list[dict]
    sources: list[dict]
    source_lines: list[dict]
    quotes: list[dict]
    earlier: list[CoverageItem]
    later: list[CoverageItem]
    corrections: list[dict]

    @property
    def authors(self) -> list[str]:
        """The writers' names (no photographers), once each: the JSON-LD's authors."""
        return list(dict.fromkeys(b["name"] for b in self.bylines if b["credit"] != Byline.Credit.PHOTOS))

    @property
    def byline_names(self) -> list[str]:
        return list(dict.fromkeys(b["name"] for b in self.bylines))


def _moment(value: str | None) -> datetime.datetime | None:
    return datetime.datetime.fromisoformat(value) if value else None


def _visible(item: dict, now: datetime.datetime) -> bool:
    return item["from"] is None or datetime.datetime.fromisoformat(item["from"]) <= now


def coverage(article_id: int, now=None, limit: int = COVERAGE_LIMIT) -> tuple[list[CoverageItem], list[CoverageItem]]:
    """The published stories this one reported on earlier, and those that link to it later (newest ``limit`` each).

    Read live, not stored: whether a linked story is public is its own
    status and time, which no save of this story follows (a scheduled story
    goes live, another is unpublished). Two plain queries rather than one with
    a window function: building that one costs the ORM a hundred times more
    than the database takes to answer it, on every story page.
    """
    now = now or timezone.now()
    confirmed = CrossReference.objects.filter(_CONFIRMED)

    def linked(own: str, other: str) -> list[CoverageItem]:
        rows = (
            confirmed.filter(published_q(f"{other}__", now), **{f"{own}_id": article_id})
            .order_by(f"-{other}__published_at", "-pk")
            .values_list("relation", "anchor_text", f"{other}_id", f"{other}__slug", f"{other}__headline", f"{other}__published_at")
        )[:limit]
        return [
            CoverageItem(pk, slug, reverse("article_detail", args=[slug]), headline, published_at, relation, anchor)
            for relation, anchor, pk, slug, headline, published_at in rows
        ]

    return linked("from_article", "to_article"), linked("to_article", "from_article")


def story_parts(article: Article, now=None, *, stored: bool = True) -> StoryParts:
    """The parts as readers see them at ``now``: stored ones when current, else computed here (not stored).

    Previews pass ``stored=False``: a story being edited is shown from its links as they are.
    """
    now = now or timezone.now()
    raw = article.page_parts if stored else None
    if not raw or raw.get("v") != VERSION:
        raw = compute_page_parts([article.pk])[article.pk]
    people = []
    for person in raw["people"]:
        role = next((t for t in person["titles"] if _visible(t, now)), None)
        people.append({**person, "title": role["title"] if role else "", "display_title": role["display"] if role else ""})
    earlier, later = coverage(article.pk, now)
    corrections = [
        {**c, "created_at": _moment(c["created_at"]), "kind_label": Correction.Kind(c["kind"]).label}
        for c in raw["corrections"]
    ]
    return StoryParts(
        tags=raw["tags"],
        bylines=raw["bylines"],
        byline=raw["byline"],
        people=people,
        organizations=raw["organizations"],
        places=raw["places"],
        sources=raw["sources"],
        source_lines=raw["source_lines"],
        quotes=raw["quotes"],
        earlier=earlier,
        later=later,
        corrections=corrections,
    )


# Which stories show what: the stories to refresh when it changes ----------------


def stories_showing_people(person_ids: Iterable[int], *, titles_only: bool = False) -> set[int]:
    """Stories listing these people (with their titles), or quoting them (by name)."""
    ids = list(person_ids)
    if not ids:
        return set()
    stories = set(
        PersonMention.objects.filter(_CONFIRMED, person_id__in=ids).values_list("article_id", flat=True)
    )
    if not titles_only:
        stories |= set(Quote.objects.filter(_CONFIRMED, speaker_id__in=ids).values_list("article_id", flat=True))
    return stories


def stories_showing_entity(entity) -> set[int]:
    """Stories whose parts show the entity's name or address (an organisation's also in people's titles)."""
    from entities.models import Organization, Person, Place, Source

    if isinstance(entity, Person):
        return stories_showing_people([entity.pk])
    if isinstance(entity, Organization):
        holders = Role.objects.filter(organization=entity).values_list("person_id", flat=True)
        mentions = OrganizationMention.objects.filter(_CONFIRMED, organization=entity)
        return set(mentions.values_list("article_id", flat=True)) | stories_showing_people(holders, titles_only=True)
    if isinstance(entity, Place):
        return set(PlaceMention.objects.filter(_CONFIRMED, place=entity).values_list("article_id", flat=True))
    if isinstance(entity, Source):
        return set(SourceAttribution.objects.filter(_CONFIRMED, source=entity).values_list("article_id", flat=True))
    return set()


def stories_showing_roles_read_in(article_id: int) -> set[int]:
    """Stories listing the people whose roles this story carries: their titles wait for it to go live."""
    people = StoryRole.objects.filter(article_id=article_id).values_list("role__person_id", flat=True)
    return stories_showing_people(people, titles_only=True)


def stories_tagged(tag_id: int) -> set[int]:
    article_type = ContentType.objects.get_for_model(Article)
    return set(
        TaggedItem.objects.filter(tag_id=tag_id, content_type=article_type).values_list("object_id", flat=True)
    )
