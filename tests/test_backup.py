"""A backup with ``dumpdata`` restores a whole newsroom with ``loaddata``: the same rows, the same pages.

The commands are the ones README.md ("Backup and restore") gives: references
to content types by natural key, so content types and permissions (which a
fresh database makes itself) are left out and every reference to them (tags,
revisions, admin history) still finds them.
"""

import datetime
import re

import pytest
import reversion
from django.apps import apps
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from articles.models import Article, CrossReference
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    ImageFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceMentionFactory,
    QuoteFactory,
    RoleFactory,
    SectionFactory,
    SourceAttributionFactory,
)

# Not --natural-primary: taggit's natural key for a tagged item is the object alone, so a story's
# second tag would overwrite its first on load (found by this test). Rows keep their ids instead.
# YAML: Django's JSON encoder cuts times to the millisecond (the API and the pages' metadata
# show them to the microsecond), and its XML reader strips the whitespace around each value.
DUMP_OPTIONS = [
    "--format=yaml", "--natural-foreign",
    # Made by migrate itself, and django-rq's dashboard, which has no table.
    "--exclude=contenttypes", "--exclude=auth.permission", "--exclude=sessions", "--exclude=django_rq",
]


def build_newsroom() -> dict:
    section = SectionFactory(name="Defence", slug="defence")
    person = PersonFactory(name="Laurynas Kasčiūnas")
    RoleFactory(person=person, title="Minister of Defence")
    earlier = ArticleFactory(
        section=section, headline="Drones over the border", tags=["Drones"],
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    story = ArticleFactory(
        section=section, headline="Kasčiūnas orders more drones", tags=["Drones", "Procurement"],
        lead_image=ImageFactory(), body="The Gaze reported earlier that drones crossed.\nKasčiūnas said more are coming.",
    )
    for article in (earlier, story):
        PersonMentionFactory(article=article, person=person)
        OrganizationMentionFactory(article=article)
        PlaceMentionFactory(article=article)
        SourceAttributionFactory(article=article)
        QuoteFactory(article=article, speaker=person, text=f"We will buy more drones ({article.pk}).")
        BylineFactory(article=article)
    CrossReferenceFactory(from_article=story, to_article=earlier, anchor_text="The Gaze reported earlier",
                          relation=CrossReference.Relation.REPORTED_EARLIER)
    CorrectionFactory(article=story)
    for headline in ("Kasčiūnas orders more drones for the army", "Kasčiūnas orders 500 more drones"):
        with reversion.create_revision():
            story.headline = headline
            story.save()
    return {"story": Article.objects.get(pk=story.pk), "person": person}


def row_counts() -> dict[str, int]:
    # Tables Django manages (django-rq's dashboard model has none).
    return {model._meta.label: model._default_manager.count() for model in apps.get_models() if model._meta.managed}


def public_pages(client, newsroom: dict) -> dict[str, str]:
    cache.clear()  # whatever a page cached must not stand in for the database
    pages = {}
    for url in ["/", newsroom["story"].get_absolute_url(), newsroom["person"].get_absolute_url(),
                f"/api/articles/{newsroom['story'].slug}/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = re.sub(r'nonce="[^"]*"', "", response.content.decode())  # a new CSP nonce per response
    return pages


@pytest.mark.django_db(transaction=True)
def test_dumpdata_flush_loaddata_gives_back_every_row_and_the_same_pages(client, tmp_path):
    newsroom = build_newsroom()
    counts, pages = row_counts(), public_pages(client, newsroom)
    assert counts["reversion.Version"] >= 2 and counts["images.Image"] == 1 and counts["taggit.TaggedItem"] == 3
    dump = tmp_path / "newsroom.yaml"

    call_command("dumpdata", *DUMP_OPTIONS, output=str(dump), verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    assert not Article.objects.exists() and client.get(newsroom["story"].get_absolute_url()).status_code == 404
    call_command("loaddata", str(dump), verbosity=0)

    assert row_counts() == counts
    assert public_pages(client, newsroom) == pages
    restored = Article.objects.get(pk=newsroom["story"].pk)
    # The story's history still reads (and could restore) each revision.
    headlines = [v.field_dict["headline"] for v in Version.objects.get_for_object(restored)]
    assert headlines == ["Kasčiūnas orders 500 more drones", "Kasčiūnas orders more drones for the army"]
