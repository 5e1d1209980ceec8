"""
The public reader site: front page, story pages, story lists, entity pages,
and previews of stories that are not public yet.

Views stay thin: each asks one queryset bundle for what its page shows
(``for_listing()``, ``for_story_page()``) and hands it to a template. Every
list below starts from ``Article.objects.published()``; a story's address
also answers for an archived record (``reachable()``), with its notice. A
preview shows any story, to staff or to whoever holds its signed link.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import groupby

from django.conf import settings
from django.core.paginator import InvalidPage, Page, Paginator
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from taggit.models import Tag

from entities.models import EntityFormerSlug, Organization, Person, Place, Source

from . import search as full_text
from .cache_tags import (
    ALL_STORIES,
    SEARCH,
    entity_context_tags,
    entity_tag,
    listing_tags,
    section_tag,
    story_page_tags,
    tag_tag,
)
from .cache_tags import tag_response as tagged_with
from .filters import ArticleFilter
from .models import Article, ArticleSlugHistory, Quote, Section, SourceAttribution, is_public
from .page_parts import story_parts
from .paging import LeanPage, page_of
from .preview import PreviewLinkExpired, PreviewLinkInvalid, article_id_from
from .querysets import public_role_q


def healthz(request: HttpRequest) -> JsonResponse:
    """200 when the app and its database answer and every migration is applied; 503 otherwise.

    A worker started with new code before ``migrate`` ran would fail on the
    first query of a new column: the load balancer keeps it out until then.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return JsonResponse({"status": "database unavailable"}, status=503)
    if pending:
        return JsonResponse({"status": "migrations not applied", "pending": len(pending)}, status=503)
    return JsonResponse({"status": "ok"})


def paginate(request: HttpRequest, items: QuerySet | list) -> Page:
    """The requested page of ``items`` with their count (search says how many it found); else see ``page_of``.

    A page that does not exist is a 404, not the last page.
    """
    paginator = Paginator(items, settings.NEWSROOM_PAGE_SIZE)
    try:
        return paginator.page(request.GET.get("page") or 1)
    except InvalidPage as exc:
        raise Http404(str(exc)) from exc


def front_page(request: HttpRequest) -> HttpResponse:
    # One query for the page's stories (with their sections), grouped here in
    # Python: a query per section would grow with the number of sections.
    page = page_of(request, Article.objects.published().for_listing().latest_first())
    stories = list(page.object_list)
    lead = stories.pop(0) if stories and page.number == 1 else None
    by_section = sorted(stories, key=lambda story: (story.section.position, story.section.name))
    section_groups = [(section, list(group)) for section, group in groupby(by_section, key=lambda story: story.section)]
    response = render(request, "articles/front_page.html", {"page": page, "lead": lead, "section_groups": section_groups})
    return tagged_with(response, [ALL_STORIES, *listing_tags(page.object_list)])


def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A story readers can open: published, or archived after being public (shown with a notice)."""
    article = Article.objects.reachable().for_story_page().filter(slug=slug).first()
    if article is None:
        # A former address of a story readers can open redirects for good;
        # anything else (unknown, draft, scheduled, never-public archived) does not exist.
        former = (
            ArticleSlugHistory.objects.filter(slug=slug, article__in=Article.objects.reachable())
            .select_related("article")
            .first()
        )
        if former is None:
            raise Http404("No such story.")
        return redirect(former.article, permanent=True)
    context = story_page_context(article)
    response = render(request, "articles/article_detail.html", context)
    return tagged_with(response, story_page_tags(article, context["parts"]))


def story_page_context(article: Article, *, stored_parts: bool = True, **extra) -> dict:
    parts = story_parts(article, stored=stored_parts)
    return {"article": article, "parts": parts, "current_section": article.section.slug, **extra}


# Previews: a story that is not public, exactly as readers will see it, for
# the staff (in the admin) and for whoever holds a signed link. Never indexed,
# never cached, and the link is not sent on to other sites.


def preview_response(request: HttpRequest, article: Article, *, status: int = 200, **extra) -> HttpResponse:
    response = render(
        request,
        "articles/article_detail.html",
        # A story being edited is shown from its links as they are now, not from its last stored parts.
        story_page_context(article, stored_parts=False, preview=True, **extra),
        status=status,
    )
    return private_page(response)


def private_page(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response


def article_preview(request: HttpRequest, token: str) -> HttpResponse:
    """The story a signed preview link names, whatever its status, while the link is valid."""
    try:
        article_id = article_id_from(token)
    except PreviewLinkExpired:
        response = render(request, "articles/preview_expired.html", status=410)
        return private_page(response)
    except PreviewLinkInvalid:
        raise Http404("No such preview.") from None
    article = Article.objects.for_story_page().filter(pk=article_id).first()
    if article is None:
        raise Http404("The story was deleted.")
    return preview_response(request, article)


def section_detail(request: HttpRequest, slug: str) -> HttpResponse:
    section = get_object_or_404(Section, slug=slug)
    page = page_of(request, Article.objects.published().in_section(section).for_listing().latest_first())
    context = {"section": section, "page": page, "current_section": section.slug}
    response = render(request, "articles/section_detail.html", context)
    return tagged_with(response, [section_tag(section.pk), *listing_tags(page.object_list)])


def tag_detail(request: HttpRequest, slug: str) -> HttpResponse:
    tag = get_object_or_404(Tag, slug=slug)
    page = page_of(request, Article.objects.published().tagged(tag).for_listing().latest_first())
    if not page.object_list:
        # A tag only unpublished stories carry is not public yet (it may name an embargoed story).
        raise Http404("No published story has this tag.")
    response = render(request, "articles/tag_detail.html", {"tag": tag, "page": page})
    return tagged_with(response, [tag_tag(tag.pk), *listing_tags(page.object_list)])


def _stories_of(request: HttpRequest, entity) -> LeanPage:
    """The entity's published stories; an entity no published story links is not public (404).

    Like a tag: a person confirmed only on an embargoed draft must not get a
    page that reveals them (or their new role) before the story goes out.
    """
    page = page_of(request, Article.objects.published().linked_to(entity).for_listing().latest_first())
    if not page.object_list:
        raise Http404("No published story links this entity.")
    return page


def _former_address(model: type, slug: str) -> HttpResponse:
    """A renamed or merged entity's old address redirects for good to a page readers can see; else 404."""
    former = EntityFormerSlug.objects.of_model(model).filter(slug=slug).values_list("object_id", flat=True)
    entity = model.objects.filter(pk__in=former).filter(is_public(model, "pk")).only("slug").first()
    if entity is None:
        raise Http404("No such page.")
    return redirect(entity, permanent=True)


def person_detail(request: HttpRequest, slug: str) -> HttpResponse:
    person = (
        Person.objects.select_related("nationality")
        .annotate(nationality_is_public=is_public(Place, "nationality"))
        .filter(slug=slug)
        .first()
    )
    if person is None:
        return _former_address(Person, slug)
    roles = person.roles.filter(public_role_q()).select_related("organization").annotate(
        organization_is_public=is_public(Organization, "organization")
    )
    page = _stories_of(request, person)
    quotes = _quotes_in(page.object_list, person)
    context = {"entity": person, "roles": roles, "quotes": quotes, "page": page}
    response = render(request, "entities/person_detail.html", context)
    # Roles name organisations (the quotes' stories are the page's own, tagged with the list).
    shown = [f"organization:{role.organization_id}" for role in roles]
    return tagged_with(response, [entity_tag(person), *entity_context_tags(person), *shown, *listing_tags(page.object_list)])


def _quotes_in(stories: list[Article], speaker: Person) -> list[Quote]:
    """What ``speaker`` is quoted saying in these stories, story by story in their order, then as written.

    Read from the page's own stories, not the whole record: the page of a
    person quoted in thousands of stories neither sorts nor joins them all,
    and the next page of stories brings its own quotes.
    """
    by_pk = {story.pk: story for story in stories}
    position = {pk: index for index, pk in enumerate(by_pk)}
    quotes = sorted(
        Quote.objects.confirmed().filter(speaker=speaker, article__in=list(by_pk)),
        key=lambda quote: (position[quote.article_id], quote.paragraph, quote.pk),
    )
    for quote in quotes:
        quote.article = by_pk[quote.article_id]
    return quotes[: settings.NEWSROOM_PAGE_SIZE]


def organization_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organization = (
        Organization.objects.select_related("parent", "country")
        .annotate(parent_is_public=is_public(Organization, "parent"), country_is_public=is_public(Place, "country"))
        .filter(slug=slug)
        .first()
    )
    if organization is None:
        return _former_address(Organization, slug)
    # Only people readers can already see, in roles readers may see: a role
    # read in an embargoed story must not announce the appointment here first.
    roles = (
        organization.roles.filter(public_role_q(), is_public(Person, "person"))
        .select_related("person")
        .order_by("end_date", "-start_date", "person__name")
    )
    page = _stories_of(request, organization)
    context = {"entity": organization, "roles": roles, "page": page}
    response = render(request, "entities/organization_detail.html", context)
    shown = [f"person:{role.person_id}" for role in roles]
    return tagged_with(
        response, [entity_tag(organization), *entity_context_tags(organization), *shown, *listing_tags(page.object_list)]
    )


def place_detail(request: HttpRequest, slug: str) -> HttpResponse:
    place = (
        Place.objects.select_related("parent")
        .annotate(parent_is_public=is_public(Place, "parent"))
        .filter(slug=slug)
        .first()
    )
    if place is None:
        return _former_address(Place, slug)
    page = _stories_of(request, place)
    response = render(request, "entities/place_detail.html", {"entity": place, "page": page})
    return tagged_with(response, [entity_tag(place), *entity_context_tags(place), *listing_tags(page.object_list)])


def source_detail(request: HttpRequest, slug: str) -> HttpResponse:
    source = (
        Source.objects.select_related("organization", "country")
        .annotate(
            organization_is_public=is_public(Organization, "organization"),
            country_is_public=is_public(Place, "country"),
        )
        .filter(slug=slug)
        .first()
    )
    if source is None:
        return _former_address(Source, slug)
    # A source page lists what was attributed to it: each cue with its story. Paged by story,
    # like every entity page (the archive read newest first for a much-cited source), then
    # the page's cues in one query.
    page = _stories_of(request, source)
    stories = list(page.object_list)
    cues = defaultdict(list)
    for attribution in SourceAttribution.objects.confirmed().filter(source=source, article__in=stories).order_by("pk"):
        cues[attribution.article_id].append(attribution)
    page.object_list = []
    for story in stories:
        for attribution in cues[story.pk]:
            attribution.article = story
            page.object_list.append(attribution)
    response = render(request, "entities/source_detail.html", {"entity": source, "page": page})
    return tagged_with(response, [entity_tag(source), *entity_context_tags(source), *listing_tags(stories)])


# The filters the search form offers; the API also filters by entity.
SEARCH_FIELDS = ("q", "section", "tag", "published_after", "published_before")


def search(request: HttpRequest) -> HttpResponse:
    filterset = ArticleFilter(request.GET or None, queryset=Article.objects.published().for_listing().latest_first())
    searched = any(request.GET.get(name) for name in SEARCH_FIELDS)
    valid = not searched or filterset.is_valid()
    page = paginate(request, filterset.qs) if searched and valid else None
    context = {
        "form": filterset.form,
        "fields": [filterset.form[name] for name in SEARCH_FIELDS],
        "query": request.GET.get("q", "").strip(),
        "page": page,
        # Search lists the newest SEARCH_WINDOW matches: a page that reached them says so.
        "reached_window": bool(page and page.paginator.count >= full_text.SEARCH_WINDOW),
    }
    # A search the form refuses is answered with the form saying why (the API answers 400).
    response = render(request, "articles/search.html", context)
    return tagged_with(response, [SEARCH, *listing_tags(page.object_list if page else [])])
