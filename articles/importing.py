"""
Importing story files: UTF-8 text, the first non-empty line the headline and
each following non-empty line a paragraph. A file either imports whole or
leaves nothing behind.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import reversion
from django.db import transaction
from django.utils import timezone

from .models import HEADLINE_MAX_LENGTH, Article, Section, unique_article_slug
from .services import article_transition, deferred_rendering
from .suggestions import accept_all, analyse_article, authority_batch

MAX_FILE_BYTES = 2 * 1024 * 1024
DEFAULT_SECTION = ("news", "News")


class StoryFileError(Exception):
    """A story file that cannot be imported; the message says why."""


@dataclass(frozen=True)
class StoryText:
    headline: str
    paragraphs: list[str]


def read_story_file(path: Path) -> StoryText:
    try:
        if path.is_dir():
            raise StoryFileError("is a directory, not a story file")
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise StoryFileError(f"is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,})")
        raw = path.read_bytes()
    except FileNotFoundError:
        raise StoryFileError("does not exist") from None
    except PermissionError:
        raise StoryFileError("cannot be read (permission denied)") from None
    except OSError as error:
        raise StoryFileError(f"cannot be read ({error.strerror or error})") from None
    return parse_story_bytes(raw)


def parse_story_bytes(raw: bytes) -> StoryText:
    if b"\x00" in raw:
        raise StoryFileError("looks like a binary file, not UTF-8 text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise StoryFileError(f"is not UTF-8 text (invalid byte at position {error.start})") from None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls:
        raise StoryFileError("looks like a binary file, not UTF-8 text (it contains control characters)")
    lines = [" ".join(line.split()) for line in text.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        raise StoryFileError("is empty")
    headline, paragraphs = lines[0], lines[1:]
    if len(headline) > HEADLINE_MAX_LENGTH:
        raise StoryFileError(
            f"has a headline of {len(headline)} characters; the limit is {HEADLINE_MAX_LENGTH} "
            "(is the first line a paragraph?)"
        )
    if not paragraphs:
        raise StoryFileError("has a headline but no body")
    return StoryText(headline, paragraphs)


def default_section() -> Section:
    section = Section.objects.order_by("position", "pk").first()
    if section is None:
        section, _ = Section.objects.get_or_create(slug=DEFAULT_SECTION[0], defaults={"name": DEFAULT_SECTION[1]})
    return section


def publish_imported(article: Article, published_at: datetime.datetime | None, *, comment: str) -> None:
    """Through the workflow like any story: now, at an archive's original time, or scheduled for a later one."""
    now = timezone.now()
    if published_at is not None and published_at > now:
        article_transition(article, to=Article.Status.SCHEDULED, at=published_at, comment=comment, now=now)
    else:
        article_transition(article, to=Article.Status.PUBLISHED, at=published_at, comment=comment, now=now)


def import_story(
    path: Path,
    *,
    section: Section | None = None,
    publish: bool = False,
    published_at: datetime.datetime | None = None,
    accept_suggestions: bool = False,
) -> Article:
    """Import one file in its own transaction: the story, its analysis and, if asked, its links."""
    story = read_story_file(path)
    comment = f"Imported from {path.name}" + (" with its suggestions accepted" if accept_suggestions else "")
    # The revision closes last, so it records the story as rendered with its links.
    with transaction.atomic(), reversion.create_revision(), deferred_rendering(), authority_batch():
        reversion.set_comment(comment)
        article = Article(
            headline=story.headline,
            slug=unique_article_slug(story.headline),
            body="\n".join(story.paragraphs),
            section=section or default_section(),
        )
        article.full_clean()
        article.save()
        analyse_article(article)
        if accept_suggestions:
            accept_all(article)
        if publish:
            publish_imported(article, published_at, comment=comment)
        reversion.add_to_revision(article)
    article.refresh_from_db()
    return article
