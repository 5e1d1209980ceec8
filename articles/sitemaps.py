"""Sitemaps for search engines: every published story, section, topic and entity page, and a Google News sitemap."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from entities.models import Organization, Person, Place, Source

from .models import Article, Section, public_entities

# Google News only wants stories from the last two days.
NEWS_WINDOW = datetime.timedelta(days=2)


class StorySitemap(Sitemap):
    changefreq = "daily"
    priority = 0.8

    def items(self):
        return Article.objects.published().only("slug", "updated_at", "published_at").latest_first()

    def lastmod(self, item: Article):
        return item.last_updated_at


class SectionSitemap(Sitemap):
    changefreq = "hourly"
    priority = 0.6

    def items(self):
        return Section.objects.all()


class TagSitemap(Sitemap):
    """Topics that at least one published story carries (the others 404)."""

    changefreq = "daily"
    priority = 0.4

    def items(self):
        published = Article.objects.published().values("pk")
        tagged_published = TaggedItem.objects.filter(
            tag=OuterRef("pk"),
            content_type__app_label="articles",
            content_type__model="article",
            object_id__in=published,
        )
        return Tag.objects.filter(Exists(tagged_published)).order_by("name")

    def location(self, item: Tag) -> str:
        return reverse("tag_detail", args=[item.slug])


class EntitySitemap(Sitemap):
    """People, organisations, places or sources that at least one published story links (the others 404).

    ``pk IN (links of published stories)``: one query whatever the size of the
    authority file, and each entity once however often it is linked.
    """

    changefreq = "daily"
    priority = 0.4

    def __init__(self, model) -> None:
        self.model = model

    def items(self):
        return public_entities(self.model).only("slug").order_by("slug")


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


sitemaps = {
    "stories": StorySitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "people": EntitySitemap(Person),
    "organizations": EntitySitemap(Organization),
    "places": EntitySitemap(Place),
    "sources": EntitySitemap(Source),
}
news_sitemaps = {"news": NewsSitemap}
