"""Middleware for every URL: request hygiene before any view or query sees the request, and the request log."""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.http import HttpRequest, HttpResponseBadRequest
from django.utils.functional import empty

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


# A request id from the proxy or load balancer is kept if it looks like one; otherwise we make one.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._:-]{1,200}")
request_log = logging.getLogger("newsroom.requests")


class RequestLogMiddleware:
    """One structured log line per request: method, path, status, duration, request id (and the user, for staff).

    First in the chain, so the duration covers every other middleware and a
    request answered early (a 400, a static file) is logged too. The request id
    comes from ``X-Request-ID`` when the proxy sends one, is made here
    otherwise, and is sent back in the response's ``X-Request-ID`` so a reader's
    report can be found in the logs. ``LOGGING`` in settings writes these
    records as JSON lines.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        started = time.perf_counter()
        given = request.headers.get("X-Request-ID", "")
        request.id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex
        response = self.get_response(request)
        response["X-Request-ID"] = request.id
        fields = {
            "method": request.method,
            "path": request.path,
            "status": response.status_code,
            "duration_ms": round((time.perf_counter() - started) * 1000, 1),
            "request_id": request.id,
        }
        user = getattr(request, "user", None)
        # Only a user some view already loaded: logging never costs a session or user query.
        if user is not None and getattr(user, "_wrapped", empty) is not empty and user.is_staff:
            fields["user_id"] = user.pk
        request_log.info("%(method)s %(path)s %(status)s", fields, extra=fields)
        return response
