from django.urls import path

from . import views

urlpatterns = [
    path("", views.front_page, name="front_page"),
    path("healthz", views.healthz, name="healthz"),
    path("stories/<slug:slug>/", views.article_detail, name="article_detail"),
    path("section/<slug:slug>/", views.section_detail, name="section_detail"),
    path("tag/<slug:slug>/", views.tag_detail, name="tag_detail"),
    path("people/<slug:slug>/", views.person_detail, name="person_detail"),
    path("organizations/<slug:slug>/", views.organization_detail, name="organization_detail"),
    path("places/<slug:slug>/", views.place_detail, name="place_detail"),
    path("sources/<slug:slug>/", views.source_detail, name="source_detail"),
    path("search/", views.search, name="search"),
]
