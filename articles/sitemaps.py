"""Sitemaps for search engines: every published story, section, topic and entity page, and a Google News sitemap.

``/sitemap.xml`` is a sitemap index naming one sitemap per kind
(``/sitemap-stories.xml``, ``/sitemap-people.xml``, ...), each paged with
``?p=N`` at ``NEWSROOM_SITEMAP_LIMIT`` URLs (the protocol's 50,000 by
default). Django's index and section views serve them; the sitemaps below
make each part cheap at archive scale:

- a page is one query of plain rows (``values_list``: a slug and the dates,
  never a model instance with its body), and its addresses are built by string
  formatting rather than a ``reverse()`` per row;
- the index costs one aggregate query per kind (the count that pages it, and
  for stories the latest change, which Django would otherwise find by loading
  every story); an entity kind counts its public entities, a join of every
  confirmed link to its story, only when its linked entities could fill more
  than one page (``EntitySitemap.summary``).
"""

from __future__ import annotations

import datetime
from functools import partial
from urllib.parse import quote
from xml.sax.saxutils import escape

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import BigIntegerField, CharField, Count, Exists, Func, Max, OuterRef, QuerySet
from django.db.models.functions import Cast, Coalesce, TruncDate
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from taggit.models import Tag

from entities.models import Organization, Person, Place, Source

from .models import Article, Section, confirmed_link_targets, public_entities

# Google News only wants stories from the last two days.
NEWS_WINDOW = datetime.timedelta(days=2)
# What Django's reverse() leaves unquoted in a path segment, so a hand-edited non-ASCII tag slug reads the same.
_PATH_SAFE = "!$&'()*+,;=/~:@"
_SLUG_PLACEHOLDER = "__slug__"


def address_maker(url_name: str):
    """A function slug -> path for ``url_name`` (one ``<slug>`` argument): one reverse() for all rows."""
    before, _, after = reverse(url_name, args=[_SLUG_PLACEHOLDER]).partition(_SLUG_PLACEHOLDER)
    return lambda slug: f"{before}{quote(slug, safe=_PATH_SAFE)}{after}"


class EpochSeconds(Func):
    """A moment as whole seconds since 1970 (UTC): an integer the driver reads far faster than a timestamp."""

    output_field = BigIntegerField()
    template = "CAST(FLOOR(EXTRACT(EPOCH FROM %(expressions)s)) AS BIGINT)"

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(compiler, connection, template="CAST(strftime('%%%%s', %(expressions)s) AS INTEGER)", **extra)


class ArchiveSitemap(Sitemap):
    """A sitemap paged by rows: subclasses say which rows (``rows()``) and the page they address (``url_name``).

    ``rows()`` is an ordered queryset of tuples (``values_list``): the slug,
    then, where the page has a lastmod, its day as text and its moment in
    epoch seconds, both computed by the database (reading 50,000 timestamps
    into Python cost five times the rest of the query). Ordering is oldest (or
    alphabetical) first, so a full page keeps its URLs as the archive grows
    and only the last page changes.
    """

    url_name = ""

    @property
    def limit(self) -> int:
        return settings.NEWSROOM_SITEMAP_LIMIT

    def rows(self) -> QuerySet:
        raise NotImplementedError

    def items(self) -> QuerySet:
        return self.rows()

    def summary(self) -> dict:
        """The aggregates the index needs: ``count`` (and ``lastmod`` where rows have one), in one query."""
        return self.rows().order_by().aggregate(count=Count("pk"))

    @cached_property
    def _summary(self) -> dict:
        return self.summary()

    @property
    def paginator(self) -> Paginator:
        paginator = Paginator(self.rows(), self.limit)
        paginator.count = self._summary["count"]  # counted once, with the lastmod
        return paginator

    def get_latest_lastmod(self):
        return self._summary.get("lastmod")

    def get_urls(self, page=1, site=None, protocol=None) -> list[dict]:
        """The URLs of one page: a single query (no count; a page past the end is empty, so a 404)."""
        try:
            number = int(page)
        except (TypeError, ValueError):
            raise PageNotAnInteger("That page number is not an integer") from None
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        start = (number - 1) * self.limit
        rows = list(self.rows()[start : start + self.limit])
        if not rows and number > 1:
            raise EmptyPage("That page contains no results")
        site_url = f"{self.get_protocol(protocol)}://{self.get_domain(site)}"
        path_of = address_maker(self.url_name)
        # Each <url> is written here, once: a template variable per field and row was most of
        # the time of a 50,000-URL page. No <changefreq> or <priority>: search engines ignore them.
        urls = []
        for slug, *lastmod in rows:
            location = site_url + path_of(slug)
            day = lastmod[0] if lastmod else ""
            xml = f"<url><loc>{escape(location)}</loc>{f'<lastmod>{day}</lastmod>' if day else ''}</url>"
            urls.append({"location": location, "lastmod": day, "xml": mark_safe(xml)})  # noqa: S308 (escaped)
        stamps = [row[2] for row in rows if len(row) > 2 and row[2] is not None]
        if stamps:
            # The response's Last-Modified: the latest change on this page.
            self.latest_lastmod = datetime.datetime.fromtimestamp(max(stamps), tz=datetime.UTC)
        return urls


class StorySitemap(ArchiveSitemap):
    changefreq = "daily"
    priority = 0.8
    url_name = "article_detail"

    def rows(self) -> QuerySet:
        # ``Article.last_updated_at``: the text's last change, or its first publication; the day as readers see it.
        changed = Coalesce("updated_at", "published_at")
        day = Cast(TruncDate(changed, tzinfo=timezone.get_current_timezone()), CharField())
        return Article.objects.published().order_by("published_at", "pk").values_list("slug", day, EpochSeconds(changed))

    def summary(self) -> dict:
        found = self.rows().order_by().aggregate(count=Count("pk"), published=Max("published_at"), updated=Max("updated_at"))
        dates = [found["published"], found["updated"]]
        return {"count": found["count"], "lastmod": max((d for d in dates if d), default=None)}


class SectionSitemap(ArchiveSitemap):
    changefreq = "hourly"
    priority = 0.6
    url_name = "section_detail"

    def rows(self) -> QuerySet:
        return Section.objects.order_by("position", "name").values_list("slug")


class TagSitemap(ArchiveSitemap):
    """Topics that at least one published story carries (the others 404)."""

    changefreq = "daily"
    priority = 0.4
    url_name = "tag_detail"

    def rows(self) -> QuerySet:
        tagged_published = Article.objects.published().filter(tags=OuterRef("pk"))
        return Tag.objects.filter(Exists(tagged_published)).order_by("name", "pk").values_list("slug")


class EntitySitemap(ArchiveSitemap):
    """People, organisations, places or sources that at least one published story links (the others 404).

    ``pk IN (links of published stories)``: one query whatever the size of the
    authority file, and each entity once however often it is linked.
    """

    changefreq = "daily"
    priority = 0.4

    def __init__(self, model) -> None:
        self.model = model
        self.url_name = f"{model._meta.model_name}_detail"

    def rows(self) -> QuerySet:
        return public_entities(self.model).order_by("slug").values_list("slug")

    def summary(self) -> dict:
        """The count that pages the kind, counted exactly only when it could fill more than one page.

        The index needs a number of pages, and one page holds ``limit``
        entities: while the entities with any confirmed link (published or
        not) are no more than that, the public ones fit on one page too.
        Counting those means joining every confirmed link to its story:
        150 ms at 100,000 stories, on each index view, against 20 ms.
        """
        at_most = confirmed_link_targets(self.model).count()
        if at_most <= self.limit:
            return {"count": at_most}  # not the public count: only the number of pages (one) is used
        return super().summary()


class NewsSitemap(Sitemap):
    """Google News: stories of the last two days, with publication name, language, date and title.

    The ``<news:*>`` elements come from ``articles/news_sitemap.xml``.
    """

    limit = 1000  # Google News reads at most 1,000 URLs per sitemap.

    def items(self):
        since = timezone.now() - NEWS_WINDOW
        return (
            Article.objects.published()
            .filter(published_at__gte=since)
            .only("slug", "headline", "published_at", "updated_at")
            .latest_first()
        )

    def lastmod(self, item: Article):
        return item.last_updated_at

    def get_urls(self, *args, **kwargs) -> list[dict]:
        # The template needs the publication on every <url>; read settings now, not at import.
        publication = {"name": settings.NEWSROOM_PUBLICATION_NAME, "language": news_language()}
        urls = super().get_urls(*args, **kwargs)
        for url in urls:
            url["publication"] = publication
        return urls


def news_language(code: str | None = None) -> str:
    """Google News wants an ISO 639 code ("en"), except zh-cn and zh-tw."""
    code = (code or settings.LANGUAGE_CODE).lower()
    return code if code in {"zh-cn", "zh-tw"} else code.split("-")[0]


# The index lists them in this order; each key is its sitemap's address: /sitemap-<key>.xml.
# Classes (or partials), not instances: Django makes a fresh sitemap per request, so
# nothing counted for one response is served with the next.
sitemaps = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "people": partial(EntitySitemap, Person),
    "organizations": partial(EntitySitemap, Organization),
    "places": partial(EntitySitemap, Place),
    "sources": partial(EntitySitemap, Source),
}
news_sitemaps = {"news": NewsSitemap}
