"""
Who uses a photo, told by the apps that use them (images imports none of them).

A photo is public when something readers can see shows it: a published story
as its lead or in its body. The stories app registers that rule when it
starts (``articles.apps``); the media views and the library ask it through
``Image.objects.public()`` and ``uses_of()``.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Q


@dataclass(frozen=True)
class Use:
    """One thing that shows a photo: a story, as editors know it."""

    title: str
    admin_url: str
    live: bool  # published or scheduled: it needs the photo's alt text


@dataclass(frozen=True)
class ImageUse:
    # Images readers can see at ``now``, as a filter on Image.
    visible: Callable[[datetime.datetime], Q]
    # What shows the image with the given id.
    uses: Callable[[int], list[Use]]


_registry: list[ImageUse] = []


def register(image_use: ImageUse) -> None:
    if image_use not in _registry:
        _registry.append(image_use)


def visible_q(now: datetime.datetime) -> Q:
    query = Q(pk__in=[])
    for image_use in _registry:
        query |= image_use.visible(now)
    return query


def uses_of(image_id: int) -> list[Use]:
    return [use for image_use in _registry for use in image_use.uses(image_id)]
