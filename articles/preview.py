"""
Preview links: a story that is not public, as readers will see it, for a
colleague without an account.

The link carries the story's id signed with the site's secret key and the
time it was made (``django.core.signing``): it cannot be guessed or altered,
and it stops working after ``NEWSROOM_PREVIEW_MAX_AGE``.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils import timezone

from .models import Article

SALT = "articles.preview"


class PreviewLinkExpired(Exception):
    """The link was real but is too old."""


class PreviewLinkInvalid(Exception):
    """The link was not made by this site (mistyped or forged)."""


def preview_token(article: Article) -> str:
    return signing.dumps(article.pk, salt=SALT)


def preview_path(article: Article) -> str:
    return reverse("article_preview", args=[preview_token(article)])


def preview_expires_at(now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) + settings.NEWSROOM_PREVIEW_MAX_AGE


def article_id_from(token: str) -> int:
    try:
        return signing.loads(token, salt=SALT, max_age=settings.NEWSROOM_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewLinkExpired from None
    except signing.BadSignature:
        raise PreviewLinkInvalid from None
