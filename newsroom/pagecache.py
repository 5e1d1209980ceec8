"""
The page cache: public pages answered to anonymous readers, kept in Django's
cache (Redis when ``CACHE_URL``/``REDIS_URL`` is set, else each process's
memory) and thrown away precisely when something they show changes.

How a page is found stale without scanning keys: a view names what its page
shows as *tags* (``story:12``, ``person:4``, ``section:2``, ``stories``; see
``articles.cache_tags``). Each tag has a version in the cache, a random token.
A stored page keeps the versions its tags had when it was stored; it is served
only while every one of them is unchanged. Purging a tag replaces its token
(``purge``): one write per tag, whatever the number of pages that show it.

A page rendered while a purge ran could hold the data from before the change
and be stored with the versions from after it. So a miss reads a *generation*
counter before rendering, a purge bumps it before the tags, and a page is
stored only if the generation has not moved in between.

Each process also keeps its last pages (``_LocalPages``, ``NEWSROOM_PAGE_CACHE_LOCAL_PAGES``)
with the generation they were checked at: while no purge has run anywhere, such
a page is served as it is, and the generation itself is read at most every
``NEWSROOM_PAGE_CACHE_LOCAL_SECONDS`` (1 s): the most a purge made elsewhere
waits to reach this process. A purge bumps the generation before and after
writing its tags, so no process keeps a copy it checked in between.

Only responses a view tagged are stored: a page that says nothing about what
it shows cannot be purged, so it is never kept. Requests carrying a session
cookie (the staff) go past the cache and are answered ``private``.

Outages: a page still in the cache is served without touching the database;
a view that finds the database unreachable answers a small 503 (JSON under
``/api/``) with ``Retry-After``, and a page whose cache lifetime ran out but
whose tags were never purged is served instead, marked ``stale``, for up to
``NEWSROOM_PAGE_CACHE_STALE_IF_ERROR`` seconds more.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import threading
import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.core.cache import caches
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.cache import patch_vary_headers, set_response_etag
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)

CACHE_ALIAS = "default"
TAGS_HEADER = "Cache-Tag"
SURROGATE_HEADER = "Surrogate-Key"
STATUS_HEADER = "X-Page-Cache"

# Every public HTML page shows the site's layout (the section menu): a section
# change purges them all. Sections change seldom; pages show them everywhere.
LAYOUT = "layout"

_KEY = "pc:"
_GENERATION = _KEY + "generation"
# Headers never stored with a page: they belong to one answer.
_NOT_STORED = {"set-cookie", "age", STATUS_HEADER.lower()}


def _cache():
    return caches[CACHE_ALIAS]


def page_seconds() -> int:
    return int(getattr(settings, "NEWSROOM_PAGE_CACHE_SECONDS", 0) or 0)


def _tag_key(tag: str) -> str:
    return f"{_KEY}tag:{tag}"


# Tags: what a response shows --------------------------------------------------


def tag_response(response: HttpResponse, tags: Iterable[str]) -> HttpResponse:
    """Record the tags of what ``response`` shows (added to any it has): the cache and the CDN purge by them."""
    known = getattr(response, "cache_tags", None) or []
    merged = list(dict.fromkeys([*known, *(str(tag) for tag in tags if tag)]))
    response.cache_tags = merged
    response[TAGS_HEADER] = ",".join(merged)
    response[SURROGATE_HEADER] = " ".join(merged)
    return response


def tagged(*tags: str) -> Callable:
    """A view decorator: every response of the view shows ``tags`` (lists with no story of their own)."""

    def decorate(view):
        def wrapped(request, *args, **kwargs):
            response = view(request, *args, **kwargs)
            if 200 <= response.status_code < 300:
                tag_response(response, tags)
            return response

        wrapped.__name__ = getattr(view, "__name__", "view")
        wrapped.__doc__ = view.__doc__
        return wrapped

    return decorate


# Purging -------------------------------------------------------------------


def purge(tags: Iterable[str]) -> None:
    """Make every stored page showing one of ``tags`` stale, here and at the CDN. Right now: see ``purge_on_commit``."""
    tags = sorted({str(tag) for tag in tags if tag})
    if not tags:
        return
    cache = _cache()
    try:
        # The generation first: a page rendered before this purge and stored after it would see it move.
        _next_generation(cache)
        cache.set_many({_tag_key(tag): secrets.token_hex(8) for tag in tags}, None)
        # And after: a process that checked a page between the two keeps no copy of it (``_local``).
        _next_generation(cache)
        _local.forget_generation()
    except Exception:  # noqa: BLE001 (the save is committed: never fail the editor's request for it)
        logger.error("Page cache unavailable: %d tags not purged (%s)", len(tags), ", ".join(tags[:10]), exc_info=True)
    cdn_purge(tags)


def _first_generation() -> int:
    # Random, not 1: a process's copies from before the cache was emptied (a Redis restart) never match it.
    return secrets.randbits(62)


def _next_generation(cache) -> None:
    try:
        cache.incr(_GENERATION)
    except ValueError:
        cache.set(_GENERATION, _first_generation(), None)


_pending = threading.local()

class _LocalPages:
    """The pages this process served last, each with the purge generation it was checked at.

    While the generation has not moved (no purge anywhere since), such a page
    is still valid: a hit then costs one small read instead of the page and
    its tags' versions. Any purge bumps the generation, so every process
    checks its copies again at the next request. Bounded (least recently
    stored first out).
    """

    def __init__(self):
        self._pages: dict[str, tuple[object, dict]] = {}
        self._lock = threading.Lock()
        self._generation: tuple[object, float | None] = (None, None)  # the value, when it was read

    def generation(self, cache):
        """The purge generation, read from the shared cache at most every ``NEWSROOM_PAGE_CACHE_LOCAL_SECONDS``.

        So a hit usually costs no round trip at all; a purge made by another
        process reaches this one within that many seconds (one made here, at once).
        """
        value, read_at = self._generation
        now = time.monotonic()
        window = float(getattr(settings, "NEWSROOM_PAGE_CACHE_LOCAL_SECONDS", 1))
        if read_at is None or now - read_at >= window:
            value = cache.get(_GENERATION)
            self._generation = (value, now)
        return value

    def forget_generation(self) -> None:
        self._generation = (None, None)

    def get(self, key: str, generation) -> dict | None:
        found = self._pages.get(key) if generation is not None else None
        return found[1] if found is not None and found[0] == generation else None

    def put(self, key: str, generation, entry: dict) -> None:
        limit = int(getattr(settings, "NEWSROOM_PAGE_CACHE_LOCAL_PAGES", 500))
        if limit <= 0 or generation is None:
            return
        with self._lock:
            self._pages.pop(key, None)
            while len(self._pages) >= limit:
                self._pages.pop(next(iter(self._pages)))
            self._pages[key] = (generation, entry)

    def clear(self) -> None:
        self._pages.clear()
        self.forget_generation()


_local = _LocalPages()

# Which tags each page served by this process carries (page key -> tag keys), so a hit
# fetches the page and its tags' versions together. Only a hint: the stored page's own
# list decides. Bounded: forgotten all at once when full.
_known_tag_keys: dict[str, tuple[str, ...]] = {}
_KNOWN_PAGES = 20_000


def purge_on_commit(tags: Iterable[str] = (), *, story: int | None = None) -> None:
    """Purge ``tags`` once the current transaction commits (at once, outside one).

    With ``story`` (an id), the tags and ``story:<id>`` are purged only if
    readers can see that story, before or after: an edit of a draft purges
    nothing. What one transaction purges is purged together, once.
    """
    pending = getattr(_pending, "value", None)
    if pending is None:
        pending = _pending.value = (set(), {})
    tags = {str(tag) for tag in tags if tag}
    if story is None:
        pending[0].update(tags)
    else:
        pending[1].setdefault(story, set()).update(tags)
    # Each call registers a flush; the first to run takes everything pending (the rest find nothing).
    # Tags left by a rolled back transaction go with the next one: too much, never too little.
    transaction.on_commit(_flush)


def _flush() -> None:
    pending = getattr(_pending, "value", None)
    _pending.value = None
    if not pending:
        return
    tags, by_story = pending
    if by_story:
        public = set(_resolver(set(by_story))) if _resolver is not None else set(by_story)
        for story_id in public:
            tags |= by_story[story_id] | {f"story:{story_id}"}
    purge(tags)


_resolver: Callable[[set[int]], Iterable[int]] | None = None
_expiry_source: Callable[[], float | None] | None = None


def register(*, public_stories: Callable | None = None, next_change: Callable | None = None) -> None:
    """The apps' hooks (``articles`` registers them: this module knows no models).

    ``public_stories(ids)`` says which of the story ids readers can see;
    ``next_change()`` is the epoch time a page may change without a purge (a
    scheduled story going live), or None.
    """
    global _resolver, _expiry_source
    if public_stories is not None:
        _resolver = public_stories
    if next_change is not None:
        _expiry_source = next_change


# The CDN ---------------------------------------------------------------------


def cdn_backend():
    path = getattr(settings, "NEWSROOM_CDN_PURGE_BACKEND", "") or "newsroom.cdn.NoPurge"
    return import_string(path)()


def cdn_purge(tags: list[str]) -> None:
    """Send the purge to the CDN as a job (retried by the queue) when one is configured."""
    path = getattr(settings, "NEWSROOM_CDN_PURGE_BACKEND", "") or ""
    if not path or path.endswith(".NoPurge"):
        return
    try:
        from newsroom.jobs import enqueue
    except ImportError:  # the queue is not there: purge in-process
        run_cdn_purge(tags)
    else:
        enqueue(run_cdn_purge, tags)


def run_cdn_purge(tags: list[str]) -> None:
    cdn_backend().purge(tags)


# Cache-Control -----------------------------------------------------------------


def public_cache_control(seconds_left: int | None = None) -> str:
    """What a public page tells browsers and the CDN (``seconds_left``: until it may change unannounced)."""
    browser = int(getattr(settings, "NEWSROOM_BROWSER_CACHE_SECONDS", 60))
    shared = int(getattr(settings, "NEWSROOM_CDN_CACHE_SECONDS", 600))
    if seconds_left is not None:
        browser, shared = min(browser, seconds_left), min(shared, seconds_left)
    revalidate = int(getattr(settings, "NEWSROOM_STALE_WHILE_REVALIDATE", 30))
    on_error = int(getattr(settings, "NEWSROOM_PAGE_CACHE_STALE_IF_ERROR", 3600))
    return (
        f"public, max-age={browser}, s-maxage={shared}, "
        f"stale-while-revalidate={revalidate}, stale-if-error={on_error}"
    )


PRIVATE = "private, no-cache"
UNCACHED = "public, max-age=0, must-revalidate"


def _seconds_to_next_change(now: float) -> int | None:
    """Seconds until a page may change with no purge (a scheduled story going live), None if no such time.

    Remembered in the cache per purge generation: scheduling a story purges, so it moves.
    """
    if _expiry_source is None:
        return None
    cache = _cache()
    key = f"{_KEY}next-change:{cache.get(_GENERATION, 0)}"
    at = cache.get(key)
    if at is None or (at and at <= now):
        at = _expiry_source() or 0  # 0: nothing scheduled
        cache.set(key, at, 300)
    return max(0, int(at - now)) if at else None


# The middleware ------------------------------------------------------------------


def _is_staff_request(request: HttpRequest) -> bool:
    return settings.SESSION_COOKIE_NAME in request.COOKIES


def _page_key(request: HttpRequest) -> str:
    address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    return _KEY + "page:" + hashlib.sha256(address.encode()).hexdigest()


def database_unavailable(exception: BaseException) -> bool:
    return isinstance(exception, OperationalError | InterfaceError)


def outage_response(request: HttpRequest) -> HttpResponse:
    """A small answer that needs nothing (no database, no template): try again shortly."""
    retry = str(int(getattr(settings, "NEWSROOM_OUTAGE_RETRY_AFTER", 30)))
    if request.path.startswith("/api/"):
        response = JsonResponse({"error": "Temporarily unavailable: please try again shortly."}, status=503)
    else:
        name = settings.NEWSROOM_PUBLICATION_NAME
        response = HttpResponse(
            "<!doctype html><html lang=en><meta charset=utf-8><title>Back shortly</title>"
            f"<h1>{name} will be back shortly</h1><p>We cannot show this page right now. "
            "Please try again in a minute.</p></html>",
            status=503,
            content_type="text/html; charset=utf-8",
        )
    response["Retry-After"] = retry
    response["Cache-Control"] = "no-store"
    return response


class PageCacheMiddleware:
    """Serve, store and label public pages; answer 503 while the database is unreachable.

    Sits after Security/WhiteNoise and before everything that may touch the
    session or the database, so a hit costs a cache round trip and no query.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        seconds = page_seconds()
        cacheable = (
            request.method in ("GET", "HEAD")
            and not _is_staff_request(request)
            and not request.path.startswith(("/admin/", "/preview/"))
        )
        request._page_cache = None
        if not (seconds and cacheable):
            response = self.get_response(request)
            return self._label(request, response, cacheable, counted=False)

        cache = _cache()
        key = _page_key(request)
        now = time.time()
        try:
            entry = _local.get(key, _local.generation(cache))
            if entry is not None and now < entry["fresh_until"]:
                return self._from_entry(entry, now, "hit")
            # The page, the generation and (when this process has served the page before) its
            # tags' versions in one round trip; a page whose tags are new here takes a second.
            known = _known_tag_keys.get(key, ())
            found = cache.get_many([key, _GENERATION, *known])
            entry, generation = found.get(key), found.get(_GENERATION)
            if entry is not None and self._valid(cache, entry, key, found):
                if now < entry["fresh_until"]:
                    _local.put(key, generation, entry)
                    return self._from_entry(entry, now, "hit")
                request._page_cache = entry  # stale: kept for an outage
            if generation is None:
                cache.add(_GENERATION, _first_generation(), None)
                generation = cache.get(_GENERATION)
        except Exception:  # noqa: BLE001 (the cache server is down: serve the page, uncached)
            logger.warning("Page cache unavailable", exc_info=True)
            return self._label(request, self.get_response(request), cacheable, counted=False)
        response = self.get_response(request)
        if getattr(response, "page_cache_outage", False) and request._page_cache is not None:
            return self._from_entry(request._page_cache, now, "stale")
        try:
            response = self._label(request, response, cacheable, counted=True)
            if request.method == "GET" and self._storable(response):
                self._store(cache, key, response, generation, seconds, now)
        except Exception:  # noqa: BLE001 (the cache server went away: the page is still good)
            logger.warning("Page cache unavailable", exc_info=True)
            del response["Cache-Control"], response[STATUS_HEADER]
            response = self._label(request, response, cacheable, counted=False)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if not database_unavailable(exception):
            return None
        logger.warning("Database unavailable for %s: %s", request.path, exception)
        response = outage_response(request)
        response.page_cache_outage = True
        return response

    # -- labels

    def _label(self, request, response, cacheable: bool, *, counted: bool) -> HttpResponse:
        """Cache-Control for what the page is: public (tagged, anonymous), private (staff), or left alone."""
        if response.has_header("Cache-Control"):
            return response
        if not cacheable:
            if _is_staff_request(request) and not request.path.startswith("/admin/"):
                response["Cache-Control"] = PRIVATE
                patch_vary_headers(response, ["Cookie"])
            return response
        if getattr(response, "cache_tags", None) and response.status_code == 200 and not response.cookies:
            tag_response(response, [LAYOUT])
            # With the page cache off, nothing purges: browsers and the CDN must ask every time.
            response["Cache-Control"] = (
                public_cache_control(_seconds_to_next_change(time.time())) if counted else UNCACHED
            )
            if counted:
                response[STATUS_HEADER] = "miss"
        return response

    @staticmethod
    def _storable(response: HttpResponse) -> bool:
        return (
            response.status_code == 200
            and bool(getattr(response, "cache_tags", None))
            and not response.streaming
            and not response.cookies
            and response.get("Cache-Control", "").startswith("public")
        )

    # -- the store

    @staticmethod
    def _valid(cache, entry: dict, key: str, found: dict) -> bool:
        versions = {_tag_key(tag): version for tag, version in entry["tags"].items()}
        if not versions.keys() <= set(_known_tag_keys.get(key, ())):
            if len(_known_tag_keys) >= _KNOWN_PAGES:
                _known_tag_keys.clear()
            _known_tag_keys[key] = tuple(versions)
            found = cache.get_many(list(versions))
        # A tag missing from the cache (never stored, evicted) is no match: the page is stale.
        return all(found.get(tag_key) == version for tag_key, version in versions.items())

    def _store(self, cache, key: str, response: HttpResponse, generation, seconds: int, now: float) -> None:
        left = _seconds_to_next_change(now)
        if left is not None:
            seconds = min(seconds, left)
        if seconds <= 0:
            return
        tags = response.cache_tags
        keys = [_tag_key(tag) for tag in tags]
        current = cache.get_many([*keys, _GENERATION])
        if current.get(_GENERATION) != generation:
            return  # a purge ran while this page was rendered: it may show what it purged
        versions = {}
        for tag, tag_key in zip(tags, keys, strict=True):
            version = current.get(tag_key)
            if version is None:
                version = secrets.token_hex(8)
                if not cache.add(tag_key, version, None):
                    version = cache.get(tag_key)
            versions[tag] = version
        if not response.has_header("ETag"):
            set_response_etag(response)
        stale_if_error = int(getattr(settings, "NEWSROOM_PAGE_CACHE_STALE_IF_ERROR", 3600))
        entry = {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() not in _NOT_STORED],
            "content": response.content,
            "tags": versions,
            "stored_at": now,
            "fresh_until": now + seconds,
        }
        cache.set(key, entry, seconds + stale_if_error)

    @staticmethod
    def _from_entry(entry: dict, now: float, status: str) -> HttpResponse:
        response = HttpResponse(entry["content"], status=entry["status"])
        for name, value in entry["headers"]:
            response[name] = value
        response["Age"] = str(max(0, int(now - entry["stored_at"])))
        response[STATUS_HEADER] = status
        response.cache_tags = list(entry["tags"])
        return response
