"""The inlines of the story form: bylines, links to the authority file and to other stories, corrections."""

from django.contrib import admin
from django.db import models

from .. import workflow
from ..forms import CrossReferenceInlineFormSet, LinkWordsInlineFormSet
from ..models import (
    ArticleSlugHistory,
    ArticleTransition,
    Byline,
    Correction,
    CrossReference,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    SourceAttribution,
)

# Inlines on the story.


class StoryInline(admin.TabularInline):
    """An inline whose rows print their linked objects: select them with the rows.

    Its rows change only with the story: a story the user may not edit (not
    the reporter's own draft) shows its rows read-only, whatever the user may
    do with such rows elsewhere.
    """

    extra = 0
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)

    def _story_editable(self, request, obj) -> bool:
        return obj is None or workflow.may_edit(request.user, obj)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._story_editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._story_editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._story_editable(request, obj)


class BylineInline(StoryInline):
    model = Byline
    fields = ["position", "name", "credit"]
    extra = 1


class LinkInline(StoryInline):
    """A link to the authority file; suggestions from the analysis show their evidence."""

    readonly_fields = ["evidence"]


class PersonMentionInline(LinkInline):
    model = PersonMention
    fields = ["person", "status", "evidence"]
    autocomplete_fields = ["person"]
    select_related = ("person", "article")


class OrganizationMentionInline(LinkInline):
    model = OrganizationMention
    fields = ["organization", "status", "evidence"]
    autocomplete_fields = ["organization"]
    select_related = ("organization", "article")


class PlaceMentionInline(LinkInline):
    model = PlaceMention
    fields = ["place", "status", "evidence"]
    autocomplete_fields = ["place"]
    select_related = ("place", "article")


class SourceAttributionInline(LinkInline):
    model = SourceAttribution
    formset = LinkWordsInlineFormSet
    fields = ["source", "kind", "cue", "url", "status"]
    autocomplete_fields = ["source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    select_related = ("source",)


class QuoteInline(LinkInline):
    model = Quote
    formset = LinkWordsInlineFormSet
    fields = ["text", "speaker", "paragraph", "cue", "status"]
    autocomplete_fields = ["speaker"]


class CrossReferenceInline(LinkInline):
    model = CrossReference
    fk_name = "from_article"
    formset = CrossReferenceInlineFormSet
    fields = ["to_article", "relation", "anchor_text", "status"]
    autocomplete_fields = ["to_article"]
    select_related = ("from_article", "to_article")
    verbose_name = "link to an earlier story"
    verbose_name_plural = "links to other stories"


class CorrectionInline(StoryInline):
    model = Correction
    fields = ["kind", "text", "created_at"]


class FormerAddressInline(StoryInline):
    """Old slugs redirect to the story; they are recorded, not edited."""

    model = ArticleSlugHistory
    fields = ["slug", "created_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class TransitionInline(admin.TabularInline):
    """The story's path through the workflow, newest first: recorded by the service, never edited."""

    model = ArticleTransition
    fields = ["at", "user", "from_status", "to_status", "goes_live_at", "comment"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = "status changes"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("user")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        # Anyone who can see the story sees how it got where it is.
        return request.user.has_perm("articles.view_article") or request.user.has_perm("articles.change_article")
