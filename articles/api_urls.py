from django.urls import path

from . import api

urlpatterns = [
    path("articles/", api.article_list, name="api_article_list"),
    path("articles/<slug:slug>/", api.article_detail, name="api_article_detail"),
]
