from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from newsroom.pagecache import tagged

from . import feeds, views
from .cache_tags import ALL_STORIES, SITEMAP
from .sitemaps import news_sitemaps, sitemaps

# New tag slugs are ASCII (TAGGIT_STRIP_UNICODE_WHEN_SLUGIFYING), but a slug
# edited by hand in the tag admin may not be: tag routes take any segment.

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("healthz", views.healthz, name="healthz"),
    path("stories/<slug:slug>/", views.article_detail, name="article_detail"),
    path("preview/<str:token>/", views.article_preview, name="article_preview"),
    path("section/<slug:slug>/", views.section_detail, name="section_detail"),
    path("tag/<str:slug>/", views.tag_detail, name="tag_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("places/<slug:slug>/", views.place_detail, name="place_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("search/", views.search, name="search"),
    path("feeds/latest/", feeds.LatestStoriesFeed(), name="feed_latest"),
    path("feeds/section/<slug:slug>/", feeds.SectionFeed(), name="feed_section"),
    path("feeds/tag/<str:slug>/", feeds.TagFeed(), name="feed_tag"),
    path("feeds/people/<slug:slug>/", feeds.PersonFeed(), name="feed_person"),
    # Sitemaps list every public story, section, tag and entity page: purged by any of their changes.
    # The index of the paged sitemaps, one per kind: /sitemap-stories.xml?p=2, ...
    path(
        "sitemap.xml",
        tagged(SITEMAP, ALL_STORIES)(sitemap_views.index),
        {"sitemaps": sitemaps, "sitemap_url_name": "sitemap_section"},
        name="sitemap",
    ),
    path(
        "sitemap-<str:section>.xml",
        tagged(SITEMAP, ALL_STORIES)(sitemap_views.sitemap),
        {"sitemaps": sitemaps, "template_name": "articles/sitemap.xml"},
        name="sitemap_section",
    ),
    path(
        "news-sitemap.xml",
        tagged(SITEMAP, ALL_STORIES)(sitemap_views.sitemap),
        {"sitemaps": news_sitemaps, "template_name": "articles/news_sitemap.xml"},
        name="news_sitemap",
    ),
]
