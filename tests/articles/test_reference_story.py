"""The development case end to end: import the earlier story, then the reference story,
accepting every suggestion, and check the newsroom recorded what a careful editor would."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from articles.models import Article, CrossReference, LinkStatus, Quote, SourceAttribution
from entities.models import Organization, Person, Place, Source

REFERENCE = Path(settings.BASE_DIR).parent / "shared" / "reference"

# Our own earlier story, the one "The Gaze reported earlier that ..." points to.
EARLIER = """Lithuania Asks Sweden to Fly Air Policing Missions from Šiauliai
Lithuanian Minister of Defence Laurynas Kasčiūnas met his Swedish counterpart Paul Johnsson in Vilnius on Monday and asked Sweden to send fighter jets to NATO's Baltic air policing mission.
The mission, flown from the Šiauliai air base, guards the airspace of the Baltic states around the clock.
"Sweden's pilots know our skies, and the Baltic states would welcome them," Kasčiūnas said.
Johnsson said Sweden, the alliance's newest member, was ready to take part in patrolling the region.
"""

# An unrelated earlier story from the same beat, which must not be linked.
DISTRACTOR = """Latvia Signs Contract for Coastal Defence Missiles
The Latvian Ministry of Defence has signed a contract for coastal defence missiles, according to LSM.
The first batteries will be placed near Ventspils next year.
"""

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not REFERENCE.is_dir(), reason=f"the reference story is not at {REFERENCE}"),
]


def _import(path, when):
    out = StringIO()
    call_command(
        "import_stories", str(path), "--publish", "--published-at", when, "--accept-suggestions", "--json",
        stdout=out, stderr=StringIO(),
    )
    return json.loads(out.getvalue())[0]["slug"]


@pytest.fixture
def imported(tmp_path):
    distractor, earlier = tmp_path / "distractor.txt", tmp_path / "earlier.txt"
    distractor.write_text(DISTRACTOR, encoding="utf-8")
    earlier.write_text(EARLIER, encoding="utf-8")
    _import(distractor, "2024-03-01T10:00:00+02:00")
    earlier_slug = _import(earlier, "2024-03-12T10:00:00+02:00")
    slug = _import(REFERENCE / "us-battalion-lithuania.txt", "2024-04-20T10:00:00+03:00")
    return Article.objects.get(slug=slug), Article.objects.get(slug=earlier_slug)


def test_reference_story_records_the_gold(imported):
    story, earlier = imported
    gold = json.loads((REFERENCE / "us-battalion-lithuania.gold.json").read_text(encoding="utf-8"))
    when = story.published_at

    people = {m.person.name: m.person for m in story.person_mentions.confirmed().select_related("person")}
    for expected in gold["people"]:
        person = people[expected["name"]]
        assert person.title_on(when) == expected["role"]
        assert person.nationality is not None and person.nationality.name == expected["of"]

    organizations = set(story.organization_mentions.confirmed().values_list("organization__name", flat=True))
    for expected in gold["organizations"]:
        assert expected["name"] in organizations, expected["name"]

    places = set(story.place_mentions.confirmed().values_list("place__name", flat=True))
    for expected in gold["places"]:
        assert expected["name"] in places, expected["name"]

    attributions = {a.source.name: a for a in story.attributions.confirmed().select_related("source")}
    for expected in gold["sources"]:
        attribution = attributions[expected["name"]]
        assert attribution.source.get_kind_display().lower() == expected["kind"]
        assert expected["cue"].lower() in attribution.cue.lower()
    press_office = Source.objects.get(name="Lithuanian Ministry of Defence press service")
    assert press_office.organization == Organization.objects.get(name="Lithuanian Ministry of Defence")

    quotes = list(story.quotes.confirmed().select_related("speaker"))
    for expected in (q for q in gold["quotes"] if not q.get("optional")):
        quote = next(q for q in quotes if q.text.startswith(expected["starts"]))
        assert quote.speaker is not None and quote.speaker.name == expected["speaker"]

    reference = CrossReference.objects.get(from_article=story, relation="reported_earlier")
    assert reference.to_article == earlier
    assert reference.status == LinkStatus.CONFIRMED
    assert reference.anchor_text.startswith("The Gaze reported earlier")
    # ... and the reader sees it as a link in the story and as later coverage of the earlier one.
    story.refresh_from_db()
    assert f'href="{earlier.get_absolute_url()}"' in story.body_html
    assert list(Article.objects.for_detail().get(pk=earlier.pk).later_coverage)[0].from_article == story


def test_no_duplicates_and_nothing_proposed_twice(imported):
    story, _ = imported
    assert Person.objects.filter(name__icontains="Kasčiūnas").count() == 1
    assert Place.objects.filter(name="Lithuania").count() == 1
    assert Place.objects.get(name="Vilnius").parent == Place.objects.get(name="Lithuania")
    assert not SourceAttribution.objects.filter(source__name__icontains="Gaze").exists()
    assert not Quote.objects.filter(article=story, status=LinkStatus.SUGGESTED).exists()


def test_evaluate_analysis_prints_precision_and_recall(imported):
    out = StringIO()
    call_command("evaluate_analysis", str(REFERENCE / "us-battalion-lithuania.gold.json"), "--json", stdout=out)
    scores = json.loads(out.getvalue())["scores"]
    for kind in ("people", "organizations", "places", "sources", "quotes", "reported_earlier"):
        assert scores[kind]["recall"] >= 0.75, (kind, scores[kind])
        assert scores[kind]["precision"] >= 0.6, (kind, scores[kind])
