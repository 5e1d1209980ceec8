"""factory_boy factories for every model the tests build."""

import datetime
from unittest import mock

import factory
from django.utils import timezone

from articles.models import (
    Article,
    Byline,
    Correction,
    CrossReference,
    LinkStatus,
    OrganizationMention,
    PersonMention,
    PlaceMention,
    Quote,
    Section,
    SourceAttribution,
)
from entities.models import Organization, Person, Place, Role, Source
from images import processing
from images.models import Image
from images.services import generate_renditions
from tests.images.crafted import plain


class PlaceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Place {n}")
    kind = Place.Kind.CITY


class CountryFactory(PlaceFactory):
    kind = Place.Kind.COUNTRY


class OrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organization

    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = Organization.Kind.GOVERNMENT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person Number{n}")


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Role

    person = factory.SubFactory(PersonFactory)
    title = "Minister of Defence"
    start_date = datetime.date(2020, 1, 1)


class SourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Source

    name = factory.Sequence(lambda n: f"Source {n}")
    kind = Source.Kind.NEWS_OUTLET


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Section {n}")
    slug = factory.Sequence(lambda n: f"section-{n}")


class ImageFactory(factory.django.DjangoModelFactory):
    """A library photo (a small JPEG made in memory), described and with its renditions made.

    The factory makes them itself, without the rendition job a save schedules;
    ``renditions=False`` leaves them unmade.
    """

    class Meta:
        model = Image
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Photo {n}")
    file = factory.LazyFunction(lambda: processing.sanitise(plain("JPEG", (1000, 667))))
    caption = "Troops at the Pabradė range."
    credit = "Ona Jonaitė / The Gaze"
    alt_text = "Soldiers walking beside armoured vehicles"

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        with mock.patch("images.signal_handlers.schedule_renditions"):
            return super()._create(model_class, *args, **kwargs)

    @factory.post_generation
    def renditions(self, create, extracted, **kwargs):
        if create and extracted is not False:
            generate_renditions(self.pk)
            self.refresh_from_db()


class ArticleFactory(factory.django.DjangoModelFactory):
    """A published story, one hour old unless told otherwise."""

    class Meta:
        model = Article
        skip_postgeneration_save = True

    headline = factory.Sequence(lambda n: f"Story number {n}")
    standfirst = "What happened, in one sentence."
    body = "First paragraph of the story.\nSecond paragraph of the story."
    section = factory.SubFactory(SectionFactory)
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1))

    @factory.post_generation
    def tags(self, create, extracted, **kwargs):
        if create and extracted:
            self.tags.add(*extracted)


class DraftFactory(ArticleFactory):
    status = Article.Status.DRAFT
    published_at = None


class ScheduledFactory(ArticleFactory):
    status = Article.Status.PUBLISHED
    published_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))


class BylineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Byline

    article = factory.SubFactory(ArticleFactory)
    name = factory.Sequence(lambda n: f"Reporter {n}")


class PersonMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PersonMention

    article = factory.SubFactory(ArticleFactory)
    person = factory.SubFactory(PersonFactory)
    status = LinkStatus.CONFIRMED


class OrganizationMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OrganizationMention

    article = factory.SubFactory(ArticleFactory)
    organization = factory.SubFactory(OrganizationFactory)
    status = LinkStatus.CONFIRMED


class PlaceMentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PlaceMention

    article = factory.SubFactory(ArticleFactory)
    place = factory.SubFactory(PlaceFactory)
    status = LinkStatus.CONFIRMED


class SourceAttributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SourceAttribution

    article = factory.SubFactory(ArticleFactory)
    source = factory.SubFactory(SourceFactory)
    kind = SourceAttribution.Kind.ACCORDING_TO
    cue = factory.LazyAttribute(lambda o: f"according to {o.source.name}")
    status = LinkStatus.CONFIRMED


class QuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quote

    article = factory.SubFactory(ArticleFactory)
    text = factory.Sequence(lambda n: f"We said something memorable, number {n}")
    speaker = factory.SubFactory(PersonFactory)
    paragraph = 1
    status = LinkStatus.CONFIRMED


class CrossReferenceFactory(factory.django.DjangoModelFactory):
    """A confirmed "reported earlier" link from a story to an older one."""

    class Meta:
        model = CrossReference

    to_article = factory.SubFactory(
        ArticleFactory, published_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    )
    from_article = factory.SubFactory(ArticleFactory)
    relation = CrossReference.Relation.REPORTED_EARLIER
    anchor_text = ""
    status = LinkStatus.CONFIRMED


class CorrectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correction

    article = factory.SubFactory(ArticleFactory)
    text = "An earlier version of this story misstated the date of the exercise."
