"""
The authority file in the admin. This app knows nothing of stories:
``articles.admin`` re-registers these admins with the story counts and the
story inlines, through the reverse relations it owns.
"""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.db import models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from reversion.admin import VersionAdmin

from .forms import EntityAdminForm
from .models import Organization, Person, Place, Role, Source


def is_change_list(request) -> bool:
    """Whether the admin view is a change list (not a form, an autocomplete or a popup lookup's form).

    What only the list shows (counts, current titles) is loaded only there:
    at a hundred thousand entities, the autocomplete asked for every keystroke
    must not pay for it.
    """
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name and match.url_name.endswith("_changelist"))


class VersionedAdmin(VersionAdmin):
    """Revisions and the optimistic lock together: a revert is checked against what is stored now.

    Reverting restores the old revision's fields, its version number among
    them. The live number is read under a row lock and put back on the
    reverted record, so the revert form claims the current version (a save
    made meanwhile makes it stale) and the number never goes back.
    """

    def revision_view(self, request, object_id, version_id, extra_context=None):
        with transaction.atomic():
            request._live_version = (
                self.model._default_manager.select_for_update()
                .filter(pk=unquote(object_id))
                .values_list("version", flat=True)
                .first()
            )
            if request.method == "POST" and request._live_version is not None:
                self.before_revert(request, unquote(object_id))
            return super().revision_view(request, object_id, version_id, extra_context)

    def before_revert(self, request, object_id) -> None:
        """What to note, under the row lock, before a revert is saved."""

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        live = getattr(request, "_live_version", None)
        if obj is not None and live is not None and obj.version != live:
            # Inside the revision view's transaction: rolled back unless the revert is saved.
            self.model._default_manager.filter(pk=obj.pk).update(version=live)
            obj.version = live
        return obj


class EntityAdmin(VersionedAdmin):
    """What every entity admin shares: name and alias search, a prepopulated slug, revisions, and the
    optimistic lock (the hidden ``version`` field travels in the first fieldset)."""

    form = EntityAdminForm
    # The model field is not editable; the form's declared hidden field carries it.
    exclude = ["version"]
    history_latest_first = True
    search_fields = ["name", "aliases", "slug"]
    prepopulated_fields = {"slug": ["name"]}
    list_per_page = 50
    ordering = ["name"]


class RoleInline(admin.TabularInline):
    model = Role
    fields = ["title", "organization", "start_date", "end_date"]
    autocomplete_fields = ["organization"]
    extra = 1


@admin.register(Person)
class PersonAdmin(EntityAdmin):
    fieldsets = [
        (None, {"fields": ["name", "slug", "aliases", "nationality", "description", "version", "save_anyway"]}),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    inlines = [RoleInline]
    autocomplete_fields = ["nationality"]
    list_display = ["name", "current_title"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_change_list(request):
            # One prefetch for the "current title" column instead of a query per row.
            roles = Role.objects.select_related("organization")
            queryset = queryset.prefetch_related(Prefetch("roles", queryset=roles))
        return queryset

    @admin.display(description="current title")
    def current_title(self, person: Person) -> str:
        role = person.role_on(timezone.localdate())
        return role.display_title if role else ""


@admin.register(Organization)
class OrganizationAdmin(EntityAdmin):
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "kind",
                    "parent",
                    "country",
                    "aliases",
                    "description",
                    "version",
                    "save_anyway",
                ]
            },
        ),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    autocomplete_fields = ["parent", "country"]
    list_display = ["name", "kind", "parent", "country"]
    list_filter = ["kind"]
    list_select_related = ["parent", "country"]


@admin.register(Place)
class PlaceAdmin(EntityAdmin):
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "kind",
                    "parent",
                    "country_code",
                    "aliases",
                    "description",
                    "version",
                    "save_anyway",
                ]
            },
        ),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    autocomplete_fields = ["parent"]
    list_display = ["name", "kind", "parent", "country_code"]
    list_filter = ["kind"]
    list_select_related = ["parent"]


@admin.register(Source)
class SourceAdmin(EntityAdmin):
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "name",
                    "slug",
                    "kind",
                    "url",
                    "organization",
                    "country",
                    "language",
                    "aliases",
                    "version",
                    "save_anyway",
                ]
            },
        ),
        ("Editors' notes", {"fields": ["reliability_note", "description"]}),
        ("Reference", {"fields": ["wikidata_id"], "classes": ["collapse"]}),
    ]
    autocomplete_fields = ["organization", "country"]
    list_display = ["name", "kind", "organization", "country", "language"]
    list_filter = ["kind", "language"]
    list_select_related = ["organization", "country"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Role)
class RoleAdmin(admin.ModelAdmin):
    list_display = ["person", "title", "organization", "start_date", "end_date"]
    list_select_related = ["person", "organization"]
    search_fields = ["person__name", "person__aliases", "title", "organization__name"]
    autocomplete_fields = ["person", "organization"]
    list_filter = ["organization__kind"]
