"""
How stories use library photos, told to the photo library (``images.usage``):
a photo is public while a published story shows it as its lead or in its
body, and the library lists the stories that use each photo.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse

from images.usage import ImageUse, Use

from .models import Article, InlineImage
from .querysets import GOING_LIVE


def photos_readers_can_see(now: datetime.datetime) -> Q:
    published = Article.objects.published(now=now)
    return Q(Exists(published.filter(lead_image=OuterRef("pk")))) | Q(
        Exists(InlineImage.objects.filter(image=OuterRef("pk"), article__in=published))
    )


def stories_using(image_id: int) -> list[Use]:
    stories = (
        Article.objects.filter(Q(lead_image_id=image_id) | Q(inline_images__image_id=image_id))
        .distinct()
        .only("headline", "status")
        .order_by("-pk")
    )
    return [
        Use(story.headline, reverse("admin:articles_article_change", args=[story.pk]), story.status in GOING_LIVE)
        for story in stories
    ]


story_photo_use = ImageUse(visible=photos_readers_can_see, uses=stories_using)
