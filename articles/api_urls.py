from django.urls import path, re_path

from . import api, ninjs

urlpatterns = [
    path("articles/", api.article_list, name="api_article_list"),
    path("articles/<slug:slug>/", api.article_detail, name="api_article_detail"),
    path("articles/<slug:slug>/ninjs", ninjs.article_ninjs, name="api_article_ninjs"),
    re_path(r"^(?P<path>.*)$", api.not_found),
]
