"""
Merges without loss: tags, and people, organisations, places and sources.

A merge moves everything that points at the losers to the survivor, keeps
what the survivor already has, and deletes the losers, in one transaction.
The admin actions and any command call these functions.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import reversion
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.template.defaultfilters import pluralize
from taggit.models import Tag, TaggedItem

from entities.merging import absorb_entity, entity_relations
from entities.models import Entity, Role

from .links import LinkType, links_to_entity
from .models import Article, LinkStatus, StoryRole
from .page_parts import stories_showing_entity
from .services import bump_versions, deferred_rendering, refresh_parts
from .suggestions import authority_batch
from .tasks import rerender_in_background


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
        refresh_parts(moved)
    return len(moved)


# People, organisations, places and sources.

# Which of two decisions about the same link survives a merge: an editor's
# confirmation; then a confirmation the text no longer supports (it waits for
# the editor); then an editor's rejection; then a mere suggestion.
_STATUS_RANK = {
    LinkStatus.CONFIRMED: 4,
    LinkStatus.UNSUPPORTED: 3,
    LinkStatus.REJECTED: 2,
    LinkStatus.SUGGESTED: 1,
}


@dataclass
class EntityMerge:
    """What a merge did, for the editor's message."""

    survivor: Entity
    merged: list[str] = field(default_factory=list)  # the losers' names
    links_moved: int = 0
    links_combined: int = 0  # links the survivor already had in that story (the decisions combined)
    stories: set[int] = field(default_factory=set)

    def __str__(self) -> str:
        names = ", ".join(f"“{name}”" for name in self.merged)
        return (
            f"Merged {names} into “{self.survivor.name}”: {self.links_moved} links moved, "
            f"{self.links_combined} combined with links it already had, in {len(self.stories)} "
            f"stor{pluralize(len(self.stories), 'y,ies')}."
        )


def _move_links(link_type: LinkType, survivor: Entity, loser: Entity, report: EntityMerge) -> None:
    """Move the loser's links of one type; where the story already links the survivor, keep that one."""
    target = link_type.target_id_field
    links = list(link_type.model.objects.filter(**{target: loser.pk}))
    if not links:
        return
    story_ids = {link_type.story_id(link) for link in links}
    report.stories |= story_ids
    if target not in link_type.identity:
        # A quote is the same quote whoever said it: just the speaker changes.
        link_type.model.objects.filter(pk__in=[link.pk for link in links]).update(**{target: survivor.pk})
        report.links_moved += len(links)
        return
    existing = {
        (link_type.story_id(link), link_type.identity_of(link)): link
        for link in link_type.model.objects.filter(
            **{target: survivor.pk, f"{link_type.story_id_field}__in": story_ids}
        )
    }
    moved = []
    for link in links:
        setattr(link, target, survivor.pk)
        kept = existing.get((link_type.story_id(link), link_type.identity_of(link)))
        if kept is None:
            moved.append(link.pk)
            continue
        if _STATUS_RANK.get(link.status, 0) > _STATUS_RANK.get(kept.status, 0):
            kept.status = link.status
        kept.evidence = kept.evidence or link.evidence
        kept.save(update_fields=["status", "evidence", "updated_at"])
        link_type.model.objects.filter(pk=link.pk).delete()
        report.links_combined += 1
    link_type.model.objects.filter(pk__in=moved).update(**{target: survivor.pk})
    report.links_moved += len(moved)


def _combine_roles(kept: Role, duplicate: Role) -> None:
    """Two records of one role become one that is public whenever either was.

    A role the desk entered (carried by no story) is public at once, so the
    combined role is too; two roles read in stories are public once a story
    carrying either is published, so the kept one is carried by the stories
    of both.
    """
    duplicate_rows = StoryRole.objects.filter(role=duplicate)
    kept_rows = StoryRole.objects.filter(role=kept)
    if not duplicate_rows.exists():
        kept_rows.delete()
    elif kept_rows.exists():
        carried = kept_rows.filter(article__isnull=False).values("article")
        duplicate_rows.filter(article__isnull=False).exclude(article__in=carried).update(role=kept)


def _move_other_references(model: type[Entity], survivor: Entity, loser: Entity, report: EntityMerge) -> None:
    """Every other key from outside the authority file (a story's dateline...) moves as it is."""
    handled = {(link_type.model, link_type.target_field) for link_type in links_to_entity(model)}
    for relation in model._meta.related_objects:
        related, name = relation.related_model, relation.field.name
        if (related, name) in handled or relation in entity_relations(model):
            continue
        if relation.many_to_many:
            through = relation.through
            source, target = relation.field.m2m_field_name(), relation.field.m2m_reverse_field_name()
            have = through.objects.filter(**{target: survivor.pk}).values(source)
            through.objects.filter(**{target: loser.pk, f"{source}__in": have}).delete()
            through.objects.filter(**{target: loser.pk}).update(**{target: survivor.pk})
            continue
        rows = related._default_manager.filter(**{name: loser})
        if related is Article:
            report.stories |= set(rows.values_list("pk", flat=True))
        rows.update(**{name: survivor})


def entities_merge(survivor: Entity, losers: Iterable[Entity], *, user=None) -> EntityMerge:
    """Merge ``losers`` into ``survivor``: one entity, every story link and reference kept, losers deleted.

    In one transaction and one revision: the survivor takes the losers' names
    as aliases, their addresses (which then redirect), their empty fields,
    roles and references; every story that linked a loser links the survivor
    and is rendered again (in background jobs,
    ``articles.tasks``); the analysis rebuilds its matcher once.
    """
    model = type(survivor)
    report = EntityMerge(survivor=survivor)
    with transaction.atomic(), reversion.create_revision(), deferred_rendering(), authority_batch():
        ids = [survivor.pk, *(loser.pk for loser in losers if loser.pk != survivor.pk)]
        # Lock the rows in one order, so two merges of overlapping entities queue.
        locked = {
            entity.pk: entity for entity in model._default_manager.select_for_update().filter(pk__in=ids).order_by("pk")
        }
        survivor = report.survivor = locked[survivor.pk]
        for pk in ids[1:]:
            loser = locked[pk]
            for link_type in links_to_entity(model):
                _move_links(link_type, survivor, loser, report)
            _move_other_references(model, survivor, loser, report)
            absorb_entity(survivor, loser, combine_roles=_combine_roles)
            report.merged.append(loser.name)
            loser.delete()
        bump_versions(report.stories)
        # Each story's mentions are moved in this transaction; their HTML (and page parts) follow in the background.
        rerender_in_background(report.stories)
        # The survivor's own stories too: the roles it absorbed may give them another title.
        refresh_parts(stories_showing_entity(survivor) - set(report.stories))
        reversion.set_comment(str(report))
        if user is not None:
            reversion.set_user(user)
        reversion.add_to_revision(survivor)
        for article in Article.objects.filter(pk__in=report.stories):
            reversion.add_to_revision(article)
    return report


def stories_linking(entity: Entity):
    """The stories (any status) that link ``entity``: what keeps it from being deleted."""
    model = type(entity)
    story_ids = set()
    for link_type in links_to_entity(model):
        story_ids |= set(
            link_type.model.objects.filter(**{link_type.target_field: entity}).values_list(
                link_type.story_id_field, flat=True
            )
        )
    for relation in model._meta.related_objects:
        if relation.related_model is Article:
            story_ids |= set(Article.objects.filter(**{relation.field.name: entity}).values_list("pk", flat=True))
    return Article.objects.filter(pk__in=story_ids).order_by("-published_at", "-pk")
