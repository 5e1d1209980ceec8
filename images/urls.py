from django.urls import path

from . import views

# Mounted at /media/ (settings.MEDIA_URL); the originals storage's base_url is /media/originals/.
urlpatterns = [
    path("originals/<path:name>", views.original, name="image_original"),
    path("<path:name>", views.rendition, name="image_rendition"),
]
