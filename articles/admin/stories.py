"""
The story admin. Every change to a story through here is a django-reversion
revision (saves, reverts, and the suggestion panel's decisions alike), is
refused when someone else saved the story after the editor opened it (see
``ArticleAdminForm``), and renders the story once however many inlines
change. A revert never undoes an editor's rejection (see
``ArticleAdmin.before_revert``).
"""

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion import set_comment

from entities.admin import VersionedAdmin, is_change_list

from ..forms import ArticleAdminForm
from ..link_checks import keep_link, remove_link, unsupported_item
from ..models import (
    Article,
    CrossReference,
    PersonMention,
    SourceAttribution,
)
from ..querysets import published_q, scheduled_q
from ..services import (
    articles_archive,
    articles_publish,
    articles_unpublish,
    deferred_rendering,
    rerender_articles,
)
from ..suggestions import (
    accept_all,
    analyse_article,
    decide,
    rejected_links,
    restore_rejections,
    suggestion_item,
)
from .common import confirmed_count, is_autocomplete, local_time
from .inlines import (
    BylineInline,
    CorrectionInline,
    CrossReferenceInline,
    FormerAddressInline,
    OrganizationMentionInline,
    PersonMentionInline,
    PlaceMentionInline,
    QuoteInline,
    SourceAttributionInline,
)
from .panel import suggestion_groups, suggestion_label, suggestion_name, unsupported_group


class VisibilityFilter(admin.SimpleListFilter):
    """What readers see now, whatever the status says: a "published" story with a future time is not live."""

    title = "visibility"
    parameter_name = "visibility"

    def lookups(self, request, model_admin):
        return [("live", "Live on the site"), ("scheduled", "Scheduled (future)"), ("not_published", "Not published")]

    def queryset(self, request, queryset):
        now = timezone.now()
        if self.value() == "live":
            return queryset.filter(published_q(now=now))
        if self.value() == "scheduled":
            return queryset.filter(scheduled_q(now=now))
        if self.value() == "not_published":
            return queryset.exclude(published_q(now=now)).exclude(scheduled_q(now=now))
        return queryset


class TagListFilter(admin.SimpleListFilter):
    title = "tag"
    parameter_name = "tag"

    def lookups(self, request, model_admin):
        # Only tags some story carries, in one query.
        return Article.tags.order_by("name").values_list("slug", "name")

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(tags__slug=self.value())
        return queryset


@admin.register(Article)
class ArticleAdmin(VersionedAdmin):
    form = ArticleAdminForm
    # The model field is not editable; the form's declared hidden field carries it.
    exclude = ["version"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "standfirst", "body", "section", "tags", "dateline_place"]}),
        ("Publishing", {"fields": ["status", "published_at", "version"]}),
        (
            "Lead photo",
            {
                "fields": ["lead_image", "lead_image_caption"],
                "description": "Choose from the photo library (add new photos there). "
                "A photo goes in the body on a line of its own: [image:42], or [image:42 A caption for this story].",
            },
        ),
    ]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["dateline_place", "lead_image"]
    inlines = [
        BylineInline,
        PersonMentionInline,
        OrganizationMentionInline,
        PlaceMentionInline,
        SourceAttributionInline,
        QuoteInline,
        CrossReferenceInline,
        CorrectionInline,
        FormerAddressInline,
    ]
    # Short titles and narrow count columns (see the change list template) leave
    # the width to the headlines; the public link sits in the status cell.
    list_display = [
        "headline",
        "section",
        "visibility",
        "published",
        "people_count",
        "source_count",
        "reference_count",
    ]
    list_display_links = ["headline"]
    list_filter = [VisibilityFilter, "status", "section", TagListFilter]
    list_select_related = ["section"]
    date_hierarchy = "published_at"
    search_fields = ["headline", "standfirst", "body", "slug"]
    change_list_template = "admin/articles/article/change_list.html"
    # Undated drafts first on every database, then the newest stories.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    actions = ["publish_now", "unpublish", "archive"]
    history_latest_first = True

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_change_list(request):
            queryset = queryset.annotate(
                people_count=confirmed_count(PersonMention, "article"),
                source_count=confirmed_count(SourceAttribution, "article"),
                reference_count=confirmed_count(CrossReference, "from_article"),
            )
        return queryset

    def get_search_fields(self, request):
        # The "earlier story" autocomplete asks on every keystroke: headlines
        # and addresses, not every body in the archive.
        if is_autocomplete(request):
            return ["headline", "slug"]
        return super().get_search_fields(request)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if is_autocomplete(request):
            # What readers can see first (an earlier story is what gets linked), newest first.
            live = Case(When(published_q(), then=Value(0)), default=Value(1), output_field=IntegerField())
            queryset = queryset.order_by(live, F("published_at").desc(nulls_last=True), "-pk").only(
                "headline", "slug", "status", "published_at"
            )
        return queryset, may_have_duplicates

    @admin.display(description="status", ordering="status")
    def visibility(self, article: Article):
        """The status as readers live it: a story whose time is still to come is scheduled, whatever its status."""
        if article.is_scheduled:
            return f"Scheduled — goes live {local_time(article.published_at)}"
        if article.is_published:
            return format_html(
                '{} · <a href="{}" target="_blank" rel="noopener" title="The story on the site">view</a>',
                Article.Status.PUBLISHED.label,
                article.get_absolute_url(),
            )
        return article.get_status_display()

    @admin.display(description="published", ordering="published_at")
    def published(self, article: Article) -> str:
        return local_time(article.published_at) or "–"

    @admin.display(description="people", ordering="people_count")
    def people_count(self, article: Article) -> int:
        return article.people_count

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, article: Article) -> int:
        return article.source_count

    @admin.display(description="links", ordering="reference_count")
    def reference_count(self, article: Article) -> int:
        return article.reference_count

    def view_on_site(self, article: Article):
        # Only stories readers can see; a draft's address would be a 404.
        return article.get_absolute_url() if article.is_published else None

    # Saving.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if object_id:
            article = self.get_object(request, unquote(object_id))
            if article is not None:
                extra_context = {
                    **(extra_context or {}),
                    "suggestion_groups": suggestion_groups(article),
                    "unsupported_group": unsupported_group(article),
                }
        # Each saved inline asks for a re-render; collect them and render the story once.
        with deferred_rendering():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Re-render from the links as saved: a reverted revision brings back its
        # old stored HTML, whose links may point to addresses that have changed
        # since. Inside ``deferred_rendering`` this is still one render.
        rejections = getattr(request, "_rejections_before_revert", None)
        if rejections:
            # Saving a revert: the editors' rejections outlive it (see ``revision_view``).
            restore_rejections(rejections)
        rerender_articles([form.instance.pk])
        # A new or rewritten story is read again for its people, sources, quotes and links.
        if not change or {"body", "headline"} & set(form.changed_data):
            report = analyse_article(form.instance)
            self.message_user(request, f"Analysis: {report}.", messages.INFO)

    def before_revert(self, request, object_id) -> None:
        # The revert deletes the links made after the old revision and puts
        # back their old statuses. A rejection is the editor's standing
        # decision (it keeps the analysis from proposing the link again):
        # note them now, and ``save_related`` restores them when the revert
        # is saved, inside its transaction and its revision.
        request._rejections_before_revert = rejected_links(object_id)

    # The story analysis: proposals for the editor to accept or reject.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/analyse/", view(self.analyse_view), name="articles_article_analyse"),
            path("<path:object_id>/suggestions/", view(self.decide_view), name="articles_article_decide"),
            *super().get_urls(),
        ]

    def _story_for_change(self, request, object_id) -> Article:
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        if request.method != "POST" or not self.has_change_permission(request, article):
            raise PermissionDenied
        return article

    def _back_to_story(self, article: Article):
        return redirect(reverse("admin:articles_article_change", args=[article.pk]) + "#suggestions")

    @staticmethod
    def _record_revision(article: Article, comment: str) -> None:
        """Make the story, as stored now with all its links, part of the current revision.

        The panel's services change links and bump the version with ``update()``;
        the story is read again so the revision holds what is stored.
        """
        reversion.set_comment(comment)
        reversion.add_to_revision(Article.objects.get(pk=article.pk))

    def analyse_view(self, request, object_id):
        article = self._story_for_change(request, object_id)
        with reversion.create_revision():
            reversion.set_user(request.user)
            report = analyse_article(article)
            if report.added:
                self._record_revision(article, f"Analysed the story: {report.summary}")
        self.message_user(request, f"Analysis done: {report}.", messages.SUCCESS)
        return self._back_to_story(article)

    def decide_view(self, request, object_id):
        article = self._story_for_change(request, object_id)
        decision = request.POST.get("decision")
        if decision not in {"accept_all", "accept", "reject", "keep", "remove"}:
            self.message_user(request, "Choose accept or reject, keep or remove.", messages.ERROR)
            return self._back_to_story(article)
        try:
            # A refused decision leaves the block by its exception: no revision, nothing stored.
            with reversion.create_revision():
                reversion.set_user(request.user)
                if decision == "accept_all":
                    count = accept_all(article)
                    if count:
                        self._record_revision(article, f"Accepted all {count} suggestion{pluralize(count)}")
                    message = f"Accepted {count} suggestion{pluralize(count)}."
                elif decision in {"keep", "remove"}:
                    # A link the text no longer supports: the editor keeps it deliberately, or lets it go.
                    link = unsupported_item(article, request.POST.get("item", ""))
                    label, name = suggestion_label(link), suggestion_name(link)
                    keep_link(link) if decision == "keep" else remove_link(link)
                    done = "Kept" if decision == "keep" else "Removed"
                    self._record_revision(article, f"{done} (no longer in the text): {name}")
                    message = f"{done}: {label}."
                else:
                    item = suggestion_item(article, request.POST.get("item", ""))
                    label, name = suggestion_label(item), suggestion_name(item)
                    decide(item, accept=decision == "accept")
                    done = "Accepted" if decision == "accept" else "Rejected"
                    self._record_revision(article, f"{done} suggestion: {name}")
                    message = f"{done}: {label}."
        except ValidationError as error:
            self.message_user(request, "Not accepted: " + " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)
        return self._back_to_story(article)

    # Actions: thin, the services do the saving.

    def _report(self, request, count: int, done: str) -> None:
        noun = "story was" if count == 1 else "stories were"
        self.message_user(request, f"{count} {noun} {done}.", messages.SUCCESS if count else messages.WARNING)

    @admin.action(description="Publish now", permissions=["change"])
    def publish_now(self, request, queryset):
        set_comment("Published from the story list.")
        try:
            published = articles_publish(queryset)
        except ValidationError as error:  # photos without alt text: nothing was published
            self.message_user(request, "Nothing was published. " + " ".join(error.messages), messages.ERROR)
            return
        self._report(request, published, "published")

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        set_comment("Unpublished from the story list.")
        self._report(request, articles_unpublish(queryset), "moved back to draft")

    @admin.action(description="Archive", permissions=["change"])
    def archive(self, request, queryset):
        set_comment("Archived from the story list.")
        self._report(request, articles_archive(queryset), "archived")
