"""
The sourcing desk: a report for the admins who keep source attributions
right. Which sources the newsroom's stories rest on (last 30 days and all
time), which stories rest on a single source, and which attributions give
no address to check the claim; by section and period. Every row leads to
its stories.

Reads are ``articles.sourcing``'s; this module is the form and the page.
"""

from __future__ import annotations

from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import urlencode

from ..models import Section
from ..sourcing import (
    RECENT_DAYS,
    DeskScope,
    attributions_without_url,
    single_source_stories,
    sources_by_attributions,
)

ROWS_PER_TABLE = 50
# Who the desk is for: those who manage sources (the Admin role).
DESK_PERMISSION = "entities.change_source"


class SourcingDeskForm(forms.Form):
    section = forms.ModelChoiceField(Section.objects.all(), required=False, empty_label="Every section")
    since = forms.DateField(required=False, label="From", widget=widgets.AdminDateWidget)
    until = forms.DateField(required=False, label="To", widget=widgets.AdminDateWidget)
    stories = forms.ChoiceField(
        choices=[("all", "Every story"), ("public", "Stories that have been public")], required=False
    )

    def clean(self):
        cleaned = super().clean()
        since, until = cleaned.get("since"), cleaned.get("until")
        if since and until and since > until:
            self.add_error("until", "The end of the period comes before its start.")
        return cleaned

    def scope(self) -> DeskScope:
        data = self.cleaned_data if self.is_valid() else {}
        return DeskScope(
            section=data.get("section"),
            since=data.get("since"),
            until=data.get("until"),
            public_only=data.get("stories") == "public",
        )


def stories_of_source_url(source_id: int, scope: DeskScope) -> str:
    """The story list, filtered to the stories citing the source within the desk's scope."""
    params = {"cited_source": source_id}
    if scope.section is not None:
        params["section__id__exact"] = scope.section.pk
    return reverse("admin:articles_article_changelist") + "?" + urlencode(params)


def sourcing_desk_view(request, model_admin):
    if not request.user.has_perm(DESK_PERMISSION):
        raise PermissionDenied
    form = SourcingDeskForm(request.GET or None)
    scope = form.scope()

    def page(items, name: str):
        return Paginator(items, ROWS_PER_TABLE).get_page(request.GET.get(name))

    sources = page(sources_by_attributions(scope), "sources_page")
    for row in sources.object_list:
        row["stories_url"] = stories_of_source_url(row["source"], scope)
        row["change_url"] = reverse("admin:entities_source_change", args=[row["source"]])
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": model_admin.model._meta,
        "title": "Sourcing desk",
        "form": form,
        "scope": scope,
        "recent_days": RECENT_DAYS,
        "sources": sources,
        "single_source": page(single_source_stories(scope), "single_page"),
        "without_url": page(attributions_without_url(scope), "url_page"),
        "query": request.GET.copy(),
    }
    return TemplateResponse(request, "admin/entities/source/sourcing_desk.html", context)
