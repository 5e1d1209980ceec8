"""
The authority file in the admin. Story counts come from reverse relations
(``mentions``, ``attributions``) annotated once per change list, so this app
never imports articles; ``articles.admin`` adds the story inlines.
"""

from django.contrib import admin
from django.db import models
from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from .models import Organization, Person, Place, Role, Source

CONFIRMED = "confirmed"


def confirmed_count(relation: str) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__status": CONFIRMED}), distinct=True)


class EntityAdmin(admin.ModelAdmin):
    """What every entity admin shares: name and alias search, a prepopulated slug."""

    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_per_page = 50
    # Explicit: the count annotation's GROUP BY drops Meta.ordering (autocomplete too).
    ordering = ["name"]
    story_relation = "mentions"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(story_count=confirmed_count(self.story_relation))

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, obj) -> int:
        return obj.story_count


class RoleInline(admin.TabularInline):
    model = Role
    fields = ["title", "organization", "start_date", "end_date"]
    autocomplete_fields = ["organization"]
    extra = 1


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "nationality", "description"]}),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    inlines = [RoleInline]
    autocomplete_fields = ["nationality"]
    list_display = ["name", "current_title", "story_count"]

    def get_queryset(self, request):
        # One prefetch for the "current title" column instead of a query per row.
        roles = Role.objects.select_related("organization")
        return super().get_queryset(request).prefetch_related(Prefetch("roles", queryset=roles))

    @admin.display(description="current title")
    def current_title(self, person: Person) -> str:
        role = person.role_on(timezone.localdate())
        return role.display_title if role else ""


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "parent", "country", "aliases", "description"]}),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    autocomplete_fields = ["parent", "country"]
    list_display = ["name", "kind", "parent", "country", "story_count"]
    list_filter = ["kind"]
    list_select_related = ["parent", "country"]


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "parent", "country_code", "aliases", "description"]}),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    autocomplete_fields = ["parent"]
    list_display = ["name", "kind", "parent", "country_code", "story_count"]
    list_filter = ["kind"]
    list_select_related = ["parent"]


@admin.register(Source)
class SourceAdmin(EntityAdmin):
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "url", "organization", "country", "language", "aliases"]}),
        ("Editors' notes", {"fields": ["reliability_note", "description"]}),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    autocomplete_fields = ["organization", "country"]
    list_display = ["name", "kind", "organization", "country", "language", "attribution_count"]
    list_filter = ["kind", "language"]
    list_select_related = ["organization", "country"]
    # Sources are attributed, not mentioned.
    story_relation = "attributions"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    @admin.display(description="attributions", ordering="story_count")
    def attribution_count(self, source: Source) -> int:
        return source.story_count


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__name", "person__aliases", "title", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    list_filter = ["organization__kind"]
