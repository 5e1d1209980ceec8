from django.conf import settings
from django.contrib import admin
from django.urls import include, path

admin.site.site_header = f"{settings.NEWSROOM_PUBLICATION_NAME} newsroom"
admin.site.site_title = f"{settings.NEWSROOM_PUBLICATION_NAME} newsroom"
admin.site.index_title = "Stories and the authority file"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("articles.api_urls")),
    # Photo files, with or without DEBUG: public ones to anyone, the rest to staff only.
    path("media/", include("images.urls")),
    path("", include("articles.urls")),
]
