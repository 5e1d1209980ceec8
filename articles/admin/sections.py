"""Sections of the publication."""

from django.contrib import admin
from django.db.models import Count

from ..models import (
    Section,
)


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position", "story_count"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    # Explicit: the count annotation's GROUP BY drops Meta.ordering.
    ordering = ["position", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=Count("articles"))

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, section: Section) -> int:
        return section.story_count
