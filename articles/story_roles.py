"""
Roles read in stories: what dates they carry, and which story they came from.

A title the analysis read in a story ("Minister of Defence Laurynas
Kasčiūnas") is true as of that story, not always: the role carries the dates
the story gives, and otherwise starts on the story's publication (or planned)
date, so older stories keep the title their subject held on their own date.
Each such role records the story it came from (``StoryRole``) and stays off
every public surface until a story that carries it is published (see
``querysets.public_role_q``).
"""

from __future__ import annotations

import datetime
import re

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date

from entities.models import Organization, Person, Role

from .models import Article, StoryRole

# "former defence minister", "ex-commander": the story says the role is over.
_FORMER = re.compile(r"^(?:former|ex-)\s*", re.IGNORECASE)


def story_date(article: Article) -> datetime.date:
    """The day a story speaks of: its publication (or planned) date in the newsroom's time zone, else today."""
    return timezone.localdate(article.published_at) if article.published_at else timezone.localdate()


def role_dates(title: str, day: datetime.date, data: dict) -> tuple[str, datetime.date | None, datetime.date | None]:
    """The role's title and its dates: those the story gives, else from the story's day.

    A "former" title ended before the story's day (when it began the story does
    not say); any other starts on that day. Never an open "always" span.
    """
    start, end = parse_date(data.get("role_start") or ""), parse_date(data.get("role_end") or "")
    if start or end:
        return title, start, end
    former = _FORMER.match(title)
    if former:
        rest = title[former.end():]
        return rest[:1].upper() + rest[1:], None, day - datetime.timedelta(days=1)
    return title, day, None


@transaction.atomic
def record_story_role(
    person: Person, article: Article, *, title: str, organization: Organization | None = None, data: dict | None = None
) -> Role:
    """The role the story gives ``person``, dated by the story and recorded as coming from it.

    A role the person already holds on the story's day under that title is
    not duplicated: a desk-entered one stays as it is (the story adds
    nothing), a story-read one is carried by this story too.
    """
    title, start, end = role_dates(title, story_date(article), data or {})
    on = start or end
    role = next(
        (role for role in person.roles.filter(title__iexact=title).order_by("pk") if role.held_on(on)), None
    )
    if role is None:
        role = Role.objects.create(
            person=person, title=title, organization=organization, start_date=start, end_date=end
        )
    elif not role.carried_by.exists():
        return role
    given = bool(data and (data.get("role_start") or data.get("role_end")))
    StoryRole.objects.get_or_create(role=role, article=article, defaults={"dated_by_story": not given})
    return role


def story_date_changed(article: Article) -> None:
    """The story moved in time (scheduled, published at last): its roles dated by it move with it.

    Only roles no other story carries: another story's date is its own evidence.
    """
    if article.published_at is None:
        return
    new_day = story_date(article)
    for link in StoryRole.objects.filter(article=article, dated_by_story=True).select_related("role"):
        role = link.role
        if role.carried_by.exclude(article=article).exists():
            continue
        if role.start_date is not None:
            role.start_date = new_day
        if role.end_date is not None and role.start_date is None:
            role.end_date = new_day - datetime.timedelta(days=1)
        role.save(update_fields=["start_date", "end_date"])
