"""
The newsroom: stories with their links to the authority file, sections, and
the story lists added to the entity admins (which cannot import articles).

Every save of a story through here is a django-reversion revision, is refused
when someone else saved the story after the editor opened it (see
``ArticleAdminForm``), and renders the story once however many inlines change.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.http import Http404
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import Truncator
from reversion import set_comment
from reversion.admin import VersionAdmin

from entities.admin import PersonAdmin, SourceAdmin
from entities.models import Person, Source

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
)
from .services import (
    articles_archive,
    articles_publish,
    articles_unpublish,
    deferred_rendering,
    rerender_articles,
)
from .suggestions import accept_all, analyse_article, decide, open_suggestions, suggestion_item


def confirmed_count(relation: str) -> Count:
    return Count(relation, filter=Q(**{f"{relation}__status": LinkStatus.CONFIRMED}), distinct=True)


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


def suggestion_label(item) -> str:
    """How a proposal reads in the suggestions panel and in messages."""
    if isinstance(item, PersonMention):
        return item.person.name
    if isinstance(item, OrganizationMention):
        return item.organization.name
    if isinstance(item, PlaceMention):
        return item.place.name
    if isinstance(item, SourceAttribution):
        return f"{item.source.name} ({item.get_kind_display().lower()}: “{item.cue}”)"
    if isinstance(item, Quote):
        speaker = item.speaker.name if item.speaker else item.speaker_name or "speaker unknown"
        return f"“{Truncator(item.text).chars(90)}” — {speaker}"
    if isinstance(item, CrossReference):
        when = f"{item.to_article.published_at:%d %b %Y}" if item.to_article.published_at else "undated"
        return f"“{item.anchor_text}” → {item.to_article.headline} ({when})"
    details = ", ".join(f"{key.replace('_', ' ')}: {value}" for key, value in item.data.items() if value)
    return f"{item.get_kind_display()}: {item.name}" + (f" ({details})" if details else "")


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
    list_display = [
        "headline",
        "section",
        "status",
        "published_at",
        "people_count",
        "source_count",
        "reference_count",
        "public_link",
    ]
    list_filter = ["status", "section", TagListFilter]
    list_select_related = ["section"]
    date_hierarchy = "published_at"
    search_fields = ["headline", "standfirst", "body", "slug"]
    # Undated drafts first on every database, then the newest stories.
    ordering = [F("published_at").desc(nulls_first=True), "-pk"]
    actions = ["publish_now", "unpublish", "archive"]
    history_latest_first = True

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                people_count=confirmed_count("person_mentions"),
                source_count=confirmed_count("attributions"),
                reference_count=confirmed_count("outgoing_references"),
            )
        )

    @admin.display(description="people", ordering="people_count")
    def people_count(self, article: Article) -> int:
        return article.people_count

    @admin.display(description="sources", ordering="source_count")
    def source_count(self, article: Article) -> int:
        return article.source_count

    @admin.display(description="links", ordering="reference_count")
    def reference_count(self, article: Article) -> int:
        return article.reference_count

    @admin.display(description="on the site")
    def public_link(self, article: Article):
        if not article.is_published:
            return ""
        return format_html('<a href="{}" target="_blank" rel="noopener">View</a>', article.get_absolute_url())

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

    def analyse_view(self, request, object_id):
        article = self._story_for_change(request, object_id)
        report = analyse_article(article)
        self.message_user(request, f"Analysis done: {report}.", messages.SUCCESS)
        return self._back_to_story(article)

    def decide_view(self, request, object_id):
        article = self._story_for_change(request, object_id)
        decision = request.POST.get("decision")
        try:
            if decision == "accept_all":
                count = accept_all(article)
                self.message_user(request, f"Accepted {count} suggestion{pluralize(count)}.", messages.SUCCESS)
            elif decision in {"accept", "reject"}:
                item = suggestion_item(article, request.POST.get("item", ""))
                label = suggestion_label(item)
                decide(item, accept=decision == "accept")
                done = "Accepted" if decision == "accept" else "Rejected"
                self.message_user(request, f"{done}: {label}.", messages.SUCCESS)
            else:
                self.message_user(request, "Choose accept or reject.", messages.ERROR)
        except ValidationError as error:
            self.message_user(request, "Not accepted: " + " ".join(error.messages), messages.ERROR)
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
# import articles: the entity admins are re-registered with these inlines.


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
    def published_at(self, link):
        return link.article.published_at


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


class SourceWithAttributionsAdmin(SourceAdmin):
    inlines = [*SourceAdmin.inlines, AttributionOfSourceInline]


class PersonWithMentionsAdmin(PersonAdmin):
    inlines = [*PersonAdmin.inlines, MentionOfPersonInline]


for _model, _admin in ((Source, SourceWithAttributionsAdmin), (Person, PersonWithMentionsAdmin)):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
    admin.site.register(_model, _admin)
