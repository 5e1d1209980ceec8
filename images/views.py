"""
Photo files served through Django, so media works with ``DEBUG=0`` on a single
box (gunicorn, no web server in front) and whatever the storage backend.

- A rendition (``/media/renditions/...``) of a public photo is served to
  anyone, cacheable for a year: its name never gets other content.
- An original (``/media/originals/...``) of a public photo is served with a
  short cache, so unpublishing takes effect soon.
- A photo no published story shows is a 404, whatever the address, except
  for signed-in staff (the admin's thumbnails and previews), who get it with
  ``private, no-store`` so no shared cache keeps it.

Only names found in the library are opened: a path is never handed to the
storage as typed.
"""

from __future__ import annotations

import hashlib

from django.db.models import Exists, OuterRef
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from .models import Image, Rendition
from .processing import CONTENT_TYPES
from .storage import originals_storage, renditions_storage

RENDITION_CACHE = "public, max-age=31536000, immutable"
ORIGINAL_CACHE = "public, max-age=3600"
STAFF_ONLY = "private, no-store"


def _is_public(image_ref: str) -> Exists:
    return Exists(Image.objects.public().filter(pk=OuterRef(image_ref)))


def _may_see_unpublished(request: HttpRequest) -> bool:
    user = request.user
    return user.is_active and user.is_staff


def _serve(request: HttpRequest, storage, name: str, content_type: str, cache_control: str) -> HttpResponse:
    etag = f'"{hashlib.sha1(name.encode()).hexdigest()}"'
    not_modified = get_conditional_response(request, etag=etag)
    if not_modified is not None:
        not_modified["Cache-Control"] = cache_control
        return not_modified
    try:
        handle = storage.open(name, "rb")
    except FileNotFoundError:
        raise Http404("No such file.") from None
    response = FileResponse(handle, content_type=content_type)
    response["Cache-Control"] = cache_control
    response["ETag"] = etag
    # A photo is never a document: nothing in it may run, even if a browser sniffs it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@require_safe
def rendition(request: HttpRequest, name: str) -> HttpResponse:
    found = Rendition.objects.filter(file=name).annotate(public=_is_public("image_id")).first()
    if found is None:
        raise Http404("No such photo.")
    if found.public:
        cache = RENDITION_CACHE
    elif _may_see_unpublished(request):
        cache = STAFF_ONLY
    else:
        raise Http404("No such photo.")
    return _serve(request, renditions_storage(), found.file.name, CONTENT_TYPES[found.format], cache)


@require_safe
def original(request: HttpRequest, name: str) -> HttpResponse:
    found = Image.objects.filter(file=name).annotate(public=_is_public("pk")).first()
    if found is None:
        raise Http404("No such photo.")
    if found.public:
        cache = ORIGINAL_CACHE
    elif _may_see_unpublished(request):
        cache = STAFF_ONLY
    else:
        raise Http404("No such photo.")
    return _serve(request, originals_storage(), found.file.name, CONTENT_TYPES[found.format], cache)
