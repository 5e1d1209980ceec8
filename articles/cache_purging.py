"""
Purge exactly the cached pages that show what changed (``newsroom.pagecache``).

Every write that changes what readers see says, through a signal, which cache
tags (``articles.cache_tags``) to purge; the purge runs when the transaction
commits, once per transaction, and only for stories readers can see (an edit
of a draft purges nothing):

- a story readers can see changes (update, correction, re-render, a link
  confirmed or removed): ``story:<id>`` (its page and every page showing it),
  search and the sitemap;
- a story joins or leaves the site (published, unpublished, archived) or
  changes section: also every list it is on or joins: ``stories`` (front page,
  latest feed, API list), its section, tags, linked entities, and the stories
  it links to (their "later coverage");
- a section, tag, person, organisation, place or source changes: its tag
  (its page, and every page showing its name);
- a scheduled story going live needs no purge: no page showing where it will
  be is kept past its time (``next_scheduled_change``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.db.models import Min
from django.db.models.functions import Coalesce, Greatest
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from taggit.models import Tag, TaggedItem

from entities.models import Organization, Person, Place, Role, Source
from images.models import Image
from newsroom import pagecache

from .cache_tags import ALL_STORIES, SEARCH, SITEMAP, entity_tag_of, section_tag, story_tag, tag_tag
from .links import link_types
from .models import Article, Byline, Correction, LinkStatus, Section
from .querysets import GOING_LIVE

# A story saved as scheduled (or taken off the schedule) moves the time pages must expire by.
SCHEDULE = "schedule"


def public_story_ids(ids: set[int]) -> list[int]:
    return list(Article.objects.reachable().filter(pk__in=ids).values_list("pk", flat=True))


def next_scheduled_change() -> float | None:
    """When the next scheduled story goes live (epoch seconds), or None."""
    at = (
        Article.objects.scheduled()
        .annotate(live=Greatest("published_at", Coalesce("republish_at", "published_at")))
        .aggregate(first=Min("live"))["first"]
    )
    return at.timestamp() if at else None


pagecache.register(public_stories=public_story_ids, next_change=next_scheduled_change)


def _moment(value):
    """A time as the model holds it; a string when the caller assigned one (``published_at="2025-..."``)."""
    if isinstance(value, str):
        value = parse_datetime(value)
        if value is not None and timezone.is_naive(value):
            value = timezone.make_aware(value)
    return value


def _listed(status, published_at, republish_at, now) -> bool:
    return (
        status in GOING_LIVE
        and published_at is not None
        and published_at <= now
        and (republish_at is None or republish_at <= now)
    )


def _reachable(status, published_at, republish_at, now) -> bool:
    archived_record = status == Article.Status.ARCHIVED and published_at is not None and published_at <= now
    return archived_record or _listed(status, published_at, republish_at, now)


def _scheduled(status, published_at, republish_at, now) -> bool:
    live = max(published_at, republish_at or published_at) if published_at else None
    return status in GOING_LIVE and live is not None and live > now


def lists_of(article: Article) -> set[str]:
    """Every list the story is on while public: the whole site's, its section's, tags', entities', linked stories'."""
    tags = {ALL_STORIES, SEARCH, SITEMAP, section_tag(article.section_id)}
    tags |= {tag_tag(pk) for pk in article.tags.values_list("pk", flat=True)}
    for link_type in link_types():
        links = link_type.of_story(article.pk).filter(status=LinkStatus.CONFIRMED).values_list(
            link_type.target_id_field, flat=True
        )
        if link_type.entity_model is not None:
            if link_type.lists_entity:
                tags |= {entity_tag_of(link_type.entity_model, pk) for pk in links}
        else:
            tags |= {story_tag(pk) for pk in links if pk}
    return tags


@receiver(pre_save, sender=Article)
def _remember(sender, instance: Article, raw=False, **kwargs):
    instance._cache_before = None
    if instance.pk and not raw:
        instance._cache_before = (
            Article.objects.filter(pk=instance.pk).values("status", "published_at", "republish_at", "section_id").first()
        )


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, created, raw=False, **kwargs):
    if raw:
        return
    now = timezone.now()
    before = getattr(instance, "_cache_before", None) or {}
    was = (before.get("status"), before.get("published_at"), before.get("republish_at"), now) if before else None
    after = (instance.status, _moment(instance.published_at), _moment(instance.republish_at), now)
    if (was and _scheduled(*was)) or _scheduled(*after):
        pagecache.purge_on_commit([SCHEDULE])
    was_reachable = bool(was) and _reachable(*was)
    if not (was_reachable or _reachable(*after)):
        return
    tags = {story_tag(instance.pk), SEARCH, SITEMAP}
    joined_or_left = (bool(was) and _listed(*was)) != _listed(*after)
    moved = bool(before) and before["section_id"] != instance.section_id
    if joined_or_left or (moved and _listed(*after)):
        tags |= lists_of(instance)
        if before.get("section_id"):
            tags.add(section_tag(before["section_id"]))
    # Known to be (or have been) public: purged whatever the story is after the commit.
    pagecache.purge_on_commit(tags)


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs):
    pagecache.purge_on_commit([story_tag(instance.pk), ALL_STORIES, SEARCH, SITEMAP, section_tag(instance.section_id)])


def story_rendered(article_id: int) -> None:
    """The stored body (or another stored part) of a story changed outside a save: purge its pages."""
    pagecache.purge_on_commit(story=article_id)


# Links between a story and the authority file or another story.


def _link_changed(sender, instance, raw=False, **kwargs):
    if raw or instance.status == LinkStatus.SUGGESTED:
        return  # a suggestion is not on the site
    link_type = next(t for t in link_types() if t.model is sender)
    target = link_type.target_id(instance)
    tags = [SEARCH]
    if target:
        if link_type.entity_model is not None:
            tags.append(entity_tag_of(link_type.entity_model, target))
        else:
            tags.append(story_tag(target))
    pagecache.purge_on_commit(tags, story=link_type.story_id(instance))


for _type in link_types():
    post_save.connect(_link_changed, sender=_type.model, dispatch_uid=f"purge-link-saved-{_type.model.__name__}")
    post_delete.connect(_link_changed, sender=_type.model, dispatch_uid=f"purge-link-deleted-{_type.model.__name__}")


def _story_part_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        pagecache.purge_on_commit(story=instance.article_id)


for _model in (Byline, Correction):
    post_save.connect(_story_part_changed, sender=_model, dispatch_uid=f"purge-part-saved-{_model.__name__}")
    post_delete.connect(_story_part_changed, sender=_model, dispatch_uid=f"purge-part-deleted-{_model.__name__}")


def _tagged_item_changed(sender, instance: TaggedItem, raw=False, **kwargs):
    if raw or instance.content_type_id != ContentType.objects.get_for_model(Article).pk:
        return
    pagecache.purge_on_commit([tag_tag(instance.tag_id), SITEMAP], story=instance.object_id)


post_save.connect(_tagged_item_changed, sender=TaggedItem, dispatch_uid="purge-tagged-item-saved")
post_delete.connect(_tagged_item_changed, sender=TaggedItem, dispatch_uid="purge-tagged-item-deleted")


# The authority file, sections and tags: their own page and every page naming them.


def _named_thing_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    tag = section_tag(instance.pk) if sender is Section else tag_tag(instance.pk) if sender is Tag else None
    # A section is also in the menu of every page.
    layout = [pagecache.LAYOUT] if sender is Section else []
    pagecache.purge_on_commit([tag or entity_tag_of(sender, instance.pk), SITEMAP, *layout])


for _model in (Section, Tag, Person, Organization, Place, Source):
    post_save.connect(_named_thing_changed, sender=_model, dispatch_uid=f"purge-saved-{_model.__name__}")
    post_delete.connect(_named_thing_changed, sender=_model, dispatch_uid=f"purge-deleted-{_model.__name__}")


@receiver(post_save, sender=Role)
@receiver(post_delete, sender=Role)
def role_changed(sender, instance: Role, raw=False, **kwargs):
    """A title shows on the person's page, the organisation's, and the stories quoting or naming them."""
    if not raw:
        tags = [entity_tag_of(Person, instance.person_id)]
        if instance.organization_id:
            tags.append(entity_tag_of(Organization, instance.organization_id))
        pagecache.purge_on_commit(tags)


@receiver(post_save, sender=Image)
def photo_changed(sender, instance: Image, raw=False, **kwargs):
    """A lead photo's caption, credit or alt text shows on its story and the story's teasers.

    (A photo in a body re-renders the story, which purges it: ``story_rendered``.)
    """
    if raw:
        return
    for article_id in Article.objects.filter(lead_image=instance).values_list("pk", flat=True):
        pagecache.purge_on_commit(story=article_id)
