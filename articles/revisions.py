"""
Revisions you can read: a story as one django-reversion revision stored it,
and what changed between two of them.

A revision holds the story's row and, followed with it (see ``apps.py``),
its bylines, tags, corrections and every kind of link in the registry
(``links.py``). ``story_at`` reads one back into plain values, loading what
the links point at in one query per kind; ``compare`` says what changed: the
fields side by side, the body as a diff of its paragraphs and words, and the
links, tags and bylines as added, removed or changed.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from dataclasses import dataclass, field

from django.db import models
from django.utils import dateformat, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version
from taggit.models import Tag, TaggedItem

from entities.models import Place

from .links import link_types
from .models import Article, Byline, Correction, LinkStatus, Section
from .rendering import paragraphs_of

# The story's own fields shown side by side, in this order, with their labels.
FIELDS = (
    ("headline", "Headline"),
    ("slug", "Address (slug)"),
    ("standfirst", "Standfirst"),
    ("section_id", "Section"),
    ("dateline_place_id", "Dateline"),
    ("status", "Status"),
    ("published_at", "First published"),
    ("updated_at", "Updated"),
    ("lead_image", "Lead image"),
    ("lead_image_caption", "Caption"),
    ("lead_image_credit", "Credit"),
    ("lead_image_alt", "Alt text"),
)


@dataclass
class StoryAt:
    """A story as one revision holds it."""

    version: Version
    fields: dict[str, str]
    body: str
    # Group title -> {identity: how the link reads}.
    links: dict[str, dict[tuple, str]] = field(default_factory=dict)


def _revision_objects(version: Version) -> dict[type, list[models.Model]]:
    """The objects of the revision ``version`` belongs to, by model (unsaved instances)."""
    objects: dict[type, list[models.Model]] = defaultdict(list)
    for member in version.revision.version_set.all():
        model = member._model
        if model is not None:
            objects[model].append(member._object_version.object)
    return objects


def _local_time(value) -> str:
    return dateformat.format(timezone.localtime(value), "j M Y, H:i") if value else "—"


def _field_values(article: Article) -> dict[str, str]:
    section = Section.objects.filter(pk=article.section_id).values_list("name", flat=True).first()
    dateline = Place.objects.filter(pk=article.dateline_place_id).values_list("name", flat=True).first()
    shown = {
        "section_id": section or "—",
        "dateline_place_id": dateline or "—",
        "status": Article.Status(article.status).label if article.status in Article.Status.values else article.status,
        "published_at": _local_time(article.published_at),
        "updated_at": _local_time(getattr(article, "updated_at", None)),
        "lead_image": article.lead_image.name if article.lead_image else "—",
    }
    return {name: shown.get(name, getattr(article, name, "") or "") for name, _ in FIELDS}


def _with_status(text: str, status: str) -> str:
    return text if status == LinkStatus.CONFIRMED else f"{text} ({status})"


def _story_links(article_id: int, objects: dict[type, list[models.Model]]) -> dict[str, dict[tuple, str]]:
    links: dict[str, dict[tuple, str]] = {}
    for link_type in link_types():
        rows = [row for row in objects.get(link_type.model, []) if link_type.story_id(row) == article_id]
        target_model = link_type.model._meta.get_field(link_type.target_field).related_model
        targets = target_model._default_manager.in_bulk({link_type.target_id(row) for row in rows} - {None})
        described = {}
        for row in rows:
            # What it points at, as it is now (a deleted entity reads as such).
            target = targets.get(link_type.target_id(row))
            if target is None and link_type.target_id(row) is not None:
                described[link_type.identity_of(row)] = _with_status(
                    f"(deleted {target_model._meta.verbose_name})", row.status
                )
                continue
            setattr(row, link_type.target_field, target)
            described[link_type.identity_of(row)] = _with_status(link_type.label(row), row.status)
        links[link_type.title] = described
    tag_ids = [
        item.tag_id for item in objects.get(TaggedItem, []) if item.object_id == article_id
    ]
    tags = Tag.objects.in_bulk(tag_ids)
    links["Tags"] = {(tag_id,): tags[tag_id].name for tag_id in tag_ids if tag_id in tags}
    links["Bylines"] = {
        (byline.name, byline.credit): f"{byline.name} ({byline.get_credit_display().lower()})"
        for byline in objects.get(Byline, [])
        if byline.article_id == article_id
    }
    links["Corrections"] = {
        (correction.pk,): f"{_local_time(correction.created_at)}: {correction.text}"
        for correction in objects.get(Correction, [])
        if correction.article_id == article_id
    }
    return links


def story_at(version: Version) -> StoryAt:
    """The story as the revision of ``version`` (a version of the story) stored it."""
    objects = _revision_objects(version)
    article = version._object_version.object
    return StoryAt(
        version=version,
        fields=_field_values(article),
        body=article.body,
        links=_story_links(article.pk, objects),
    )


def revision_holds_tags(version_id) -> bool:
    """Whether the revision of this version recorded tags (revisions before they were followed did not)."""
    version = Version.objects.filter(pk=version_id).only("revision_id").first()
    if version is None:
        return True
    return Version.objects.get_for_model(TaggedItem).filter(revision_id=version.revision_id).exists()


# Comparing.


@dataclass
class FieldChange:
    label: str
    old: str
    new: str

    @property
    def changed(self) -> bool:
        return self.old != self.new


@dataclass
class LinkChanges:
    title: str
    added: list[str]
    removed: list[str]
    changed: list[tuple[str, str]]
    unchanged: int

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


@dataclass
class Comparison:
    old: StoryAt
    new: StoryAt
    fields: list[FieldChange]
    body_diff: SafeString
    body_changed: bool
    links: list[LinkChanges]


def _words_diff(old: str, new: str) -> SafeString:
    """One paragraph changed: its words, with what went and what came marked."""
    old_words, new_words = old.split(), new.split()
    parts = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old_words, new_words, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(format_html("{}", " ".join(old_words[i1:i2])))
            continue
        if i2 > i1:
            parts.append(format_html("<del>{}</del>", " ".join(old_words[i1:i2])))
        if j2 > j1:
            parts.append(format_html("<ins>{}</ins>", " ".join(new_words[j1:j2])))
    return mark_safe(" ".join(parts))  # noqa: S308 - every part is escaped by format_html


def body_diff(old: str, new: str) -> SafeString:
    """The body as paragraphs: kept ones plain, removed ones struck, added ones marked, changed ones word by word."""
    old_paragraphs, new_paragraphs = paragraphs_of(old), paragraphs_of(new)
    rows = []
    matcher = difflib.SequenceMatcher(None, old_paragraphs, new_paragraphs, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [("same", format_html("{}", text)) for text in old_paragraphs[i1:i2]]
        elif op == "replace" and i2 - i1 == j2 - j1:
            pairs = zip(old_paragraphs[i1:i2], new_paragraphs[j1:j2], strict=True)
            rows += [("changed", _words_diff(a, b)) for a, b in pairs]
        else:
            rows += [("removed", format_html("<del>{}</del>", text)) for text in old_paragraphs[i1:i2]]
            rows += [("added", format_html("<ins>{}</ins>", text)) for text in new_paragraphs[j1:j2]]
    return format_html_join("\n", '<p class="diff-{}">{}</p>', rows)


def compare(old_version: Version, new_version: Version) -> Comparison:
    old, new = story_at(old_version), story_at(new_version)
    links = []
    for title, new_links in new.links.items():
        old_links = old.links.get(title, {})
        links.append(
            LinkChanges(
                title=title,
                added=[text for key, text in new_links.items() if key not in old_links],
                removed=[text for key, text in old_links.items() if key not in new_links],
                changed=[
                    (old_links[key], text) for key, text in new_links.items() if key in old_links and old_links[key] != text
                ],
                unchanged=sum(1 for key, text in new_links.items() if old_links.get(key) == text),
            )
        )
    return Comparison(
        old=old,
        new=new,
        fields=[FieldChange(label, old.fields[name], new.fields[name]) for name, label in FIELDS],
        body_diff=body_diff(old.body, new.body),
        body_changed=old.body != new.body,
        links=links,
    )
