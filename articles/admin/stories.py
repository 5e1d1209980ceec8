"""
The story admin. Every change to a story through here is a django-reversion
revision (saves, reverts, and the suggestion panel's decisions alike), is
refused when someone else saved the story after the editor opened it (see
``ArticleAdminForm``), and renders the story once however many inlines
change. A revert never undoes an editor's rejection (see
``ArticleAdmin.before_revert``), nor the story's status and publication
times (see ``ArticleAdmin.revision_view``).

Roles: the screen offers only what the user's role may do (``workflow``
says what), and refuses with 403 what it does not offer: a status the role
cannot reach, an action it lacks, a story that is not the reporter's draft,
a new authority-file entry the user may not add.
"""

from collections import Counter
from functools import partial

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Case, F, IntegerField, Value, When
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from reversion import set_comment
from reversion.models import Version

from entities.admin import VersionedAdmin, is_change_list
from entities.models import Source

from .. import workflow
from ..forms import ArticleAdminForm
from ..link_checks import keep_link, remove_link, unsupported_count, unsupported_item
from ..models import (
    Article,
    CrossReference,
    PersonMention,
    SourceAttribution,
    StoryAnalysis,
    Suggestion,
)
from ..preview import preview_expires_at, preview_path
from ..querysets import published_q, scheduled_q
from ..revisions import compare, revision_holds_tags
from ..services import (
    article_transition,
    articles_transition,
    deferred_rendering,
    rerender_articles,
    revert_keeps,
)
from ..suggestions import (
    AnalysisReport,
    accept_all,
    decide,
    rejected_links,
    restore_rejections,
    suggestion_item,
)
from ..tasks import request_analysis
from ..views import preview_response
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
    TransitionInline,
)
from .panel import suggestion_groups, suggestion_label, suggestion_name, unsupported_group

# What the list's actions do: the workflow step and how the report says it.
ACTION_STEPS = {
    "submit_for_review": (Article.Status.IN_REVIEW, "submitted for review"),
    "publish_now": (Article.Status.PUBLISHED, "published"),
    "unpublish": (Article.Status.DRAFT, "moved back to draft"),
    "archive": (Article.Status.ARCHIVED, "archived"),
    "reopen": (Article.Status.DRAFT, "reopened as drafts"),
}


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


ANALYSIS_QUEUED = "Analysis requested: its suggestions appear in the panel below when it is done."


class AnalysisFilter(admin.SimpleListFilter):
    """Where each story's analysis stands (it runs in a job after a save)."""

    title = "analysis"
    parameter_name = "analysis"

    def lookups(self, request, model_admin):
        return [*StoryAnalysis.Status.choices, ("never", "never analysed")]

    def queryset(self, request, queryset):
        if self.value() == "never":
            return queryset.filter(analysis__isnull=True)
        if self.value() in StoryAnalysis.Status.values:
            return queryset.filter(analysis__status=self.value())
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


class CitedSourceFilter(admin.SimpleListFilter):
    """Stories with a confirmed attribution to one source: where the sourcing desk's rows lead.

    Shown only when set (choosing among every source belongs to the desk).
    """

    title = "cites"
    parameter_name = "cited_source"

    def lookups(self, request, model_admin):
        value = self.value()
        if not value or not value.isdigit():
            return []
        return list(Source.objects.filter(pk=value).values_list("pk", "name"))

    def has_output(self):
        return self.value() is not None

    def queryset(self, request, queryset):
        if self.value() and self.value().isdigit():
            cited = SourceAttribution.objects.confirmed().filter(source_id=self.value())
            return queryset.filter(pk__in=cited.values("article_id"))
        return queryset


class OwnerFilter(admin.SimpleListFilter):
    title = "written by"
    parameter_name = "owner"

    def lookups(self, request, model_admin):
        return [("me", "Me")]

    def queryset(self, request, queryset):
        if self.value() == "me":
            return queryset.owned_by(request.user)
        return queryset


def story_pk(object_id: str) -> int:
    """The story's id from an admin address; anything else there is a 404, not a 500."""
    try:
        return int(unquote(object_id))
    except ValueError:
        raise Http404("No such story.") from None


@admin.register(Article)
class ArticleAdmin(VersionedAdmin):
    form = ArticleAdminForm
    # The form's declared fields carry these; the model is changed by the
    # lock (version) and the workflow service (status), never by the form.
    exclude = ["version", "status"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "standfirst", "body", "section", "tags", "dateline_place"]}),
        (
            "Publishing",
            {
                "fields": [
                    "stage",
                    "status",
                    "go_live_at",
                    "transition_comment",
                    "published_at",
                    "updated_at",
                    "created_by",
                    "version",
                ]
            },
        ),
        (
            "Lead photo",
            {
                "fields": ["lead_image", "lead_image_caption"],
                "description": "Choose from the photo library (add new photos there). "
                "A photo goes in the body on a line of its own: [image:42], or [image:42 A caption for this story].",
            },
        ),
    ]
    readonly_fields = ["stage", "published_at", "updated_at", "created_by"]
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
        TransitionInline,
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
        "analysis_state",
    ]
    list_display_links = ["headline"]
    list_filter = [VisibilityFilter, "status", "section", TagListFilter, OwnerFilter, CitedSourceFilter, AnalysisFilter]
    list_select_related = ["section", "analysis"]
    date_hierarchy = "published_at"
    search_fields = ["headline", "standfirst", "body", "slug"]
    change_list_template = "admin/articles/article/change_list.html"
    # Undated drafts first on every database, then the newest stories.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    actions = list(ACTION_STEPS)
    history_latest_first = True
    object_history_template = "admin/articles/article/object_history.html"

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

    @admin.display(description="analysis", ordering="analysis__status")
    def analysis_state(self, article: Article) -> str:
        analysis = getattr(article, "analysis", None)
        return analysis.get_status_display() if analysis else "–"

    @admin.display(description="people", ordering="people_count")
    def people_count(self, article: Article) -> int:
        return article.people_count

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, article: Article) -> int:
        return article.source_count

    @admin.display(description="links", ordering="reference_count")
    def reference_count(self, article: Article) -> int:
        return article.reference_count

    @admin.display(description="now")
    def stage(self, article: Article) -> str:
        """Where the story is, in words, with the time that matters."""
        if article.pk is None:
            return "New story (draft)"
        if article.is_scheduled:
            return f"Scheduled — goes live {local_time(article.goes_live_at)}"
        if article.is_published:
            return f"Published — on the site since {local_time(article.goes_live_at)}"
        if article.is_archived_record:
            return "Archived — still at its address, with an “archived” notice"
        return article.get_status_display()

    def view_on_site(self, article: Article):
        # Only stories readers can open; a draft's address would be a 404 (its preview is a button).
        return article.get_absolute_url() if article.is_published or article.is_archived_record else None

    # Who may do what: the workflow's rules, asked for each story.

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and workflow.may_edit(request.user, obj)

    def has_publish_permission(self, request) -> bool:
        return workflow.can_publish(request.user)

    def _fields_not_offered(self, request, obj) -> set[str]:
        """A view-only story has no step to take; a reporter sets no times."""
        if obj is not None and not self.has_change_permission(request, obj):
            return {"status", "go_live_at", "transition_comment", "version"}
        if not workflow.can_publish(request.user):
            return {"go_live_at"}
        return set()

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        # The lock's hidden version stays in every form (it is not shown when read-only).
        hidden = self._fields_not_offered(request, obj) - {"version"}
        form = type(form.__name__, (form,), {"workflow_user": request.user})
        form.base_fields = {name: field for name, field in form.base_fields.items() if name not in hidden}
        return form

    def get_fieldsets(self, request, obj=None):
        hidden = self._fields_not_offered(request, obj)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def changelist_view(self, request, extra_context=None):
        # An action the list does not offer this user is refused, not ignored.
        action = request.POST.get("action") if request.method == "POST" else None
        if action and action not in self.get_actions(request):
            known = {name for _, name, _ in self._get_base_actions()}
            if action in known:
                raise PermissionDenied
        return super().changelist_view(request, extra_context)

    # Saving.

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST":
            # A status this role can never reach is a forged request, not a mistake.
            requested = request.POST.get("status")
            if requested and requested not in workflow.reachable_statuses(request.user):
                raise PermissionDenied
        if object_id:
            article = self.get_object(request, unquote(object_id))
            if article is not None:
                extra_context = {
                    **(extra_context or {}),
                    "suggestion_groups": suggestion_groups(article, request.user),
                    "unsupported_group": unsupported_group(article),
                    "analysis": StoryAnalysis.objects.filter(article=article).first(),
                    "preview_url": reverse("admin:articles_article_preview", args=[article.pk]),
                }
        # Each saved inline asks for a re-render; collect them and render the story once.
        with deferred_rendering():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

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
        # A new or rewritten story is read again for its people, sources, quotes and
        # links: in a job after the save commits, never holding the save up.
        # A revert takes away the links proposed after its revision: propose again.
        reverted = getattr(request, "_article_live", None) is not None
        if not change or reverted or {"body", "headline"} & set(form.changed_data):
            request_analysis(form.instance.pk)
            message = ANALYSIS_QUEUED
            # What the save itself took off (links follow the text): the editor hears of it now.
            unsupported = unsupported_count(form.instance)
            if unsupported:
                message += f" {AnalysisReport(Counter(), unsupported=unsupported).no_longer_in_text}."
            self.message_user(request, message, messages.INFO)
        # The status step last, once the text and the links are stored.
        step = form.requested_step
        if step is not None:
            to, at, comment = step
            article_transition(form.instance, to=to, user=request.user, at=at, comment=comment)

    def before_revert(self, request, object_id) -> None:
        # The revert deletes the links made after the old revision and puts
        # back their old statuses. A rejection is the editor's standing
        # decision (it keeps the analysis from proposing the link again):
        # note them now, and ``save_related`` restores them when the revert
        # is saved, inside its transaction and its revision.
        request._rejections_before_revert = rejected_links(object_id)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting restores the old revision's fields: its words, but also its
        # status and times. Remember the live row: the revert never moves the
        # story through the workflow nor rewrites its times (see
        # ``services.revert_keeps``; the version is ``VersionedAdmin``'s).
        request._article_live = Article.objects.filter(pk=story_pk(object_id)).values().first()
        # A revision saved before tags were part of revisions knows nothing of
        # them; restoring it must not take the story's tags away.
        request._tags_before_revert = None
        if request._article_live is not None and not revision_holds_tags(version_id):
            request._tags_before_revert = list(
                Article.objects.get(pk=unquote(object_id)).tags.values_list("name", flat=True)
            )
        return super().revision_view(request, object_id, version_id, extra_context)

    # Bringing back a deleted story is the desk's call, like deleting it.

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_delete_permission(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        live = getattr(request, "_article_live", None)
        if article is not None and live is not None:
            kept = revert_keeps(live, article)
            if kept:
                # Inside the revision view's transaction: rolled back unless the revert is saved.
                Article.objects.filter(pk=article.pk).update(**kept)
                for name, value in kept.items():
                    setattr(article, name, value)
            tags = getattr(request, "_tags_before_revert", None)
            if tags is not None:
                article.tags.set(tags)
        return article

    # The story analysis: proposals for the editor to accept or reject.

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<path:object_id>/analyse/", view(self.analyse_view), name="articles_article_analyse"),
            path("<path:object_id>/suggestions/", view(self.decide_view), name="articles_article_decide"),
            path("<path:object_id>/preview/", view(self.preview_view), name="articles_article_preview"),
            path("<path:object_id>/compare/", view(self.compare_view), name="articles_article_compare"),
            *super().get_urls(),
        ]

    def _story_for_change(self, request, object_id) -> Article:
        """The story, if the user may change it (else 403); the panel's buttons only post."""
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

    def preview_view(self, request, object_id):
        """The story as readers will see it, whatever its status, with a link to share it."""
        article = Article.objects.for_story_page().filter(pk=story_pk(object_id)).first()
        if article is None:
            raise Http404("No such story.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return preview_response(
            request,
            article,
            share_url=request.build_absolute_uri(preview_path(article)),
            share_expires_at=preview_expires_at(),
        )

    # Revisions you can read.

    def history_view(self, request, object_id, extra_context=None):
        response = super().history_view(request, object_id, extra_context)
        if not isinstance(response, TemplateResponse):
            return response  # no such story: the admin's redirect with its message
        # Each row's version, for choosing two to compare (the revision view's address ends with it).
        for action in response.context_data.get("action_list", []):
            action["version_id"] = int(action["url"].rstrip("/").rsplit("/", 1)[-1])
        response.context_data["compare_url"] = reverse("admin:articles_article_compare", args=[object_id])
        return response

    def compare_view(self, request, object_id):
        """Two revisions of the story side by side: fields, the body as a diff, links added and removed."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such story.")
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        versions = Version.objects.get_for_object(article).select_related("revision__user")
        chosen = [request.GET.get("from", ""), request.GET.get("to", "")]
        if not all(value.isdigit() for value in chosen):
            latest = list(versions[:2])
            if len(latest) < 2:
                self.message_user(request, "The story has only one revision: nothing to compare yet.", messages.INFO)
                return redirect(reverse("admin:articles_article_history", args=[article.pk]))
            chosen = [str(latest[1].pk), str(latest[0].pk)]
        found = {version.pk: version for version in versions.filter(pk__in=chosen)}
        if len(found) != len(set(chosen)):
            raise Http404("No such revision of this story.")
        # Older on the left, whichever order they were chosen in.
        old, new = sorted((found[int(chosen[0])], found[int(chosen[1])]), key=lambda v: v.revision.date_created)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": article,
            "title": f"Compare revisions of “{article}”",
            "comparison": compare(old, new),
            "restore_url": reverse("admin:articles_article_revision", args=[article.pk, old.pk]),
            "may_restore": self.has_change_permission(request, article),
        }
        return TemplateResponse(request, "admin/articles/article/compare.html", context)

    def analyse_view(self, request, object_id):
        article = self._story_for_change(request, object_id)
        request_analysis(article.pk, revision_by=request.user.pk)
        self.message_user(request, ANALYSIS_QUEUED, messages.SUCCESS)
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
                    count = accept_all(article, may_accept=partial(workflow.may_accept, request.user))
                    if count:
                        self._record_revision(article, f"Accepted all {count} suggestion{pluralize(count)}")
                    message = f"Accepted {count} suggestion{pluralize(count)}."
                    waiting = article.suggestions.suggested().count()
                    if waiting:
                        entries = f"{waiting} new entr{pluralize(waiting, 'y,ies')} for the authority file"
                        message += f" {entries} {pluralize(waiting, 'waits,wait')} for someone who may add to it."
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
                    if decision == "accept" and isinstance(item, Suggestion) and not workflow.may_accept(request.user, item):
                        # Proposing is for everyone; adding to the authority file is for those who may.
                        raise PermissionDenied
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

    # Actions: thin, the workflow service does the saving.

    def _take_step(self, request, queryset, action: str) -> None:
        to, done = ACTION_STEPS[action]
        verb = getattr(self, action).short_description
        set_comment(f"{verb} from the story list.")
        try:
            result = articles_transition(queryset, to=to, user=request.user, comment=f"{verb} from the story list.")
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            self.message_user(request, f"Nothing was {done}. {reason}", messages.ERROR)
            return
        count = len(result.done)
        noun = "story was" if count == 1 else "stories were"
        self.message_user(request, f"{count} {noun} {done}.", messages.SUCCESS if count else messages.WARNING)
        for article, reason in result.skipped:
            self.message_user(request, f"Left as it was: {reason.rstrip('.')} (“{article}”).", messages.WARNING)

    @admin.action(description="Submit for review", permissions=["change"])
    def submit_for_review(self, request, queryset):
        self._take_step(request, queryset, "submit_for_review")

    @admin.action(description="Publish now", permissions=["publish"])
    def publish_now(self, request, queryset):
        self._take_step(request, queryset, "publish_now")

    @admin.action(description="Unpublish (back to draft)", permissions=["publish"])
    def unpublish(self, request, queryset):
        self._take_step(request, queryset, "unpublish")

    @admin.action(description="Archive", permissions=["publish"])
    def archive(self, request, queryset):
        self._take_step(request, queryset, "archive")

    @admin.action(description="Reopen as a draft", permissions=["publish"])
    def reopen(self, request, queryset):
        self._take_step(request, queryset, "reopen")
