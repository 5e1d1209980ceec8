"""
Tags in the admin, with our own merge in place of django-taggit's.

taggit's "Merge selected tags" drops the survivor from the stories that
carried it when the survivor is among the selected tags; ours moves every
story to the survivor (``articles.merging.tags_merge``).
"""

import taggit.admin  # noqa: F401  (registers taggit's admin first, so ours replaces it)
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from taggit.models import Tag, TaggedItem

from ..merging import tags_merge
from ..models import Article


def story_count():
    """How many stories carry each tag, counted for the rows shown."""
    items = (
        TaggedItem.objects.filter(tag=OuterRef("pk"), content_type=ContentType.objects.get_for_model(Article))
        .order_by()
        .values("tag")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(items, output_field=IntegerField()), 0)


class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "story_count"]
    ordering = ["name"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    actions = ["merge_tags"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=story_count())

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, tag: Tag) -> int:
        return tag.story_count

    @admin.action(description="Merge selected tags…", permissions=["delete"])
    def merge_tags(self, request, queryset):
        tags = list(queryset.order_by("name"))
        if len(tags) < 2:
            self.message_user(request, "Select two or more tags to merge.", messages.WARNING)
            return None
        survivor = next((tag for tag in tags if str(tag.pk) == request.POST.get("survivor")), None)
        if survivor is not None and request.POST.get("post"):
            moved = tags_merge(survivor, tags)
            others = ", ".join(f"“{tag.name}”" for tag in tags if tag.pk != survivor.pk)
            carrying = Article.objects.filter(tags=survivor).count()
            self.message_user(
                request,
                f"Merged {others} into “{survivor.name}”: {moved} stor{pluralize(moved, 'y,ies')} moved, "
                f"{carrying} now carry it.",
                messages.SUCCESS,
            )
            return None
        context = {
            **self.admin_site.each_context(request),
            "title": "Merge tags",
            "subtitle": None,
            "opts": self.model._meta,
            "tags": tags,
            "survivor": survivor,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "media": self.media,
        }
        return TemplateResponse(request, "admin/taggit/tag/merge_tags.html", context)


admin.site.unregister(Tag)
admin.site.register(Tag, TagAdmin)
