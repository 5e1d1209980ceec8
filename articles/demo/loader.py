"""
Load the demo newsroom: the authority file, the stories and their links, and
one account per role.

Only into an empty newsroom: once there is any story, section or authority
file entry, the content is left exactly as the editors made it (``load_demo``
says it skipped). Accounts are only ever added, never changed, each with a
random password. Stories go live through the workflow service, like any
story. The caller owns the transaction.
"""

from __future__ import annotations

import datetime
import secrets
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import models
from django.utils import timezone

from entities.models import Organization, Person, Place, Source
from images.models import Image
from images.services import image_create

from ..models import (
    Article,
    Byline,
    Correction,
    CrossReference,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    Section,
    SourceAttribution,
)
from ..rendering import paragraphs_of
from ..services import article_transition, deferred_rendering, rerender_articles
from .authority import ORGANIZATIONS, PEOPLE, PLACES, SOURCES
from .photos import PHOTOS, DemoPhoto, alt_text, photo_jpeg
from .stories import SECTIONS, STORIES, DemoStory

TEXTS = Path(__file__).resolve().parent / "texts"
NEWSROOM_TZ = ZoneInfo("Europe/Vilnius")
# One account per role (the groups come from the 0013_roles migration).
DEMO_ACCOUNTS = (("reporter", "Reporter"), ("editor", "Editor"), ("admin", "Admin"))


@dataclass
class LoadResult:
    counts: dict[str, int] | None  # None: the newsroom was not empty and nothing was loaded
    accounts: list[tuple[str, str, str | None]]  # (username, role, the new password or None if it existed)
    existing_stories: int = 0


def story_text(slug: str) -> tuple[str, str]:
    """(headline, body) of a demo story: its text file's first line, then one paragraph per line."""
    lines = paragraphs_of((TEXTS / f"{slug}.txt").read_text(encoding="utf-8"))
    return lines[0], "\n".join(lines[1:])


def local_time(value: str) -> datetime.datetime:
    return datetime.datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=NEWSROOM_TZ)


def scheduled_time(now: datetime.datetime, days: int) -> datetime.datetime:
    # Whole hour of the day, so loading twice on the same day changes nothing.
    return (now + datetime.timedelta(days=days)).astimezone(NEWSROOM_TZ).replace(
        hour=9, minute=0, second=0, microsecond=0
    )


def upsert(model: type[models.Model], lookup: dict, values: dict) -> models.Model:
    """Find by ``lookup``, set ``values``; validate and save only when something changed."""
    obj = model._default_manager.filter(**lookup).first()
    if obj is not None and all(getattr(obj, name) == value for name, value in values.items()):
        return obj
    if obj is None:
        obj = model(**lookup)
    for name, value in values.items():
        setattr(obj, name, value)
    obj.full_clean()
    obj.save()
    return obj


def replace(queryset: models.QuerySet, rows: list[tuple[dict, dict]]) -> None:
    """Make ``queryset`` hold exactly ``rows`` (lookup, values): update, add, delete the rest."""
    kept = [upsert(queryset.model, lookup, values).pk for lookup, values in rows]
    queryset.exclude(pk__in=kept).delete()


def load_authority() -> None:
    for row in SECTIONS:
        upsert(Section, {"slug": row["slug"]}, {k: v for k, v in row.items() if k != "slug"})
    for model, rows in ((Place, PLACES), (Organization, ORGANIZATIONS), (Source, SOURCES)):
        for row in rows:
            upsert(model, {"slug": row["slug"]}, _entity_values(model, row))
    for row in PEOPLE:
        person = upsert(Person, {"slug": row["slug"]}, _entity_values(Person, row))
        replace(
            person.roles.all(),
            [
                (
                    {"person": person, "title": title, "start_date": datetime.date.fromisoformat(start)},
                    {
                        "organization": Organization.objects.get(slug=org),
                        "end_date": datetime.date.fromisoformat(end) if end else None,
                    },
                )
                for title, org, start, end in row["roles"]
            ],
        )


def _entity_values(model: type[models.Model], row: dict) -> dict:
    """Field values of an authority row; slugs of related places and organisations become objects."""
    related = {"parent": model, "country": Place, "nationality": Place, "organization": Organization}
    values = {"aliases": "", "description": "", "wikidata_id": ""}
    for name, value in row.items():
        if name in {"slug", "roles"}:
            continue
        values[name] = related[name].objects.get(slug=value) if name in related else value
    return values


def load_story(story: DemoStory, now: datetime.datetime) -> Article:
    headline, body = story_text(story.slug)
    photos = [(photo, load_photo(photo, seed=f"{story.slug}-{i}")) for i, photo in enumerate(PHOTOS.get(story.slug, ()))]
    lead = next((image for photo, image in photos if not photo.after_paragraph), None)
    body = with_photos(body, [(photo.after_paragraph, image) for photo, image in photos if photo.after_paragraph])
    article = upsert(
        Article,
        {"slug": story.slug},
        {
            "headline": headline,
            "standfirst": story.standfirst,
            "body": body,
            "section": Section.objects.get(slug=story.section),
            "dateline_place": Place.objects.get(slug=story.dateline),
            "lead_image": lead,
        },
    )
    article.tags.set(list(story.tags))
    replace(
        article.bylines.all(),
        [({"article": article, "name": name, "credit": credit}, {"position": i})
         for i, (name, credit) in enumerate(story.bylines)],
    )
    return article


def with_photos(body: str, placed: list[tuple[int, Image]]) -> str:
    """The body with a photo line (``[image:N]``) after each given paragraph."""
    paragraphs = body.split("\n")
    for after, image in sorted(placed, key=lambda item: item[0], reverse=True):
        paragraphs.insert(after, f"[image:{image.pk}]")
    return "\n".join(paragraphs)


def load_photo(photo: DemoPhoto, *, seed: str) -> Image:
    """The demo photo in the library, drawn and stored the first time; its description kept up to date."""
    values = {
        "caption": photo.caption,
        "credit": photo.credit,
        "credit_source": Source.objects.get(slug=photo.credit_source) if photo.credit_source else None,
        "alt_text": alt_text(photo),
        "taken_on": photo.taken_date,
        "taken_place": Place.objects.get(slug=photo.place) if photo.place else None,
        "show_taken": photo.show_taken,
        "focal_x": photo.focal[0],
        "focal_y": photo.focal[1],
    }
    image = Image.objects.filter(title=photo.title).first()
    if image is None:
        return image_create(data=photo_jpeg(photo, seed), title=photo.title, **values)
    if photo.credit_source and not photo.credit:
        values["credit"] = values["credit_source"].name
    return upsert(Image, {"pk": image.pk}, values)


def load_links(story: DemoStory, article: Article) -> None:
    """Replace the story's links with exactly the confirmed ones listed for it."""
    confirmed = {"status": "confirmed"}
    for queryset, model, field, slugs in (
        (article.person_mentions.all(), Person, "person", story.people),
        (article.organization_mentions.all(), Organization, "organization", story.organizations),
        (article.place_mentions.all(), Place, "place", story.places),
    ):
        replace(queryset, [({"article": article, field: model.objects.get(slug=s)}, confirmed) for s in slugs])
    replace(
        article.attributions.all(),
        [
            ({"article": article, "source": Source.objects.get(slug=slug), "kind": kind}, {**confirmed, "cue": cue})
            for slug, kind, cue in story.sources
        ],
    )
    paragraphs = article.paragraphs
    replace(
        article.quotes.all(),
        [
            (
                {"article": article, "text": text},
                {
                    **confirmed,
                    "speaker": Person.objects.get(slug=speaker),
                    "cue": cue,
                    "paragraph": next(i for i, p in enumerate(paragraphs, 1) if text in p),
                },
            )
            for speaker, cue, text in story.quotes
        ],
    )
    replace(
        article.outgoing_references.all(),
        [
            (
                {"from_article": article, "to_article": Article.objects.get(slug=slug), "relation": relation},
                {**confirmed, "anchor_text": anchor},
            )
            for relation, slug, anchor in story.references
        ],
    )
    replace(
        article.corrections.all(),
        [({"article": article, "created_at": local_time(when)}, {"text": text}) for when, text in story.corrections],
    )


def publish_story(story: DemoStory, article: Article, now: datetime.datetime) -> None:
    """Through the workflow: published at the story's date, scheduled, or left a draft."""
    comment = "Loaded with the demo newsroom."
    if story.publish_in_days is not None:
        at = scheduled_time(now, story.publish_in_days)
        article_transition(article, to=Article.Status.SCHEDULED, at=at, comment=comment, now=now)
    elif story.status == Article.Status.PUBLISHED and story.published_at:
        article_transition(
            article, to=Article.Status.PUBLISHED, at=local_time(story.published_at), comment=comment, now=now
        )
    elif story.status != Article.Status.DRAFT:
        article_transition(article, to=story.status, comment=comment, now=now)


def date_last_update(story: DemoStory, article: Article) -> None:
    """A corrected demo story was updated when its latest correction was made; the others never were."""
    if article.published_at is None or not story.corrections:
        return
    updated_at = max(local_time(when) for when, _ in story.corrections)
    Article.objects.filter(pk=article.pk).update(updated_at=updated_at)
    article.updated_at = updated_at


def ensure_accounts() -> list[tuple[str, str, str | None]]:
    """One staff account per role; an account that exists is never touched.

    Each new account gets a random password (never a known one), shown once
    by ``load_demo``.
    """
    User = get_user_model()
    accounts = []
    for username, role in DEMO_ACCOUNTS:
        if User.objects.filter(username=username).exists():
            accounts.append((username, role, None))
            continue
        password = secrets.token_urlsafe(12)
        user = User.objects.create_user(username, f"{username}@example.com", password, is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        accounts.append((username, role, password))
    return accounts


def give_owners(articles: list[tuple[DemoStory, Article]]) -> None:
    """The demo's drafts are the reporter's to edit; the rest the editor's."""
    User = get_user_model()
    owners = {user.username: user for user in User.objects.filter(username__in=["reporter", "editor"])}
    for story, article in articles:
        owner = owners.get("reporter" if story.status == Article.Status.DRAFT else "editor")
        Article.objects.filter(pk=article.pk).update(created_by=owner)


def newsroom_is_empty() -> bool:
    """No story, section, photo or authority-file entry: nothing an editor made that a load could overwrite."""
    models_ = (Article, Section, Person, Organization, Place, Source, Image)
    return not any(model.objects.exists() for model in models_)


def load_demo(*, now: datetime.datetime | None = None) -> LoadResult:
    """Load everything into an empty newsroom; each story is rendered once, after all its links exist."""
    now = now or timezone.now()
    accounts = ensure_accounts()
    if not newsroom_is_empty():
        return LoadResult(counts=None, accounts=accounts, existing_stories=Article.objects.count())
    with deferred_rendering():
        load_authority()
        articles = [(story, load_story(story, now)) for story in STORIES]
        # Published before their links: "reported earlier" is checked against publication times.
        for story, article in articles:
            publish_story(story, article, now)
        for story, article in articles:
            load_links(story, article)
        rerender_articles(article.pk for _, article in articles)
    for story, article in articles:
        date_last_update(story, article)
    give_owners(articles)
    return LoadResult(counts=_counts([article.pk for _, article in articles], now), accounts=accounts)


def _counts(ids: list[int], now: datetime.datetime) -> dict[str, int]:
    stories = Article.objects.filter(pk__in=ids)
    of_stories = {"article_id__in": ids}
    return {
        "stories": len(ids),
        "published": stories.published(now=now).count(),
        "sections": len(SECTIONS),
        "places": len(PLACES),
        "organisations": len(ORGANIZATIONS),
        "people": len(PEOPLE),
        "roles": sum(len(row["roles"]) for row in PEOPLE),
        "sources": len(SOURCES),
        "mentions": sum(
            model.objects.filter(**of_stories).count() for model in (PersonMention, OrganizationMention, PlaceMention)
        ),
        "attributions": SourceAttribution.objects.filter(**of_stories).count(),
        "quotes": Quote.objects.filter(**of_stories).count(),
        "cross-references": CrossReference.objects.filter(from_article_id__in=ids).count(),
        "corrections": Correction.objects.filter(**of_stories).count(),
        "bylines": Byline.objects.filter(**of_stories).count(),
    }
