"""
The story workflow: which status changes exist and who may make each.

    draft ──submit──▶ in review ──schedule / publish──▶ scheduled ─(its time)─▶ published ──archive──▶ archived
      ▲                  │                                 │                       │                    │
      └──── send back ───┘◀───────────── unpublish ────────┴───────────────────────┘◀────── reopen ─────┘

Pure rules, no writes: ``services.article_transition`` asks these and applies
the change; the admin asks them to offer only what the user may do.

Roles (the groups made by the ``0013_roles`` migration) meet these rules
through permissions: ``articles.publish_article`` makes every transition and
edits any story; without it (a reporter) one edits only one's own drafts and
submits them for review.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from .models import Article, CrossReference

Status = Article.Status

PUBLISH_PERMISSION = "articles.publish_article"


@dataclass(frozen=True)
class Step:
    verb: str
    needs_publish: bool = True


# (stage the story is in, status it goes to) -> the step. The stage is the
# status as readers live it (``Article.stage``): a scheduled story whose time
# has come is published.
STEPS: dict[tuple[str, str], Step] = {
    (Status.DRAFT, Status.IN_REVIEW): Step("Submit for review", needs_publish=False),
    (Status.DRAFT, Status.SCHEDULED): Step("Schedule"),
    (Status.DRAFT, Status.PUBLISHED): Step("Publish now"),
    (Status.DRAFT, Status.ARCHIVED): Step("Archive"),
    (Status.IN_REVIEW, Status.DRAFT): Step("Send back to draft"),
    (Status.IN_REVIEW, Status.SCHEDULED): Step("Schedule"),
    (Status.IN_REVIEW, Status.PUBLISHED): Step("Publish now"),
    (Status.IN_REVIEW, Status.ARCHIVED): Step("Archive"),
    (Status.SCHEDULED, Status.SCHEDULED): Step("Reschedule"),
    (Status.SCHEDULED, Status.PUBLISHED): Step("Publish now"),
    (Status.SCHEDULED, Status.DRAFT): Step("Unpublish (back to draft)"),
    (Status.SCHEDULED, Status.ARCHIVED): Step("Archive"),
    (Status.PUBLISHED, Status.DRAFT): Step("Unpublish (back to draft)"),
    (Status.PUBLISHED, Status.ARCHIVED): Step("Archive"),
    (Status.ARCHIVED, Status.DRAFT): Step("Reopen as a draft"),
}


def can_publish(user) -> bool:
    return user.has_perm(PUBLISH_PERMISSION)


def may_edit(user, article: Article | None) -> bool:
    """Whether ``user`` may change the story (``None``: stories in general, as the admin asks).

    Publishers edit any story; anyone else only their own drafts. A story in
    review, scheduled or public is the desk's.
    """
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or can_publish(user):
        return True
    return article.created_by_id == user.pk and article.stage == Status.DRAFT


def may_step(user, article: Article, to: str) -> bool:
    """Whether ``user`` may move the story to ``to`` (the step must exist)."""
    step = STEPS.get((article.stage, to))
    if step is None:
        return False
    if step.needs_publish:
        return can_publish(user)
    return may_edit(user, article)


def steps_for(user, article: Article) -> list[tuple[str, str]]:
    """(status, verb) of each step ``user`` may take with the story, in the workflow's order."""
    return [
        (to, step.verb) for (stage, to), step in STEPS.items() if stage == article.stage and may_step(user, article, to)
    ]


def reachable_statuses(user) -> set[str]:
    """Every status ``user``'s role can ever move a story to: what a POST may ask for at all."""
    if can_publish(user):
        return set(Status.values)
    return {Status.DRAFT, Status.IN_REVIEW} if user.has_perm("articles.change_article") else set()


def check_step(
    user, article: Article, to: str, *, at: datetime.datetime | None = None, now: datetime.datetime | None = None
) -> Step:
    """The step from the story's stage to ``to``, or why not.

    ``PermissionDenied`` when the user's role may not; ``ValidationError`` when
    no such step exists or its time is wrong. ``user`` None is the system
    (imports, the demo): every step, and a past ``at`` for publishing an
    archive's story at its original time.
    """
    now = now or timezone.now()
    step = STEPS.get((article.stage, to))
    if step is None:
        raise ValidationError(
            f"A story that is {Status(article.stage).label.lower()} cannot be moved to "
            f"“{Status(to).label.lower()}”.",
            code="no_such_step",
        )
    if user is not None and not may_step(user, article, to):
        raise PermissionDenied(f"You may not {step.verb.lower()} this story.")
    if to == Status.SCHEDULED and (at is None or at <= now):
        raise ValidationError("To schedule a story, give a time in the future.", code="schedule_time")
    if to == Status.PUBLISHED and at is not None:
        if user is not None or at > now:
            raise ValidationError("“Publish now” publishes now; to publish later, schedule the story.")
        if article.has_been_public and at != article.published_at:
            raise ValidationError(
                "This story was first published at "
                f"{timezone.localtime(article.published_at):%d %b %Y %H:%M}; that time cannot change.",
                code="first_publication_fixed",
            )
    return step


# The authority file through the suggestions panel: anyone who may edit the
# story may confirm links to entries that exist; a new entry (and what comes
# with it: a role, its organisation, a country) needs the right to add those.

NEW_ENTRY_PERMISSIONS = {
    "person": "entities.add_person",
    "organization": "entities.add_organization",
    "place": "entities.add_place",
    "source": "entities.add_source",
}


def permissions_to_accept(suggestion) -> set[str]:
    """What accepting a proposed new entry may create, as permissions."""
    data = suggestion.data or {}
    needed = {NEW_ENTRY_PERMISSIONS[suggestion.kind]}
    if data.get("role"):
        needed.add("entities.add_role")
    if data.get("organization"):
        needed.add("entities.add_organization")
    if data.get("country"):
        needed.add("entities.add_place")
    return needed


def may_accept(user, suggestion) -> bool:
    return user.has_perms(permissions_to_accept(suggestion))


# Times.


def first_publication_after(article: Article, to: str, at: datetime.datetime | None, now: datetime.datetime):
    """The story's first publication time once it has taken the step to ``to`` (at ``at``).

    Fixed once the story has been public; otherwise the time it goes live
    (now, or the scheduled time), and none for a story that is not going live.
    """
    if article.has_been_public:
        return article.published_at
    if to == Status.PUBLISHED:
        return at or now
    if to == Status.SCHEDULED:
        return at
    return None


def later_than_reported_earlier(article: Article, published_at: datetime.datetime) -> list[CrossReference]:
    """The story's confirmed "reported earlier" links to stories not first published before ``published_at``.

    Going live at ``published_at`` would make them lie: "earlier coverage"
    dated after the story itself.
    """
    return [
        reference
        for reference in article.outgoing_references.confirmed()
        .filter(relation=CrossReference.Relation.REPORTED_EARLIER)
        .select_related("to_article")
        if reference.to_article.published_at is None or reference.to_article.published_at >= published_at
    ]
