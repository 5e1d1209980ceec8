"""
Where photo files live, through Django's storage API only.

- ``STORAGES["originals"]``: the clean originals. Private: readers get them
  only through ``images.views.original``, which checks the photo is public.
- ``STORAGES["default"]``: the renditions. Their names carry the photo's
  random token, so nobody can guess one, and they never change once written
  (a new focal point or file makes new names), so they may be cached forever.

Both are chosen in settings from the environment: the local disk by default,
S3-compatible object storage when a bucket is named.
"""

from __future__ import annotations

import secrets

from django.core.files.storage import default_storage, storages
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.functional import LazyObject, empty


class _OriginalsStorage(LazyObject):
    def _setup(self):
        self._wrapped = storages["originals"]


_originals = _OriginalsStorage()


def originals_storage():
    """The private storage of originals (a callable, so migrations do not freeze a backend)."""
    return _originals


def renditions_storage():
    return default_storage


@receiver(setting_changed)
def _forget_storage(*, setting, **kwargs):
    # Django resets its storage handler when a test changes STORAGES; follow it.
    if setting in {"STORAGES", "MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"}:
        _originals._wrapped = empty


def new_token() -> str:
    """128 random bits: the part of every file name that nobody can guess."""
    return secrets.token_hex(16)


def original_name(token: str, extension: str) -> str:
    return f"{token[:2]}/{token}.{extension}"
