"""Request hygiene that applies to every URL, before any view or query sees the request."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponseBadRequest

# C0 controls (NUL included) and DEL: never part of a real address or search.
# PostgreSQL refuses NUL in a query parameter outright, so letting one through
# to a lookup turns an attacker's URL into a 500.
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def has_control_characters(request: HttpRequest) -> bool:
    if _CONTROL.search(request.path):
        return True
    return any(_CONTROL.search(key) or any(_CONTROL.search(v) for v in values) for key, values in request.GET.lists())


class RejectControlCharactersMiddleware:
    """Answer 400 to a request whose path or query string holds control characters."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        if has_control_characters(request):
            return HttpResponseBadRequest(
                "Bad request: the address contains control characters.", content_type="text/plain; charset=utf-8"
            )
        return self.get_response(request)
