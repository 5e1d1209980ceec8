"""
The stories' background jobs (``newsroom.jobs``): work a save sets off that
the editor must not wait for. Each takes ids, reads what is stored when it
runs, and makes the stored result match it, so it is idempotent: running it
twice, late, or again after a failed attempt gives the same result.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

import reversion
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from newsroom.jobs import enqueue, enqueue_in_batches

from .cache_purging import story_rendered
from .models import Article, StoryAnalysis
from .page_parts import refresh_page_parts
from .services import rerender_articles
from .suggestions import analyse_article


def rerender_stories(article_ids: list[int]) -> None:
    """Job: render the stories again from their current text and links (one batch)."""
    rerender_articles(article_ids)


def rerender_in_background(article_ids: Iterable[int]) -> int:
    """Re-render other stories a change affects, in jobs of ``JOBS_BATCH_SIZE`` stories, after the commit.

    The fan-out of a rename, a merge or a linked story's new headline can reach
    tens of thousands of stories: the save that causes it only collects their
    ids. Returns the number of jobs.
    """
    return enqueue_in_batches(rerender_stories, article_ids)


def refresh_stories_parts(article_ids: list[int]) -> None:
    """Job: compute the stories' page parts again (one batch), then purge their cached pages.

    Purged here, not by the save that set it off: with a queue, a reader could
    otherwise have the page cached again from the old parts in between.
    """
    with transaction.atomic():
        refresh_page_parts(article_ids)
        for article_id in article_ids:
            story_rendered(article_id)


def refresh_parts_in_background(article_ids: Iterable[int]) -> int:
    """Refresh other stories' page parts in jobs of ``JOBS_BATCH_SIZE`` after the commit (a tag or title change
    can reach every story in the archive); returns the number of jobs."""
    return enqueue_in_batches(refresh_stories_parts, article_ids)


# -- the story analysis --------------------------------------------------------


def request_analysis(article_id: int, *, revision_by: int | None = None) -> None:
    """Mark the story's analysis pending and run it in a job once the save commits (the save never waits).

    After a save the proposals are no edit of their own; an editor who asks for
    the analysis (``revision_by``: their user id) sees it in the story's history.
    """
    requested_at = timezone.now()
    StoryAnalysis.objects.update_or_create(
        article_id=article_id,
        defaults={"status": StoryAnalysis.Status.PENDING, "requested_at": requested_at, "finished_at": None, "summary": ""},
    )
    enqueue(analyse_story, article_id, requested_at, revision_by=revision_by)


def analyse_story(
    article_id: int, requested_at: datetime.datetime | None = None, *, revision_by: int | None = None
) -> None:
    """Job: analyse the story as stored now and store the proposals for the editor.

    Idempotent: the analysis keeps what it proposed before and never touches
    an editor's decision. A failure marks the analysis failed and is raised,
    so the queue retries it.
    """
    article = Article.objects.filter(pk=article_id).first()
    if article is None:
        return
    answering = StoryAnalysis.objects.filter(article_id=article_id)
    if requested_at is not None:
        # A newer save asked again: that request's job reports the state.
        answering = answering.filter(requested_at=requested_at)
    try:
        with reversion.create_revision(manage_manually=revision_by is None):
            report = analyse_article(article)
            if revision_by is not None and report.added:
                reversion.set_user(get_user_model().objects.filter(pk=revision_by).first())
                reversion.set_comment(f"Analysed the story: {report.summary}")
                reversion.add_to_revision(Article.objects.get(pk=article_id))
    except Exception as error:
        answering.update(status=StoryAnalysis.Status.FAILED, finished_at=timezone.now(), summary=str(error)[:500])
        raise
    answering.update(status=StoryAnalysis.Status.DONE, finished_at=timezone.now(), summary=str(report)[:500])
