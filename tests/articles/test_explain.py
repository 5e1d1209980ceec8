"""Every public list and filter is answered from indexes on PostgreSQL, the production database.

The queries are the ones the views, feeds, sitemaps and API build
(``bench.explain.public_list_queries``). With ``enable_seqscan`` off, the
planner still reads a table in full when no index can answer, so a missing
index shows up as a "Seq Scan" in the plan; at archive scale that is the
difference between 0.3 ms and 230 ms (bench/README.md, "Indexes").
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone
from taggit.models import Tag

from bench.explain import indexes_read, plan_of, public_list_queries, sequential_scans
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    OrganizationMentionFactory,
    PersonMentionFactory,
    PlaceMentionFactory,
    QuoteFactory,
    SectionFactory,
    SourceAttributionFactory,
)

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="EXPLAIN plans are PostgreSQL's (production); run with DATABASE_URL=postgres://...",
    ),
]


@pytest.fixture
def subjects():
    section = SectionFactory(name="Defence", slug="defence")
    person = organization = place = source = None
    for i in range(6):
        story = ArticleFactory(
            section=section, tags=["Drones"], headline=f"Drone story {i}",
            published_at=timezone.now() - datetime.timedelta(days=i),
        )
        person = PersonMentionFactory(article=story, **({"person": person} if person else {})).person
        organization = OrganizationMentionFactory(
            article=story, **({"organization": organization} if organization else {})
        ).organization
        place = PlaceMentionFactory(article=story, **({"place": place} if place else {})).place
        source = SourceAttributionFactory(article=story, **({"source": source} if source else {})).source
        QuoteFactory(article=story, speaker=person)
    DraftFactory(section=section, tags=["Drones"])
    with connection.cursor() as cursor:
        # Realistic planner settings for a big archive: reading a table in full is the last resort.
        cursor.execute("SET LOCAL enable_seqscan = off")
    return {
        "section": section, "tag": Tag.objects.get(name="Drones"), "person": person,
        "organization": organization, "place": place, "source": source,
    }


def test_every_public_list_and_filter_reads_indexes_not_whole_tables(subjects):
    queries = public_list_queries(**subjects, word="drone")
    scanned = {name: sequential_scans(plan_of(qs, analyze=False)) for name, qs in queries.items()}
    assert {name: tables for name, tables in scanned.items() if tables} == {}


@pytest.mark.parametrize(
    ("query", "indexes"),
    [
        ("front page", {"article_live_by_date"}),
        # A section as big as the whole archive (as here) is read newest first like the front page.
        ("section page", {"article_live_by_section", "article_live_by_date"}),
        # Tagged items by tag, or (the planner's choice for a story list this small) probed per story.
        ("tag page", {"taggeditem_by_tag", "taggit_taggeditem_content_type_id_object_id_tag_id_4bb97a8e_uni"}),
        ("person page", {"personmention_public"}),
        ("organisation page", {"orgmention_public"}),
        ("place page", {"placemention_public"}),
        ("source page", {"attribution_public"}),
        ("person page quotes", {"quote_public"}),
        ("api/search ?published_after=", {"article_live_by_date"}),
    ],
)
def test_the_busiest_lists_use_the_indexes_made_for_them(subjects, query, indexes):
    assert indexes & set(indexes_read(plan_of(public_list_queries(**subjects)[query], analyze=False)))


def test_counting_the_live_archive_can_be_answered_from_its_index_alone(subjects):
    # The API list's count and the sitemap index's count and "last changed" read only
    # ``article_live_by_date``, which carries ``republish_at`` and ``updated_at``, so PostgreSQL
    # can answer them with an index-only scan: the story rows, with their text, stay on disk
    # (50 -> 10 ms at 100,000 stories). Which scan the planner picks on a test's handful of
    # rows depends on statistics other tests leave, so the index's definition is checked.
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'article_live_by_date'")
        (definition,) = cursor.fetchone()
    read = {"published_at", "id", "status", "republish_at", "updated_at"}
    assert "INCLUDE (republish_at, updated_at)" in definition
    assert {column for column in read if column in definition} == read
