import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Article, ArticleSlugHistory, CrossReference
from tests.factories import ArticleFactory, CrossReferenceFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db


def test_published_excludes_drafts_scheduled_and_archived():
    visible = ArticleFactory()
    DraftFactory()
    ScheduledFactory()
    ArticleFactory(status=Article.Status.ARCHIVED)
    ArticleFactory(status=Article.Status.IN_REVIEW)
    assert list(Article.objects.published()) == [visible]


def test_scheduled_story_appears_when_its_time_comes_without_a_job():
    story = ScheduledFactory()
    assert not Article.objects.published().filter(pk=story.pk).exists()
    later = timezone.now() + datetime.timedelta(days=2)
    assert Article.objects.published(now=later).filter(pk=story.pk).exists()


def test_slug_is_derived_from_headline_and_unique():
    first = ArticleFactory(headline="Lithuania’s minister visits Kaunas", slug="")
    second = ArticleFactory(headline="Lithuania’s minister visits Kaunas", slug="")
    assert first.slug == "lithuanias-minister-visits-kaunas"
    assert second.slug == "lithuanias-minister-visits-kaunas-2"


def test_changing_slug_keeps_old_address():
    story = ArticleFactory(slug="first-address")
    story.slug = "second-address"
    story.save()
    assert ArticleSlugHistory.objects.get(slug="first-address").article == story


def test_cross_reference_to_itself_is_refused_by_model_and_database():
    story = ArticleFactory()
    reference = CrossReference(from_article=story, to_article=story)
    with pytest.raises(ValidationError, match="cannot refer to itself"):
        reference.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        reference.save()


def test_reported_earlier_must_point_to_an_earlier_story():
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    later = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="must point to an earlier story"):
        CrossReference(from_article=earlier, to_article=later, relation="reported_earlier").full_clean()
    CrossReference(from_article=later, to_article=earlier, relation="reported_earlier").full_clean()


def test_duplicate_cross_reference_is_refused():
    reference = CrossReferenceFactory()
    duplicate = CrossReference(from_article=reference.from_article, to_article=reference.to_article,
                               relation=reference.relation)
    with pytest.raises(ValidationError, match="already has that link"):
        duplicate.full_clean()
    with pytest.raises(IntegrityError), transaction.atomic():
        duplicate.save()


def test_former_address_follows_its_latest_owner(client):
    """An address used by two stories in turn redirects to the one that had it last."""
    first = ArticleFactory(slug="aa")
    first.slug = "bb"
    first.save()
    second = ArticleFactory(slug="aa")  # takes the freed address over
    assert not ArticleSlugHistory.objects.filter(slug="aa").exists()
    second.slug = "cc"
    second.save()
    response = client.get("/stories/aa/")
    assert response.status_code == 301 and response["Location"] == "/stories/cc/"
    assert client.get("/stories/bb/").status_code == 200


@pytest.mark.parametrize("query", ["Klaipeda", "klaipėda", "KLAIPĖDA drone", "Ozolins"])
def test_search_ignores_case_and_diacritics(query):
    story = ArticleFactory(headline="Drone factory opens in Klaipėda", body="Māris Ozoliņš attended.")
    ArticleFactory(headline="Unrelated story about Riga")
    assert list(Article.objects.published().search(query)) == [story]


def test_search_sees_an_edited_headline():
    story = ArticleFactory(headline="Old words")
    story.headline = "Šiauliai air base expands"
    story.save(update_fields=["headline"])
    assert list(Article.objects.search("siauliai")) == [story]


def test_postgresql_search_is_served_by_the_gin_index():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("the full-text index exists on PostgreSQL only")
    ArticleFactory(headline="Klaipėda port")
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
    # The search's first query finds the matching stories; the page is then read by their ids.
    with CaptureQueriesContext(connection) as queries:
        Article.objects.search("klaipeda")
    (matching,) = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN {matching['sql']}")
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "articles_article_search_vector_gin" in plan
