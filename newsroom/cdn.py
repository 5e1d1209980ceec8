"""
Purging a CDN by tag: the backends ``NEWSROOM_CDN_PURGE_BACKEND`` names.

Our pages carry their tags in ``Cache-Tag`` (comma-separated: Cloudflare,
Akamai) and ``Surrogate-Key`` (space-separated: Fastly, Varnish xkey). When a
purge runs (``newsroom.pagecache.purge``), the backend tells the CDN to drop
every cached page carrying one of the tags.

- ``newsroom.cdn.NoPurge`` (the default): no CDN in front, nothing to do.
- ``newsroom.cdn.HttpTagPurge``: one HTTP ``POST`` per batch of tags to
  ``NEWSROOM_CDN_PURGE_URL`` with the JSON body ``{"tags": [...]}`` and, when
  ``NEWSROOM_CDN_PURGE_TOKEN`` is set, ``Authorization: Bearer <token>``.
  That is Cloudflare's purge-by-tag call
  (``https://api.cloudflare.com/client/v4/zones/<zone>/purge_cache``); a
  small proxy in front of another CDN's API can take the same request.
  A non-2xx answer or a network error raises ``PurgeFailed``, so the job
  queue retries it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

from django.conf import settings


class PurgeFailed(Exception):
    pass


class NoPurge:
    def purge(self, tags: list[str]) -> None:
        return None


class HttpTagPurge:
    def __init__(self, url: str | None = None, token: str | None = None, batch: int | None = None, timeout: float = 10):
        self.url = url or settings.NEWSROOM_CDN_PURGE_URL
        self.token = token if token is not None else settings.NEWSROOM_CDN_PURGE_TOKEN
        # Cloudflare takes up to 30 tags per call on most plans.
        self.batch = batch or settings.NEWSROOM_CDN_PURGE_BATCH
        self.timeout = timeout

    def purge(self, tags: list[str]) -> None:
        for start in range(0, len(tags), self.batch):
            self._post(tags[start : start + self.batch])

    def _post(self, tags: list[str]) -> None:
        request = urllib.request.Request(
            self.url,
            data=json.dumps({"tags": tags}).encode(),
            method="POST",
            headers={"Content-Type": "application/json"},
        )
        if self.token:
            request.add_header("Authorization", f"Bearer {self.token}")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310 (the operator's URL)
                answer.read()
        except (urllib.error.URLError, OSError) as error:
            raise PurgeFailed(f"CDN purge of {len(tags)} tags failed: {error}") from error
