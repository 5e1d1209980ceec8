"""
A story as IPTC ninjs 2.2 at ``/api/articles/<slug>/ninjs``.

Conformance is checked against the IPTC schema kept outside the project, in
``../shared/standards/``; where that folder is absent the schema tests skip
themselves and say why.
"""

import datetime
import json
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.conf import settings

from articles.models import Article, LinkStatus
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    DraftFactory,
    ImageFactory,
    OrganizationMentionFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    ScheduledFactory,
    SectionFactory,
    SourceAttributionFactory,
)

pytestmark = pytest.mark.django_db

VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")
STANDARDS = Path(settings.BASE_DIR).parent / "shared" / "standards"
SCHEMA_PATH = STANDARDS / "ninjs-schema_2.2.json"


def ninjs_url(slug):
    return f"/api/articles/{slug}/ninjs"


@pytest.fixture(scope="module")
def validator():
    """A Draft 2020-12 validator for ninjs 2.2 that also checks "uri" and "date-time" formats."""
    if not SCHEMA_PATH.exists():
        pytest.skip(f"ninjs schema not found at {STANDARDS} (../shared/standards is only on CI)")
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))

    # jsonschema only checks these formats with optional extras; a strict, small version of each.
    formats = jsonschema.FormatChecker()

    @formats.checks("uri", raises=ValueError)
    def is_absolute_uri(value):
        parts = urlsplit(value)
        return bool(parts.scheme and (parts.netloc or parts.path)) and " " not in value

    @formats.checks("date-time", raises=ValueError)
    def is_date_time(value):
        return "T" in value and datetime.datetime.fromisoformat(value).tzinfo is not None

    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=formats)


def assert_valid(validator, item):
    errors = sorted(validator.iter_errors(item), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors)


@pytest.fixture
def story(settings):
    settings.MEDIA_URL = "/media/"
    story = ArticleFactory(
        headline="Kasčiūnas visits the frigates",
        standfirst="The minister inspected the ships.",
        section=SectionFactory(name="Defence", slug="defence"),
        published_at=datetime.datetime(2025, 3, 1, 12, tzinfo=VILNIUS),
        tags=["NATO", "Baltic Sea", "Klaipėda"],
        dateline_place=PlaceFactory(name="Klaipėda"),
        lead_image=ImageFactory(caption="A frigate in port.", alt_text="A grey warship at a quay.", credit="Navy photo"),
    )
    BylineFactory(article=story, name="Rūta Reporter")
    minister = PersonMentionFactory(article=story, person__name="Laurynas Kasčiūnas").person
    PersonMentionFactory(article=story, person__name="Suggested Person", status=LinkStatus.SUGGESTED)
    OrganizationMentionFactory(article=story, organization__name="Lithuanian Navy")
    PlaceMentionFactory(article=story, place__name="Baltic Sea")
    SourceAttributionFactory(article=story, source__name="LRT")
    QuoteFactory(article=story, speaker=minister)
    CrossReferenceFactory(
        from_article=story, to_article__headline="Frigates on their way",
        to_article__published_at=datetime.datetime(2025, 2, 1, tzinfo=VILNIUS),
    )
    CrossReferenceFactory(to_article=story, from_article__headline="Frigates leave")
    CrossReferenceFactory(to_article=story, from_article=DraftFactory(headline="Unpublished follow-up"))
    CorrectionFactory(article=story, text="The port was misnamed.")
    story.refresh_from_db()
    return story


def test_a_full_story_validates_against_ninjs_2_2(client, story, validator):
    response = client.get(ninjs_url(story.slug))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert_valid(validator, response.json())


def test_a_bare_story_validates_against_ninjs_2_2(client, validator):
    story = ArticleFactory(standfirst="")

    assert_valid(validator, client.get(ninjs_url(story.slug)).json())


def test_the_rendering_carries_the_story_and_its_confirmed_links(client, story):
    item = client.get(ninjs_url(story.slug)).json()

    assert item["uri"] == f"http://testserver/stories/{story.slug}/"
    assert item["type"] == "text" and item["pubstatus"] == "usable"
    assert item["standard"]["version"] == "2.2"
    assert item["firstcreated"] == "2025-03-01T10:00:00Z"
    assert item["headlines"] == [{"role": "main", "value": "Kasčiūnas visits the frigates"}]
    assert {"role": "summary", "contenttype": "text/plain", "value": "The minister inspected the ships."} in item[
        "descriptions"
    ]
    assert {"role": "correction", "contenttype": "text/plain", "value": "The port was misnamed."} in item[
        "descriptions"
    ]
    assert [body["contenttype"] for body in item["bodies"]] == ["text/html", "text/plain"]
    assert item["bodies"][0]["value"] == story.body_html
    assert item["by"] == "Rūta Reporter"
    assert item["located"] == "Klaipėda"
    assert [p["name"] for p in item["people"]] == ["Laurynas Kasčiūnas"]
    assert [o["name"] for o in item["organisations"]] == ["Lithuanian Navy"]
    assert [p["name"] for p in item["places"]] == ["Baltic Sea"]
    assert [s["name"] for s in item["infosources"]] == ["LRT"]
    assert [(s["rel"], s["name"]) for s in item["subjects"]] == [
        ("section", "Defence"), ("tag", "Baltic Sea"), ("tag", "Klaipėda"), ("tag", "NATO"),
    ]
    associations = {(a["name"], a.get("headlines", [{}])[0].get("value")) for a in item["associations"]}
    assert associations == {
        ("lead_image", None),
        ("reported_earlier", "Frigates on their way"),
        ("reported_later", "Frigates leave"),
    }
    (image,) = [a for a in item["associations"] if a["name"] == "lead_image"]
    assert image["type"] == "picture" and image["uri"].startswith("http://testserver/media/renditions/")
    large = image["renditions"][0]
    assert (large["name"], large["width"], large["height"], large["contenttype"]) == ("large", 1000, 562, "image/jpeg")
    assert image["uri"] == large["href"] and large["href"].endswith(".jpg")
    assert image["by"] == "Navy photo"
    assert {d["role"]: d["value"] for d in image["descriptions"]} == {
        "caption": "A frigate in port.", "alt": "A grey warship at a quay."
    }


@pytest.mark.parametrize(
    "make",
    [DraftFactory, ScheduledFactory, lambda: ArticleFactory(status=Article.Status.ARCHIVED, published_at=None)],
    ids=["draft", "scheduled", "archived-never-public"],
)
def test_unpublished_stories_are_a_json_404(client, make):
    response = client.get(ninjs_url(make().slug))

    assert response.status_code == 404
    assert "error" in response.json()


def test_a_renamed_story_redirects_to_its_new_ninjs_address(client):
    story = ArticleFactory(slug="old-name")
    story.slug = "new-name"
    story.save()

    response = client.get(ninjs_url("old-name"))

    assert response.status_code == 301
    assert response["Location"] == ninjs_url("new-name")


def test_queries_do_not_grow_with_the_links(client, django_assert_num_queries):
    story = ArticleFactory()

    def add_links(count):
        for _ in range(count):
            PersonMentionFactory(article=story)
            OrganizationMentionFactory(article=story)
            PlaceMentionFactory(article=story)
            SourceAttributionFactory(article=story)
            CrossReferenceFactory(from_article=story, to_article__published_at=story.published_at
                                  - datetime.timedelta(days=1))
            CrossReferenceFactory(to_article=story)
        story.tags.add(*[f"tag-{count}-{n}" for n in range(count)])

    add_links(1)
    # The for_detail() bundle (12) and the page parts' two coverage queries, read for the cache tags.
    with django_assert_num_queries(14) as captured:
        assert len(client.get(ninjs_url(story.slug)).json()["people"]) == 1
    add_links(29)
    with django_assert_num_queries(len(captured)):
        assert len(client.get(ninjs_url(story.slug)).json()["people"]) == 30
