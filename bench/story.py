"""The story the benchmark analyses: ~2,000 words of synthetic news copy.

Built from the benchmark database so every name in it is on file: titled
people ("Minister of Defence Laurynas Kasčiūnas said ..."), attributions
("according to the Vilkava Times", "as reported by the X Defence Works' press
service"), quotes (`"...," Kasčiūnas said`, `"...," noted Laurynas
Kasčiūnas`), places, organisations, and one "The Gaze reported earlier that
..." sentence that retells a specific archived story (its headline and its
entities), which the "reported earlier" match should find.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from django.utils import timezone

from articles.models import Article, OrganizationMention, PersonMention, PlaceMention, Section
from entities.models import Organization, Place, Role, Source

from .data import WEEKDAYS, sentence

WORDS = 2000


@dataclass
class BenchStory:
    article: Article  # unsaved
    target_id: int
    target_headline: str


def _lower_first(s: str) -> str:
    return s[:1].lower() + s[1:]


def make(rng: random.Random, words: int = WORDS) -> BenchStory:
    ids = list(Article.objects.order_by("pk").values_list("pk", flat=True)[::97])
    target = Article.objects.get(pk=ids[len(ids) * 3 // 5])
    t_people = list(PersonMention.objects.filter(article=target).values_list("person__name", flat=True))
    t_orgs = list(OrganizationMention.objects.filter(article=target).values_list("organization__name", flat=True))
    t_places = list(PlaceMention.objects.filter(article=target).values_list("place__name", flat=True))

    roles = list(Role.objects.select_related("person").order_by("pk")[:400])
    titled = [(r.title, r.person.name) for r in rng.sample(roles, 10)]
    outlets = list(Source.objects.exclude(kind="press_office").order_by("pk").values_list("name", flat=True)[:500])
    press = list(
        Source.objects.filter(kind="press_office").order_by("pk").values_list("organization__name", flat=True)[:500]
    )
    orgs = list(Organization.objects.order_by("pk").values_list("name", flat=True)[:2000])
    places = list(Place.objects.order_by("pk").values_list("name", flat=True)[:1000])

    def lead() -> str:
        title, name = rng.choice(titled)
        return f"{title} {name} said on {rng.choice(WEEKDAYS)} that {_lower_first(sentence(rng))}"

    def according() -> str:
        return f"According to the {rng.choice(outlets)}, {_lower_first(sentence(rng))}"

    def as_reported() -> str:
        return f"{sentence(rng)[:-1]}, as reported by the {rng.choice(press)}'s press service."

    def quote() -> str:
        _title, name = rng.choice(titled)
        if rng.random() < 0.5:
            return f"\"{sentence(rng)[:-1]},\" {name.split()[-1]} said."
        return f"\"{sentence(rng)[:-1]},\" noted {name}."

    def named() -> str:
        return sentence(rng, rng.choice(orgs) if rng.random() < 0.5 else rng.choice(places))

    claim = target.headline.replace(" to ", " would ", 1)
    cue = (
        f"The Gaze reported earlier that {_lower_first(claim)}, a plan {t_people[0]} presented "
        f"to {' and '.join(t_orgs)} in {', '.join(t_places)}."
    )
    kinds = [lead, according, as_reported, quote, quote, named, named, named]
    paragraphs: list[str] = []
    count = 0
    while count < words:
        para = " ".join(rng.choice(kinds)() for _ in range(rng.randint(3, 5)))
        if len(paragraphs) == 6:
            para = f"{cue} {para}"
        paragraphs.append(para)
        count += len(para.split())
    headline = f"{titled[0][1]} announces {sentence(rng).split()[2]} plan for {rng.choice(places)}"
    article = Article(
        headline=headline[:250],
        body="\n".join(paragraphs),
        status="published",
        published_at=timezone.now(),
        section=Section.objects.order_by("pk").first(),
    )
    return BenchStory(article, target.pk, target.headline)
