"""
The entity admins with their stories. Defined here because entities must not
import articles: the entity admins are re-registered with the story counts and
the story inlines, through the reverse relations articles owns.
"""

from functools import partial

from django.contrib import admin
from django.db.models import F
from django.urls import path

from entities.admin import OrganizationAdmin, PersonAdmin, PlaceAdmin, SourceAdmin, is_change_list
from entities.models import Organization, Person, Place, Source

from ..links import LinkType, listing_link_type
from ..models import PersonMention, SourceAttribution
from .common import confirmed_count, local_time, story_admin_link
from .merging import EntityMergeAdminMixin
from .sourcing import DESK_PERMISSION, sourcing_desk_view


class ReadOnlyStoryLinkInline(admin.TabularInline):
    """The latest stories linking the entity, read-only (the public entity page lists them all)."""

    # A much-mentioned person is in tens of thousands of stories: the form shows the latest.
    shown = 50
    extra = 0
    can_delete = False
    ordering = [F("article__published_at").desc(nulls_last=True)]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("article")

    @admin.display(description="story")
    def story(self, link):
        return story_admin_link(link.article)

    @admin.display(description="published")
    def published_at(self, link) -> str:
        return local_time(link.article.published_at)


class AttributionOfSourceInline(ReadOnlyStoryLinkInline):
    model = SourceAttribution
    fields = ["story", "published_at", "kind", "cue", "status"]
    readonly_fields = fields
    verbose_name = "attribution in a story"
    verbose_name_plural = "latest attributions in stories"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class MentionOfPersonInline(ReadOnlyStoryLinkInline):
    model = PersonMention
    fields = ["story", "published_at", "status"]
    readonly_fields = fields
    verbose_name = "mention in a story"
    verbose_name_plural = "latest mentions in stories"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class LatestStoriesMixin:
    """The read-only story inlines show the latest ``shown`` links, and a save never loads them.

    They edit nothing, so a save leaves them out: a rename of an entity
    mentioned in 50,000 stories must not build 50,000 inline forms.
    """

    def get_inlines(self, request, obj):
        inlines = super().get_inlines(request, obj)
        if request.method == "POST":
            return [inline for inline in inlines if not issubclass(inline, ReadOnlyStoryLinkInline)]
        return inlines

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        if isinstance(inline, ReadOnlyStoryLinkInline) and obj is not None and obj.pk:
            field = inline.model._meta.get_field(inline.fk_name) if inline.fk_name else None
            name = field.name if field else next(
                f.name for f in inline.model._meta.get_fields() if f.is_relation and f.related_model is type(obj)
            )
            latest = (
                inline.model._default_manager.filter(**{name: obj})
                .order_by(*inline.ordering, "-pk")
                .values_list("pk", flat=True)[: inline.shown]
            )
            kwargs["queryset"] = kwargs["queryset"].filter(pk__in=list(latest))
        return kwargs


class StoryCountMixin:
    """The change list's count of the stories that confirmed an entity (mentions or attributions).

    Counted only on the change list: the forms and the autocomplete (asked on
    every keystroke) do not pay for it.
    """

    story_links: LinkType  # the links that list the entity on a story

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_change_list(request):
            links = self.story_links
            queryset = queryset.annotate(story_count=confirmed_count(links.model, links.target_field))
        return queryset

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, entity) -> int:
        return entity.story_count


class PersonWithStoriesAdmin(EntityMergeAdminMixin, LatestStoriesMixin, StoryCountMixin, PersonAdmin):
    story_links = listing_link_type(Person)
    list_display = [*PersonAdmin.list_display, "story_count"]
    inlines = [*PersonAdmin.inlines, MentionOfPersonInline]


class OrganizationWithStoriesAdmin(EntityMergeAdminMixin, StoryCountMixin, OrganizationAdmin):
    story_links = listing_link_type(Organization)
    list_display = [*OrganizationAdmin.list_display, "story_count"]


class PlaceWithStoriesAdmin(EntityMergeAdminMixin, StoryCountMixin, PlaceAdmin):
    story_links = listing_link_type(Place)
    list_display = [*PlaceAdmin.list_display, "story_count"]


class SourceWithAttributionsAdmin(EntityMergeAdminMixin, LatestStoriesMixin, StoryCountMixin, SourceAdmin):
    # Sources are attributed, not mentioned: the column counts attributions.
    story_links = listing_link_type(Source)
    list_display = [*SourceAdmin.list_display, "attribution_count"]
    inlines = [*SourceAdmin.inlines, AttributionOfSourceInline]

    change_list_template = "admin/entities/source/change_list.html"

    @admin.display(description="attributions", ordering="story_count")
    def attribution_count(self, source: Source) -> int:
        return source.story_count

    def get_urls(self):
        desk = self.admin_site.admin_view(partial(sourcing_desk_view, model_admin=self))
        return [path("desk/", desk, name="entities_source_desk"), *super().get_urls()]

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "may_open_desk": request.user.has_perm(DESK_PERMISSION)}
        return super().changelist_view(request, extra_context)


for _model, _admin in (
    (Person, PersonWithStoriesAdmin),
    (Organization, OrganizationWithStoriesAdmin),
    (Place, PlaceWithStoriesAdmin),
    (Source, SourceWithAttributionsAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
