"""
The public JSON API: a filtered, paginated list of stories and a story's detail.

Plain Django views returning ``JsonResponse``; every shape the API returns is
built by the ``serialize_*`` functions below, so the contract (see
ARCHITECTURE.md, "API detail") is written down in one place. The IPTC ninjs
rendering of a story, a different standard's shape, is in ``ninjs.py``. The views read
through the queryset bundles (``published().for_listing()``, and
``reachable().for_page()`` with the story's stored page parts), so a response
costs a fixed number of queries whatever the number of stories, tags,
mentions, quotes and links.

Only what a reader may see is served: published stories whose time has come,
and only their confirmed links.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from .cache_tags import ALL_STORIES, listing_tags, story_page_tags, tag_response
from .filters import ArticleFilter
from .models import Article, ArticleSlugHistory, CrossReference
from .page_parts import CoverageItem, StoryParts, story_parts

_SRCSET = re.compile(r'srcset="([^"]*)"')
# Non-ASCII names ("Kasčiūnas") stay readable in the response.
_JSON_PARAMS = {"ensure_ascii": False}


# Responses -------------------------------------------------------------------


def json_response(data, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, json_dumps_params=_JSON_PARAMS)


def json_error(message: str, *, status: int) -> JsonResponse:
    return json_response({"error": message}, status=status)


# Serialisation ---------------------------------------------------------------


def isoformat(value: datetime.datetime | None) -> str | None:
    """ISO 8601 in UTC with a "Z" suffix.

    "Z" rather than "+00:00" so a client can paste the value straight into
    ``published_after=`` without the "+" turning into a space in the query string.
    """
    if value is None:
        return None
    return value.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def absolute_links(request: HttpRequest, body_html: str) -> str:
    """The stored body links our pages by path; an API client gets them with the site's address.

    A plain prefix on the links and photo addresses we wrote ourselves (the
    sanitiser keeps only http(s) and mailto links from the body's source, and
    no images), not a parse of the HTML.
    """
    site = request.build_absolute_uri("/")
    html = body_html.replace('href="/', f'href="{site}').replace('src="/', f'src="{site}')
    # A photo's srcset lists "url width" pairs; our figures write them with ", " between.
    return _SRCSET.sub(
        lambda match: 'srcset="' + ", ".join(
            site + item[1:] if item.startswith("/") and not item.startswith("//") else item
            for item in match.group(1).split(", ")
        ) + '"',
        html,
    )


def serialize_section(section) -> dict:
    return {"name": section.name, "slug": section.slug}


def serialize_article_summary(request: HttpRequest, article: Article) -> dict:
    """A story in a list: what a teaser needs, and where to get the rest."""
    return {
        "slug": article.slug,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "api_url": request.build_absolute_uri(reverse("api_article_detail", args=[article.slug])),
        "headline": article.headline,
        "standfirst": article.standfirst,
        "published_at": isoformat(article.published_at),
        "section": serialize_section(article.section),
    }


def _entity(request: HttpRequest, entity: dict) -> dict:
    return {"name": entity["name"], "slug": entity["slug"], "url": request.build_absolute_uri(entity["url"])}


def _linked_story(request: HttpRequest, story: CoverageItem) -> dict:
    return {
        "slug": story.slug,
        "url": request.build_absolute_uri(story.url),
        "headline": story.headline,
        "published_at": isoformat(story.published_at),
        "anchor_text": story.anchor_text,
    }


def serialize_article_detail(request: HttpRequest, article: Article, parts: StoryParts) -> dict:
    """The full story, as the contract says: ``article`` from ``for_page()``, ``parts`` its ``story_parts()``."""
    # The contract's lists are the "reported earlier" thread; background and
    # follow-up links are shown on the story page's coverage lists.
    reported = CrossReference.Relation.REPORTED_EARLIER
    return {
        "slug": article.slug,
        "url": request.build_absolute_uri(article.get_absolute_url()),
        "headline": article.headline,
        "standfirst": article.standfirst,
        "section": serialize_section(article.section),
        "published_at": isoformat(article.published_at),
        "updated_at": isoformat(article.last_updated_at),
        # One name per person, even when credited for reporting and photos.
        "byline": parts.byline_names,
        "tags": sorted((tag["name"] for tag in parts.tags), key=str.casefold),
        "body_html": absolute_links(request, article.body_html),
        "body_text": article.body_text,
        "people": [{**_entity(request, person), "role": person["title"]} for person in parts.people],
        "organizations": [_entity(request, organization) for organization in parts.organizations],
        "places": [_entity(request, place) for place in parts.places],
        "sources": [
            {**_entity(request, source), "kind": source["kind"], "cue": source["cue"]} for source in parts.sources
        ],
        "quotes": [
            {
                "text": quote["text"],
                "speaker": {"name": quote["speaker"]["name"], "slug": quote["speaker"]["slug"]}
                if quote["speaker"] else None,
            }
            for quote in parts.quotes
        ],
        "reported_earlier": [_linked_story(request, story) for story in parts.earlier if story.relation == reported],
        "reported_later": [_linked_story(request, story) for story in parts.later if story.relation == reported],
        "corrections": [
            {"text": correction["text"], "created_at": isoformat(correction["created_at"])}
            for correction in parts.corrections
        ],
    }


def serialize_errors(form) -> dict:
    """Form errors as ``{"field": ["message", ...]}``."""
    return {field: [error["message"] for error in errors] for field, errors in form.errors.get_json_data().items()}


# Views -----------------------------------------------------------------------


def _page_url(request: HttpRequest, page_number: int) -> str:
    """This list's address for another page, keeping every filter."""
    params = request.GET.copy()
    params.pop("page", None)
    if page_number > 1:
        params["page"] = str(page_number)
    query = urlencode(params, doseq=True)
    return request.build_absolute_uri(request.path + (f"?{query}" if query else ""))


@require_safe
def article_list(request: HttpRequest) -> JsonResponse:
    """Published stories, newest first, filtered like the search page, one page at a time."""
    filterset = ArticleFilter(request.GET, queryset=Article.objects.published())
    if not filterset.is_valid():
        return json_response({"errors": serialize_errors(filterset.form)}, status=400)
    # Newest first even when searching: the API promises one order.
    stories = filterset.qs.latest_first().for_listing()

    paginator = Paginator(stories, settings.NEWSROOM_PAGE_SIZE)
    try:
        page = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return json_response({"errors": {"page": ["The page must be a whole number, e.g. page=2."]}}, status=400)
    except EmptyPage:
        return json_error(f"There is no page {request.GET.get('page')}; the last page is {paginator.num_pages}.", status=404)

    response = json_response(
        {
            "count": paginator.count,
            "next": _page_url(request, page.next_page_number()) if page.has_next() else None,
            "previous": _page_url(request, page.previous_page_number()) if page.has_previous() else None,
            "results": [serialize_article_summary(request, article) for article in page.object_list],
        }
    )
    # Any story joining or leaving the site may change a filtered list: ``stories`` covers them all.
    return tag_response(response, [ALL_STORIES, *listing_tags(page.object_list)])


def find_published_story(slug: str, *, route: str, bundle: str = "for_detail") -> Article | HttpResponse:
    """The story readers can open at ``slug`` read with ``bundle``, or the response to send instead.

    Published stories and archived records (see ``reachable()``); a former
    address redirects permanently to ``route`` at the story's current slug;
    anything else (unknown, draft, scheduled, archived before it was public) is a JSON 404.
    """
    try:
        return getattr(Article.objects.reachable(), bundle)().get(slug=slug)
    except Article.DoesNotExist:
        pass
    renamed = (
        ArticleSlugHistory.objects.filter(slug=slug, article__in=Article.objects.reachable())
        .values_list("article__slug", flat=True)
        .first()
    )
    if renamed:
        return redirect(route, slug=renamed, permanent=True)
    return json_error(f"No published story with the slug “{slug}”.", status=404)


@require_safe
def article_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """One published story with its confirmed links."""
    article = find_published_story(slug, route="api_article_detail", bundle="for_page")
    if isinstance(article, HttpResponse):
        return article
    parts = story_parts(article)
    response = json_response(serialize_article_detail(request, article, parts))
    return tag_response(response, story_page_tags(article, parts))


def not_found(request: HttpRequest, path: str = "") -> JsonResponse:
    """Anything else under /api/ answers in JSON too, not with the site's HTML page."""
    return json_error(f"There is no API at /api/{path}.", status=404)
