"""
Merging people, organisations, places and sources in the admin, and refusing
to delete one that stories link to (the merge is offered instead).

Only users who may delete the entity may merge it: the losers are deleted.
The work is ``articles.merging.entities_merge``.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from ..links import listing_link_type
from ..merging import entities_merge, stories_linking
from .common import local_time

# How many of an entity's stories the refused delete page names.
SHOWN_STORIES = 20


class EntityMergeForm(forms.Form):
    """Which entity to keep: one of those selected, or, merging a single one, any other of its kind."""

    survivor = forms.ModelChoiceField(queryset=None, label="Keep", empty_label=None)

    def __init__(self, *args, entities, admin_site, **kwargs):
        super().__init__(*args, **kwargs)
        self.entities = entities
        model = type(entities[0])
        field = self.fields["survivor"]
        # The widget first: setting the queryset hands it the choices.
        if len(entities) > 1:
            field.widget = forms.RadioSelect()
            field.queryset = model._default_manager.filter(pk__in=[entity.pk for entity in entities])
            field.initial = entities[0].pk
        else:
            link_type = listing_link_type(model)
            field.widget = AutocompleteSelect(link_type.model._meta.get_field(link_type.target_field), admin_site)
            field.queryset = model._default_manager.exclude(pk=entities[0].pk)
            field.label = "Merge into"

    def losers(self):
        survivor = self.cleaned_data["survivor"]
        return [entity for entity in self.entities if entity.pk != survivor.pk]


class EntityMergeAdminMixin:
    """A "Merge selected…" action and a merge page, and a delete page that names the stories instead."""

    change_form_template = "admin/entities/change_form.html"
    delete_confirmation_template = "admin/entities/delete_confirmation.html"
    delete_selected_confirmation_template = "admin/entities/delete_selected_confirmation.html"

    actions = ["merge_selected"]

    @admin.action(description="Merge selected %(verbose_name_plural)s…", permissions=["delete"])
    def merge_selected(self, request, queryset):
        ids = ",".join(str(pk) for pk in queryset.values_list("pk", flat=True))
        return redirect(f"{reverse(self._merge_url_name())}?ids={ids}")

    def _merge_url_name(self) -> str:
        opts = self.model._meta
        return f"admin:{opts.app_label}_{opts.model_name}_merge"

    def get_urls(self):
        opts = self.model._meta
        view = self.admin_site.admin_view(self.merge_view)
        return [path("merge/", view, name=f"{opts.app_label}_{opts.model_name}_merge"), *super().get_urls()]

    def merge_view(self, request):
        if not (self.has_delete_permission(request) and self.has_change_permission(request)):
            raise PermissionDenied
        ids = [pk for pk in request.GET.get("ids", "").split(",") if pk.isdigit()]
        entities = list(self.model._default_manager.filter(pk__in=ids).order_by("name"))
        if not entities:
            self.message_user(request, f"Choose the {self.model._meta.verbose_name_plural} to merge.", messages.WARNING)
            return redirect(reverse(f"admin:{self.model._meta.app_label}_{self.model._meta.model_name}_changelist"))
        form = EntityMergeForm(request.POST or None, entities=entities, admin_site=self.admin_site)
        if request.method == "POST" and form.is_valid():
            survivor = form.cleaned_data["survivor"]
            report = entities_merge(survivor, form.losers(), user=request.user)
            self.message_user(request, str(report), messages.SUCCESS)
            opts = self.model._meta
            return redirect(reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[survivor.pk]))
        context = {
            **self.admin_site.each_context(request),
            "title": f"Merge {self.model._meta.verbose_name_plural}",
            "subtitle": None,
            "opts": self.model._meta,
            "form": form,
            "entities": [(entity, stories_linking(entity).count()) for entity in entities],
            "media": self.media + form.media,
        }
        return TemplateResponse(request, "admin/entities/merge.html", context)

    def get_deleted_objects(self, objs, request):
        """Name the stories that link an entity, instead of Django's list of "protected" link rows."""
        deleted, model_count, perms_needed, protected = super().get_deleted_objects(objs, request)
        linked = []
        for entity in objs:
            stories = stories_linking(entity)
            shown = [self._story_item(story) for story in stories[:SHOWN_STORIES]]
            if shown:
                more = stories.count() - len(shown)
                linked += [entity.name, shown + ([f"… and {more} more"] if more > 0 else [])]
        if linked:
            # For the page's "merge instead" link (the bulk delete action builds its own context).
            request.merge_url = f"{reverse(self._merge_url_name())}?ids={','.join(str(obj.pk) for obj in objs)}"
            protected = linked
        return deleted, model_count, perms_needed, protected

    @staticmethod
    def _story_item(story):
        url = reverse("admin:articles_article_change", args=[story.pk])
        when = local_time(story.published_at) or story.get_status_display()
        return format_html('<a href="{}">{}</a> — {}', url, story.headline, when)
