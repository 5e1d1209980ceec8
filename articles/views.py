# Placeholder views; the public site replaces these.
from django.db import connection
from django.http import Http404, JsonResponse


def healthz(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})


def _not_yet(request, *args, **kwargs):
    raise Http404


front_page = article_detail = section_detail = tag_detail = person_detail = _not_yet
organization_detail = place_detail = source_detail = search = _not_yet
