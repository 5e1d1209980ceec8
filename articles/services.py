"""
Writes that touch several models: rendering a story with its links, and
re-rendering the stories a change affects. Called alike by the admin, the
commands and the signal handlers.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
from collections.abc import Iterable, Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from images.markup import figure
from images.models import Image

from .inline_images import InlineImage as PlacedImage
from .inline_images import Placeholders
from .links import mention_types
from .models import Article, CrossReference, InlineImage, LinkStatus
from .querysets import GOING_LIVE
from .rendering import LinkTarget, annotate, body_to_safe_html, html_to_text

_deferred = threading.local()


def _reference_is_linkable(reference: CrossReference) -> bool:
    """Link only to a story that readers can see by the time they can see this one.

    A target that is unpublished renders as plain text (never a dead or leaking
    link); a scheduled target counts if it goes live no later than this story.
    """
    target, source = reference.to_article, reference.from_article
    if target.is_published:
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


def articles_showing_inline(image_id: int) -> list[int]:
    return list(InlineImage.objects.filter(image_id=image_id).values_list("article_id", flat=True))


def rerender_articles(article_ids: Iterable[int]) -> None:
    ids = set(article_ids)
    if not ids:
        return
    if getattr(_deferred, "pending", None) is not None:
        _deferred.pending |= ids
        return
    for article in Article.objects.filter(pk__in=ids).only("pk", "body", "status", "published_at"):
        render_article(article)


@contextlib.contextmanager
def deferred_rendering() -> Iterator[None]:
    """Collect re-renders and do each story once at the end (admin inlines, imports)."""
    if getattr(_deferred, "pending", None) is not None:
        yield
        return
    _deferred.pending = set()
    try:
        yield
    finally:
        pending, _deferred.pending = _deferred.pending, None
    rerender_articles(pending)


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


def _change_status(articles: Iterable[Article], change) -> int:
    """Apply ``change`` to each story under a row lock, as a real save.

    Saving (not ``update()``) keeps the signals' re-rendering and the revision
    history, and bumping ``version`` makes an editor's open form stale.
    """
    ids = [article.pk for article in articles]
    changed = 0
    with transaction.atomic(), deferred_rendering():
        for article in Article.objects.select_for_update().filter(pk__in=ids).order_by("pk"):
            if change(article) is False:
                continue
            if article.status in GOING_LIVE:
                _check_can_go_live(article)
            article.version += 1
            article.save(update_fields=["status", "published_at", "version", "updated_at"])
            changed += 1
    return changed


def _check_can_go_live(article: Article) -> None:
    """The model refuses too; this names the story, for a list action's message."""
    try:
        article.check_photos_can_go_live()
    except ValidationError as error:
        raise ValidationError(f"“{article}” cannot go live: " + " ".join(error.messages)) from None


def articles_publish(articles: Iterable[Article], *, now: datetime.datetime | None = None) -> int:
    """Publish now; a story readers can already see keeps its original time.

    All or nothing: a story whose photos lack alt text refuses the whole batch
    with a ``ValidationError`` that names it.
    """
    now = now or timezone.now()

    def publish(article: Article) -> bool:
        if article.is_published:
            return False
        article.status, article.published_at = Article.Status.PUBLISHED, now
        return True

    return _change_status(articles, publish)


def articles_unpublish(articles: Iterable[Article]) -> int:
    """Back to draft: off every public surface until published again."""

    def unpublish(article: Article) -> bool:
        if article.status == Article.Status.DRAFT:
            return False
        article.status = Article.Status.DRAFT
        return True

    return _change_status(articles, unpublish)


def articles_archive(articles: Iterable[Article]) -> int:
    def archive(article: Article) -> bool:
        if article.status == Article.Status.ARCHIVED:
            return False
        article.status = Article.Status.ARCHIVED
        return True

    return _change_status(articles, archive)
