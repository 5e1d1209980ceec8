"""
Writes that touch several models: rendering a story with its links,
re-rendering the stories a change affects, and moving a story through the
workflow. Called alike by the admin, the commands and the signal handlers.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from images.markup import figure
from images.models import Image

from .cache_purging import story_rendered
from .inline_images import InlineImage as PlacedImage
from .inline_images import Placeholders
from .links import mention_types
from .models import TEXT_FIELDS, Article, ArticleTransition, CrossReference, InlineImage, LinkStatus
from .page_parts import refresh_page_parts
from .querysets import GOING_LIVE
from .rendering import LinkTarget, annotate, body_to_safe_html, html_to_text
from .workflow import check_step, first_publication_after, later_than_reported_earlier

_deferred = threading.local()


def _reference_is_linkable(reference: CrossReference) -> bool:
    """Link only to a story that readers can see by the time they can see this one.

    A target that is unpublished renders as plain text (never a dead or leaking
    link); a scheduled target counts if it goes live no later than this story;
    an archived record is still at its address.
    """
    target, source = reference.to_article, reference.from_article
    if target.is_published or target.is_archived_record:
        return True
    return (
        target.goes_live_at is not None
        and source.goes_live_at is not None
        and target.goes_live_at <= source.goes_live_at
    )


def link_targets_for(article: Article) -> list[LinkTarget]:
    """Confirmed cross-references first (they win the words), then the first mention of each entity."""
    targets: list[LinkTarget] = []
    references = (
        article.outgoing_references.confirmed()
        .exclude(anchor_text="")
        .select_related("to_article", "from_article")
        .order_by("pk")
    )
    for reference in references:
        if _reference_is_linkable(reference):
            targets.append(
                LinkTarget(
                    phrases=(reference.anchor_text,),
                    url=reference.to_article.get_absolute_url(),
                    title=reference.to_article.headline,
                    css_class=f"xref xref-{reference.relation.replace('_', '-')}",
                    case_sensitive=False,
                )
            )
    for link_type in mention_types():
        for mention in link_type.of_story(article).confirmed():
            entity = getattr(mention, link_type.target_field)
            targets.append(
                LinkTarget(
                    phrases=tuple(entity.names),
                    url=entity.get_absolute_url(),
                    css_class=f"entity entity-{entity._meta.model_name}",
                )
            )
    return targets


def inline_figures(placed: list[PlacedImage]) -> tuple[list[str], set[int]]:
    """The ``<figure>`` of each photo placed in a body ("" for one not in the library), and the photos found."""
    photos = Image.objects.select_related("taken_place").in_bulk({p.image_id for p in placed}) if placed else {}
    figures = [
        figure(photos[p.image_id], caption=p.caption, css_class="figure figure--inline") if p.image_id in photos
        else ""
        for p in placed
    ]
    return figures, set(photos)


def rendered_body(article: Article) -> tuple[str, str, set[int]]:
    """The stored HTML and plain text of the story's body, and the library photos it places.

    Photo lines are taken out before Markdown and put back as figures after
    the sanitiser and the linking, so neither touches them (see ``inline_images``).
    """
    placeholders = Placeholders.of(article.body)
    safe = body_to_safe_html(placeholders.body)
    targets = link_targets_for(article) if article.pk else []
    figures, photo_ids = inline_figures(placeholders.images)
    body_html = placeholders.insert(annotate(safe, targets), figures)
    return body_html, html_to_text(placeholders.remove(safe)), photo_ids


def sync_inline_images(article_id: int, photo_ids: set[int]) -> None:
    """Record which photos the body places, so a photo knows the stories that show it."""
    stored = set(InlineImage.objects.filter(article_id=article_id).values_list("image_id", flat=True))
    if stored - photo_ids:
        InlineImage.objects.filter(article_id=article_id, image_id__in=stored - photo_ids).delete()
    if photo_ids - stored:
        InlineImage.objects.bulk_create(
            [InlineImage(article_id=article_id, image_id=image_id) for image_id in photo_ids - stored],
            ignore_conflicts=True,
        )


def render_article(article: Article) -> None:
    """Render and store the body without touching ``updated_at`` or the version."""
    body_html, body_text, photo_ids = rendered_body(article)
    article.body_html, article.body_text = body_html, body_text
    if article.pk:
        Article.objects.filter(pk=article.pk).update(body_html=body_html, body_text=body_text)
        sync_inline_images(article.pk, photo_ids)
        story_rendered(article.pk)


def articles_showing_inline(image_id: int) -> list[int]:
    return list(InlineImage.objects.filter(image_id=image_id).values_list("article_id", flat=True))


def rerender_articles(article_ids: Iterable[int]) -> None:
    """Render the stories' bodies again, and their page parts (whatever changes the links may change those)."""
    ids = set(article_ids)
    if not ids:
        return
    if getattr(_deferred, "pending", None) is not None:
        _deferred.pending |= ids
        return
    for article in Article.objects.filter(pk__in=ids).only("pk", "body", "status", "published_at", "republish_at"):
        render_article(article)
    refresh_page_parts(ids)


def refresh_parts(article_ids: Iterable[int]) -> None:
    """Compute the stories' page parts again (see ``articles.page_parts``): at once, or once at the end of a batch."""
    ids = set(article_ids)
    if not ids:
        return
    if getattr(_deferred, "pending_parts", None) is not None:
        _deferred.pending_parts |= ids
        return
    refresh_page_parts(ids)


@contextlib.contextmanager
def deferred_rendering() -> Iterator[None]:
    """Collect re-renders and page-part refreshes and do each story once at the end (admin inlines, imports)."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending, _deferred.pending_parts = set(), set()
    try:
        yield
    finally:
        pending, _deferred.pending = _deferred.pending, None
        parts, _deferred.pending_parts = _deferred.pending_parts, None
    rerender_articles(pending)
    refresh_parts(parts - pending)


def bump_version(article_id: int) -> None:
    """Mark the story changed for optimistic locking: an editor's open form of it is now stale.

    Used by writes that change a story's links outside its form (accepting
    suggestions), so a form opened before cannot put the old statuses back.
    """
    bump_versions([article_id])


def bump_versions(article_ids: Iterable[int]) -> None:
    """``bump_version`` for many stories at once (a merge of tags or entities)."""
    Article.objects.filter(pk__in=list(article_ids)).update(version=F("version") + 1)


def articles_referring_to(article_id: int) -> list[int]:
    return list(
        CrossReference.objects.filter(to_article_id=article_id, status=LinkStatus.CONFIRMED)
        .values_list("from_article_id", flat=True)
        .distinct()
    )


# The workflow: the one place a story's status and publication times change.


def article_transition(
    article: Article,
    *,
    to: str,
    user=None,
    at: datetime.datetime | None = None,
    comment: str = "",
    now: datetime.datetime | None = None,
) -> ArticleTransition:
    """Move the story to status ``to`` and log who, when, from what and why.

    The rules (which steps exist, who may take them) are ``workflow.check_step``'s:
    it raises ``PermissionDenied`` or ``ValidationError``. The times:

    - the first publication time (``published_at``) is set when a story first
      goes live and never changes once that moment has passed, whatever comes
      after (unpublish, publish again, schedule again, archive);
    - a planned time that never came is cleared when the story leaves the
      schedule, so a past ``published_at`` always means "was public";
    - a story that was public and is scheduled again goes back on the site at
      ``republish_at``.

    Works on the stored row under a lock (a save is a real save: re-rendering,
    the revision, and a new ``version`` that makes open forms stale), and
    copies the result onto ``article``.
    """
    now = now or timezone.now()
    with transaction.atomic(), deferred_rendering():
        story = Article.objects.select_for_update().get(pk=article.pk)
        from_stage = story.stage
        check_step(user, story, to, at=at, now=now)
        published_at = first_publication_after(story, to, at, now)
        if published_at is not None and not story.has_been_public:
            later = later_than_reported_earlier(story, published_at)
            if later:
                raise ValidationError(
                    f"“{story}” says it reported earlier on “{later[0].to_article}”, which is not published "
                    "before it would be: correct that link first."
                )
        if to in GOING_LIVE:
            check_can_go_live(story)
        # A story that was public and goes live again keeps its first time and comes back at ``at``.
        story.republish_at = at if to == Article.Status.SCHEDULED and story.has_been_public else None
        story.published_at = published_at
        story.status = to
        story.version += 1
        story.save(update_fields=["status", "published_at", "republish_at", "version", "modified_at"])
        entry = ArticleTransition.objects.create(
            article=story,
            user=user,
            at=now,
            from_status=from_stage,
            to_status=to,
            goes_live_at=story.goes_live_at,
            comment=comment[:500],
        )
    for name in ("status", "published_at", "republish_at", "version", "modified_at"):
        setattr(article, name, getattr(story, name))
    return entry


def check_can_go_live(article: Article) -> None:
    """Every photo the story shows has its alt text; the message names the story (for a list action)."""
    try:
        article.check_photos_can_go_live()
    except ValidationError as error:
        raise ValidationError(f"“{article}” cannot go live: " + " ".join(error.messages)) from None


@dataclass
class BatchResult:
    done: list[Article] = field(default_factory=list)
    # Stories the step does not apply to (already published, not in review...), with why.
    skipped: list[tuple[Article, str]] = field(default_factory=list)


def articles_transition(articles: Iterable[Article], *, to: str, user=None, comment: str = "") -> BatchResult:
    """The same step for several stories (the admin's actions): all of them, or none.

    A story the step does not apply to is left as it is and reported. Any
    other refusal (a photo without alt text, a story that is not the user's)
    undoes the whole batch: the ``ValidationError`` or ``PermissionDenied``
    names the story.
    """
    result = BatchResult()
    with transaction.atomic(), deferred_rendering():
        for article in sorted(articles, key=lambda a: a.pk):
            try:
                article_transition(article, to=to, user=user, comment=comment)
            except ValidationError as error:
                if error.code != "no_such_step":
                    raise
                result.skipped.append((article, " ".join(error.messages)))
            except PermissionDenied as error:
                raise PermissionDenied(f"“{article}”: {error}") from None
            else:
                result.done.append(article)
    return result


def stamp_text_update(article: Article, stored: dict | None, now: datetime.datetime | None = None) -> None:
    """Date the change when the text of a story readers have seen changes (``updated_at``).

    ``stored`` is the story's row before this save. Status changes, link
    decisions and re-renders are not updates for readers: only the words.
    """
    if stored is None or stored["published_at"] is None:
        return
    now = now or timezone.now()
    if stored["published_at"] > now:
        return
    if any(stored[name] != getattr(article, name) for name in TEXT_FIELDS):
        article.updated_at = now


# What a revert restores, and what it may not.

# A revision brings back the story's words and links. Its status and times
# belong to the workflow, its owner to the desk (and its version to the lock:
# ``entities.admin.VersionedAdmin``).
KEPT_ON_REVERT = ("status", "published_at", "republish_at", "created_by_id")


def revert_keeps(live: dict, reverted: Article, now: datetime.datetime | None = None) -> dict:
    """The fields to put back on a story an old revision was just restored onto.

    ``live`` is the stored row before the revert. Everything in
    ``KEPT_ON_REVERT`` keeps its live value; ``updated_at`` is dated now if
    the revert changes the words of a story readers have seen (the revert is
    an update like any other), and keeps its live value otherwise.
    """
    kept = {name: live[name] for name in KEPT_ON_REVERT if getattr(reverted, name) != live[name]}
    updated_at = live["updated_at"]
    if live["published_at"] is not None and live["published_at"] <= (now or timezone.now()):
        if any(live[name] != getattr(reverted, name) for name in TEXT_FIELDS):
            updated_at = now or timezone.now()
    if reverted.updated_at != updated_at:
        kept["updated_at"] = updated_at
    return kept
