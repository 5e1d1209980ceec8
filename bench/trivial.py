"""The floor for the page benchmark: a Django view answering a fixed ~10 KB page.

Served by gunicorn with the same flags as the newsroom (``bench/pages.py``
runs ``gunicorn bench.trivial:application``), so the ratio "our page / this
page" measures what our code adds on top of Django and gunicorn. No database,
no template; Django's default middleware, as a new project has it.
"""

from __future__ import annotations

import django
from django.conf import settings
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-trivial-view-not-a-secret",
    ALLOWED_HOSTS=["127.0.0.1", "localhost"],
    ROOT_URLCONF=__name__,
    INSTALLED_APPS=[
        "django.contrib.auth",
        "django.contrib.contenttypes",
        "django.contrib.sessions",
        "django.contrib.messages",
    ],
    MIDDLEWARE=[
        "django.middleware.security.SecurityMiddleware",
        "django.contrib.sessions.middleware.SessionMiddleware",
        "django.middleware.common.CommonMiddleware",
        "django.middleware.csrf.CsrfViewMiddleware",
        "django.contrib.auth.middleware.AuthenticationMiddleware",
        "django.contrib.messages.middleware.MessageMiddleware",
        "django.middleware.clickjacking.XFrameOptionsMiddleware",
    ],
    DATABASES={},
    USE_TZ=True,
)
django.setup()

_ROW = (
    "<p>The brigade's new air-defence battery reached the training range on Tuesday, "
    "after a convoy of forty vehicles crossed the border corridor overnight.</p>\n"
)
_HEAD = '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>trivial</title></head><body>\n'
_TAIL = "</body></html>\n"
PAGE = (_HEAD + _ROW * ((10 * 1024 - len(_HEAD) - len(_TAIL)) // len(_ROW)) + _TAIL).encode()


def page(request):
    return HttpResponse(PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("trivial/", page)]

from django.core.wsgi import get_wsgi_application  # noqa: E402 - after settings.configure()

application = get_wsgi_application()
