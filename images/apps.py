from django.apps import AppConfig


class ImagesConfig(AppConfig):
    name = "images"
    verbose_name = "Photo library"

    def ready(self):
        from . import signal_handlers  # noqa: F401  (renditions after every save, files removed with the photo)
