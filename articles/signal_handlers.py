"""
Keep stored story HTML true: re-render a story when one of its links changes,
the stories that link to a story when its address, headline or visibility
changes, the stories mentioning an entity when its names or address change,
and the stories placing a photo in their body when the photo changes.

Keep stored page parts true (``articles.page_parts``) the same way: a story's
own on every save and when its links, bylines, tags or corrections change;
other stories' when a story they list or carry a role from is published,
unpublished or changed, or an entity, role or tag they show changes.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from taggit.models import Tag, TaggedItem

from entities.models import Role
from images.models import Image
from images.signals import renditions_ready

from .link_checks import links_follow_text, story_evidence
from .links import PERSON, link_type_of, link_types, listing_link_type, mention_types
from .models import TEXT_FIELDS, Article, ArticleSlugHistory, Byline, Correction, LinkStatus, Quote, StoryRole
from .page_parts import (
    stories_showing_entity,
    stories_showing_people,
    stories_showing_roles_read_in,
    stories_tagged,
)
from .services import (
    articles_referring_to,
    articles_showing_inline,
    refresh_parts,
    render_article,
    rerender_articles,
    stamp_text_update,
)
from .story_roles import story_date_changed
from .suggestions import authority_changed
from .tasks import refresh_parts_in_background, rerender_in_background

# Fields of a story that other stories' links depend on.
_LINKED_ARTICLE_FIELDS = ("slug", "headline", "status", "published_at", "republish_at")
# The story's text: its own links rest on it.
_TEXT_FIELDS = ("headline", "standfirst", "body")
_LINKED_ENTITY_FIELDS = ("slug", "name", "aliases")
# Fields of a story that decide whether readers see it: the roles it carries wait for it.
_VISIBILITY_FIELDS = ("status", "published_at", "republish_at")


@receiver(pre_save, sender=Article)
def remember_linked_fields(sender, instance: Article, raw=False, update_fields=None, **kwargs):
    instance._before_save = None
    if instance.pk and not raw:
        instance._before_save = (
            Article.objects.filter(pk=instance.pk).values(*_LINKED_ARTICLE_FIELDS, *_TEXT_FIELDS).first()
        )
        # Every save that changes what readers read dates the update, whoever makes it.
        if update_fields is None or TEXT_FIELDS & set(update_fields):
            stamp_text_update(instance, instance._before_save)


@receiver(post_save, sender=Article)
def article_saved(sender, instance: Article, created, raw=False, **kwargs):
    if raw:
        return
    before = getattr(instance, "_before_save", None)
    linked_fields_changed = before is not None and any(
        before[field] != getattr(instance, field) for field in _LINKED_ARTICLE_FIELDS
    )
    text_changed = before is not None and any(before[f] != getattr(instance, f) for f in _TEXT_FIELDS)
    # Links follow the text, in this same save: what it no longer says leaves the public story.
    followed = text_changed and links_follow_text(instance, story_evidence(*(before[f] for f in _TEXT_FIELDS)))
    # Which of its links may show depends on the story's own time and status
    # too (a scheduled target is linked only if it goes live first).
    if before is None or linked_fields_changed or followed or before["body"] != instance.body or not instance.body_html:
        render_article(instance)
    # This address now belongs to this story, whatever it was before.
    ArticleSlugHistory.objects.filter(slug=instance.slug).exclude(article=instance).delete()
    # Its own page parts: its date decides the titles shown, and a save may come with new links.
    refresh_parts([instance.pk])
    if before is None:
        return
    if any(before[field] != getattr(instance, field) for field in _VISIBILITY_FIELDS):
        refresh_parts_in_background(stories_showing_roles_read_in(instance.pk) - {instance.pk})
    if before["published_at"] != instance.published_at:
        # Roles read in this story without dates of their own start on its day.
        story_date_changed(instance)
    if before["slug"] != instance.slug:
        # The old address keeps working: it redirects to the new one.
        ArticleSlugHistory.objects.update_or_create(slug=before["slug"], defaults={"article": instance})
    if linked_fields_changed:
        # Other stories: in the background (the story itself was rendered above).
        rerender_in_background(articles_referring_to(instance.pk))


@receiver(pre_delete, sender=Article)
def remember_roles_carried(sender, instance: Article, **kwargs):
    # The story's roles lose their carrier (the key is nulled, no signal): their people's stories refresh after.
    instance._showing_its_roles = stories_showing_roles_read_in(instance.pk)


@receiver(post_delete, sender=Article)
def article_deleted(sender, instance: Article, **kwargs):
    refresh_parts_in_background(getattr(instance, "_showing_its_roles", ()))


def _link_changed(sender, instance, raw=False, **kwargs):
    if raw:
        return
    rerender_articles([link_type_of(instance).story_id(instance)])


def _link_changed_parts(sender, instance, raw=False, **kwargs):
    if raw:
        return
    refresh_parts([link_type_of(instance).story_id(instance)])


# The links that change the stored HTML (cross-references and mentions) re-render their story
# (which refreshes its parts too); the others (sources, quotes) refresh its parts.
for _type in link_types():
    _handler = _link_changed if _type.links_in_body else _link_changed_parts
    post_save.connect(_handler, sender=_type.model, dispatch_uid=f"rerender-on-save-{_type.model.__name__}")
    post_delete.connect(_handler, sender=_type.model, dispatch_uid=f"rerender-on-delete-{_type.model.__name__}")


def _story_detail_changed(sender, instance, raw=False, **kwargs):
    if not raw:
        refresh_parts([instance.article_id])


for _model in (Byline, Correction):
    post_save.connect(_story_detail_changed, sender=_model, dispatch_uid=f"parts-on-save-{_model.__name__}")
    post_delete.connect(_story_detail_changed, sender=_model, dispatch_uid=f"parts-on-delete-{_model.__name__}")


def _is_story_tag(item: TaggedItem) -> bool:
    return item.content_type_id == ContentType.objects.get_for_model(Article).pk


@receiver(post_save, sender=TaggedItem)
@receiver(post_delete, sender=TaggedItem)
def story_tags_changed(sender, instance: TaggedItem, raw=False, **kwargs):
    if not raw and _is_story_tag(instance):
        refresh_parts([instance.object_id])


@receiver(post_save, sender=Tag)
def tag_saved(sender, instance: Tag, created, raw=False, **kwargs):
    if not raw and not created:
        refresh_parts_in_background(stories_tagged(instance.pk))


@receiver(post_save, sender=Role)
@receiver(post_delete, sender=Role)
def role_changed(sender, instance: Role, raw=False, **kwargs):
    """A title, its dates or its organisation changed: the stories listing its person show it as of their date."""
    if not raw:
        refresh_parts_in_background(stories_showing_people([instance.person_id], titles_only=True))


@receiver(post_save, sender=StoryRole)
@receiver(post_delete, sender=StoryRole)
def story_role_changed(sender, instance: StoryRole, raw=False, **kwargs):
    """Whether a role is public depends on the stories carrying it."""
    if not raw:
        person_id = Role.objects.filter(pk=instance.role_id).values_list("person_id", flat=True).first()
        if person_id is not None:
            refresh_parts_in_background(stories_showing_people([person_id], titles_only=True))


def _entity_before_save(sender, instance, raw=False, **kwargs):
    instance._linked_before = None
    if instance.pk and not raw:
        instance._linked_before = sender.objects.filter(pk=instance.pk).values(*_LINKED_ENTITY_FIELDS).first()


def _entity_saved(sender, instance, created, raw=False, **kwargs):
    before = getattr(instance, "_linked_before", None)
    if raw or created or before is None:
        return
    if any(before[field] != getattr(instance, field) for field in _LINKED_ENTITY_FIELDS):
        rerendered: set[int] = set()
        if sender in _MENTIONED:
            # Its names are linked in the bodies of the stories mentioning it. A much-mentioned
            # entity is in tens of thousands of stories: the save only collects their ids
            # (the job re-renders each and refreshes its page parts).
            link_type = listing_link_type(sender)
            links = link_type.model.objects.confirmed().filter(**{link_type.target_field: instance})
            rerendered = set(links.values_list(link_type.story_id_field, flat=True))
            rerender_in_background(rerendered)
        refresh_parts_in_background(stories_showing_entity(instance) - rerendered)


_MENTIONED = tuple(t.entity_model for t in mention_types())
for _model in (t.entity_model for t in link_types() if t.lists_entity):
    pre_save.connect(_entity_before_save, sender=_model, dispatch_uid=f"entity-before-{_model.__name__}")
    post_save.connect(_entity_saved, sender=_model, dispatch_uid=f"entity-saved-{_model.__name__}")


def _authority_file_changed(sender, **kwargs):
    # The analysis rebuilds its matcher when the authority file changes.
    authority_changed()


for _model in (t.entity_model for t in link_types() if t.lists_entity):
    post_save.connect(_authority_file_changed, sender=_model, dispatch_uid=f"authority-saved-{_model.__name__}")
    post_delete.connect(_authority_file_changed, sender=_model, dispatch_uid=f"authority-deleted-{_model.__name__}")


@receiver(post_save, sender=Image)
def photo_saved(sender, instance: Image, raw=False, **kwargs):
    """A body's stored figure prints the photo's caption, credit and alt text: keep it true."""
    if not raw:
        rerender_in_background(articles_showing_inline(instance.pk))


@receiver(renditions_ready)
def photo_renditions_ready(sender, image_id: int, **kwargs):
    # A figure rendered before its renditions existed shows the original; now it can have srcset.
    rerender_articles(articles_showing_inline(image_id))


@receiver(post_save, sender=Quote)
def speaker_is_in_the_story(sender, instance: Quote, raw=False, **kwargs):
    """A confirmed quote's speaker is someone the story is about, so the quote links a real page.

    An existing mention (even a rejected one) is the editor's decision and is left alone.
    """
    if raw or not instance.speaker_id or instance.status != LinkStatus.CONFIRMED:
        return
    PERSON.model.objects.get_or_create(
        article_id=instance.article_id,
        person_id=instance.speaker_id,
        defaults={"status": LinkStatus.CONFIRMED, "evidence": instance.cue or instance.text[:300]},
    )
