"""
Merges without loss: tags, and people, organisations, places and sources.

A merge moves everything that points at the losers to the survivor, keeps
what the survivor already has, and deletes the losers, in one transaction.
The admin actions and any command call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from taggit.models import Tag, TaggedItem

from .models import Article
from .services import bump_versions


def tags_merge(survivor: Tag, others: Iterable[Tag]) -> int:
    """Move every story of ``others`` to ``survivor`` and delete them; return how many stories moved.

    A story that already carries the survivor keeps it (its other tag is
    dropped, not the survivor). Editors' open forms of the moved stories turn
    stale, so a save from before the merge cannot bring a merged tag back.
    """
    losers = [tag for tag in others if tag.pk != survivor.pk]
    if not losers:
        return 0
    article_type = ContentType.objects.get_for_model(Article)
    moved: set[int] = set()
    with transaction.atomic():
        for loser in losers:
            items = TaggedItem.objects.filter(tag=loser)
            carries_survivor = TaggedItem.objects.filter(
                tag=survivor, content_type_id=OuterRef("content_type_id"), object_id=OuterRef("object_id")
            )
            moved.update(items.filter(content_type=article_type).values_list("object_id", flat=True))
            items.filter(Exists(carries_survivor)).delete()
            items.update(tag=survivor)
            loser.delete()
        bump_versions(moved)
    return len(moved)
