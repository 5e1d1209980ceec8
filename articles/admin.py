"""
The newsroom: stories with their links to the authority file, sections, and
the story counts and lists added to the entity admins (which cannot import
articles).

Every change to a story through here is a django-reversion revision (saves,
reverts, and the suggestion panel's decisions alike), is refused when someone
else saved the story after the editor opened it (see ``ArticleAdminForm``),
and renders the story once however many inlines change. A revert never undoes
an editor's rejection (see ``ArticleAdmin.revision_view``).
"""

import datetime

import pycountry
import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Case, Count, F, IntegerField, OuterRef, Subquery, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils import dateformat, timezone
from django.utils.html import format_html
from django.utils.text import Truncator
from reversion import set_comment
from reversion.admin import VersionAdmin

from entities.admin import OrganizationAdmin, PersonAdmin, PlaceAdmin, SourceAdmin, is_change_list
from entities.models import Organization, Person, Place, Source

from .forms import ArticleAdminForm, CrossReferenceInlineFormSet
from .models import (
    Article,
    ArticleSlugHistory,
    Byline,
    Correction,
    CrossReference,
    LinkStatus,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    Section,
    SourceAttribution,
    Suggestion,
)
from .querysets import published_q, scheduled_q
from .services import (
    articles_archive,
    articles_publish,
    articles_unpublish,
    deferred_rendering,
    rerender_articles,
)
from .suggestions import (
    accept_all,
    analyse_article,
    decide,
    open_suggestions,
    rejected_links,
    restore_rejections,
    suggestion_item,
)


def confirmed_count(model: type[models.Model], owner: str) -> Coalesce:
    """How many confirmed ``model`` links point at each row, through their ``owner`` key.

    A correlated subquery rather than JOIN + GROUP BY: the database counts for
    the rows on the page only, and the change list's total ``count()`` leaves
    it out, where a GROUP BY would aggregate the whole table on every page.
    """
    links = (
        model.objects.filter(**{owner: OuterRef("pk")}, status=LinkStatus.CONFIRMED)
        .order_by()
        .values(owner)
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(links, output_field=IntegerField()), 0)


def local_time(value: datetime.datetime | None) -> str:
    """A time as the newsroom reads it: its own time zone, "25 Dec 2026, 09:00"."""
    if value is None:
        return ""
    return dateformat.format(timezone.localtime(value), "j M Y, H:i")


def is_autocomplete(request) -> bool:
    match = getattr(request, "resolver_match", None)
    return bool(match and match.url_name == "autocomplete")


def story_admin_link(article: Article):
    url = reverse("admin:articles_article_change", args=[article.pk])
    return format_html('<a href="{}">{}</a>', url, article.headline)


SUGGESTION_GROUPS = {
    "person": "People",
    "organization": "Organisations",
    "place": "Places",
    "source": "Sources",
    "quote": "Quotes",
    "reference": "Reported earlier",
    "new": "New to the authority file",
}


def country_name(code: str) -> str:
    """"LV" -> "Latvia"; a code pycountry does not know stays as it is."""
    try:
        country = pycountry.countries.get(alpha_2=code)
    except (KeyError, LookupError):
        country = None
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


def _choice_label(choices: type[models.TextChoices], value: str) -> str:
    return str(dict(choices.choices).get(value, value.replace("_", " ")))


# How each detail of a proposed new entity reads, in this order (the database
# may store them in any): its label and how its value is shown.
SUGGESTION_DETAILS = {
    "role": ("role", str),
    "place_kind": ("kind", lambda value: _choice_label(Place.Kind, value)),
    "source_kind": ("kind", lambda value: _choice_label(Source.Kind, value)),
    "attribution_kind": ("attribution", lambda value: _choice_label(SourceAttribution.Kind, value).lower()),
    "cue": ("cue", lambda value: f"“{value}”"),
    "organization": ("organisation", str),
    "parent_name": ("in", str),
    "country": ("country", country_name),
}


def suggestion_details(data: dict) -> str:
    """A new entity's proposed details in words: "role: Minister of Defence, country: Latvia"."""
    parts = []
    for key in [*(key for key in SUGGESTION_DETAILS if key in data), *sorted(set(data) - set(SUGGESTION_DETAILS))]:
        if not data[key]:
            continue
        label, show = SUGGESTION_DETAILS.get(key, (key.replace("_", " "), str))
        parts.append(f"{label}: {show(data[key])}")
    return ", ".join(parts)


def suggestion_name(item) -> str:
    """What a proposal is about, in a few words: the revision comments name it."""
    if isinstance(item, PersonMention):
        return item.person.name
    if isinstance(item, OrganizationMention):
        return item.organization.name
    if isinstance(item, PlaceMention):
        return item.place.name
    if isinstance(item, SourceAttribution):
        return item.source.name
    if isinstance(item, Quote):
        return f"“{Truncator(item.text).chars(60)}”"
    if isinstance(item, CrossReference):
        return item.to_article.headline
    return item.name


def suggestion_label(item) -> str:
    """How a proposal reads in the suggestions panel and in messages."""
    if isinstance(item, SourceAttribution):
        return f"{item.source.name} ({item.get_kind_display().lower()}: “{item.cue}”)"
    if isinstance(item, Quote):
        speaker = item.speaker.name if item.speaker else item.speaker_name or "speaker unknown"
        return f"“{Truncator(item.text).chars(90)}” — {speaker}"
    if isinstance(item, CrossReference):
        published = item.to_article.published_at
        when = dateformat.format(timezone.localtime(published), "j M Y") if published else "undated"
        return f"“{item.anchor_text}” → {item.to_article.headline} ({when})"
    if isinstance(item, Suggestion):
        details = suggestion_details(item.data)
        return f"{item.get_kind_display()}: {item.name}" + (f" ({details})" if details else "")
    return suggestion_name(item)


def suggestion_groups(article: Article) -> list[dict]:
    groups = []
    for kind, items in open_suggestions(article).items():
        if items:
            rows = [{"token": f"{kind}:{item.pk}", "label": suggestion_label(item), "evidence": item.evidence}
                    for item in items]
            groups.append({"title": SUGGESTION_GROUPS[kind], "rows": rows})
    return groups


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


# Inlines on the story.


class StoryInline(admin.TabularInline):
    """An inline whose rows print their linked objects: select them with the rows."""

    extra = 0
    select_related: tuple[str, ...] = ()

    def get_queryset(self, request):
        return super().get_queryset(request).select_related(*self.select_related)


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
    fields = ["source", "kind", "cue", "url", "status"]
    autocomplete_fields = ["source"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    select_related = ("source",)


class QuoteInline(LinkInline):
    model = Quote
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
class ArticleAdmin(VersionAdmin):
    form = ArticleAdminForm
    # The model field is not editable; the form's declared hidden field carries it.
    exclude = ["version"]
    fieldsets = [
        ("Story", {"fields": ["headline", "slug", "standfirst", "body", "section", "tags", "dateline_place"]}),
        ("Publishing", {"fields": ["status", "published_at", "version"]}),
        (
            "Lead image",
            {
                "classes": ["collapse"],
                "fields": ["lead_image", "lead_image_caption", "lead_image_credit", "lead_image_alt"],
            },
        ),
    ]
    prepopulated_fields = {"slug": ["headline"]}
    autocomplete_fields = ["dateline_place"]
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
                extra_context = {**(extra_context or {}), "suggestion_groups": suggestion_groups(article)}
        # Each saved inline asks for a re-render; collect them and render the story once.
        with deferred_rendering():
            return super().changeform_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        if change:
            # The form claimed the version the editor opened (and locked the row); move past it.
            obj.version = form.cleaned_data["version"] + 1
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
        # A new or rewritten story is read again for its people, sources, quotes and links.
        if not change or {"body", "headline"} & set(form.changed_data):
            report = analyse_article(form.instance)
            self.message_user(request, f"Analysis: {report}.", messages.INFO)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Reverting restores the old revision's fields, its version number among
        # them. Remember the live number (under a row lock) so the revert is
        # checked against what is stored now and the number never goes back.
        with transaction.atomic():
            request._article_live_version = (
                Article.objects.select_for_update()
                .filter(pk=unquote(object_id))
                .values_list("version", flat=True)
                .first()
            )
            # The revert deletes the links made after the old revision and puts
            # back their old statuses. A rejection is the editor's standing
            # decision (it keeps the analysis from proposing the link again):
            # note them now, and ``save_related`` restores them when the revert
            # is saved, inside its transaction and its revision.
            if request.method == "POST" and request._article_live_version is not None:
                request._rejections_before_revert = rejected_links(unquote(object_id))
            return super().revision_view(request, object_id, version_id, extra_context)

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        live = getattr(request, "_article_live_version", None)
        if article is not None and live is not None and article.version != live:
            # Inside the revision view's transaction: rolled back unless the revert is saved.
            Article.objects.filter(pk=article.pk).update(version=live)
            article.version = live
        return article

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
        if decision not in {"accept_all", "accept", "reject"}:
            self.message_user(request, "Choose accept or reject.", messages.ERROR)
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
        self._report(request, articles_publish(queryset), "published")

    @admin.action(description="Unpublish (back to draft)", permissions=["change"])
    def unpublish(self, request, queryset):
        set_comment("Unpublished from the story list.")
        self._report(request, articles_unpublish(queryset), "moved back to draft")

    @admin.action(description="Archive", permissions=["change"])
    def archive(self, request, queryset):
        set_comment("Archived from the story list.")
        self._report(request, articles_archive(queryset), "archived")


# The entity pages list their stories. Defined here because entities must not
# import articles: the entity admins are re-registered with the story counts
# and these inlines.


class ReadOnlyStoryLinkInline(admin.TabularInline):
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
    verbose_name_plural = "attributions in stories"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("source")


class MentionOfPersonInline(ReadOnlyStoryLinkInline):
    model = PersonMention
    fields = ["story", "published_at", "status"]
    readonly_fields = fields
    verbose_name = "mention in a story"
    verbose_name_plural = "mentions in stories"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person")


class StoryCountMixin:
    """The change list's count of the stories that confirmed an entity (mentions or attributions).

    Counted only on the change list: the forms and the autocomplete (asked on
    every keystroke) do not pay for it.
    """

    story_links: tuple[type[models.Model], str]  # the link model and its key to the entity

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if is_change_list(request):
            queryset = queryset.annotate(story_count=confirmed_count(*self.story_links))
        return queryset

    @admin.display(description="stories", ordering="story_count")
    def story_count(self, entity) -> int:
        return entity.story_count


class PersonWithStoriesAdmin(StoryCountMixin, PersonAdmin):
    story_links = (PersonMention, "person")
    list_display = [*PersonAdmin.list_display, "story_count"]
    inlines = [*PersonAdmin.inlines, MentionOfPersonInline]


class OrganizationWithStoriesAdmin(StoryCountMixin, OrganizationAdmin):
    story_links = (OrganizationMention, "organization")
    list_display = [*OrganizationAdmin.list_display, "story_count"]


class PlaceWithStoriesAdmin(StoryCountMixin, PlaceAdmin):
    story_links = (PlaceMention, "place")
    list_display = [*PlaceAdmin.list_display, "story_count"]


class SourceWithAttributionsAdmin(StoryCountMixin, SourceAdmin):
    # Sources are attributed, not mentioned: the column counts attributions.
    story_links = (SourceAttribution, "source")
    list_display = [*SourceAdmin.list_display, "attribution_count"]
    inlines = [*SourceAdmin.inlines, AttributionOfSourceInline]

    @admin.display(description="attributions", ordering="story_count")
    def attribution_count(self, source: Source) -> int:
        return source.story_count


for _model, _admin in (
    (Person, PersonWithStoriesAdmin),
    (Organization, OrganizationWithStoriesAdmin),
    (Place, PlaceWithStoriesAdmin),
    (Source, SourceWithAttributionsAdmin),
):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
