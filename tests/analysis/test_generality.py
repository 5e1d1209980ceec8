"""One focused case per general rule added while measuring on gold/unseen.json.

Every sentence here is new: none comes from the stories the rules were measured on.
"""

import pytest

from articles.analysis import AuthorityIndex, analyse
from articles.analysis.references import find_cues
from articles.analysis.text import Document


@pytest.fixture(scope="module")
def index() -> AuthorityIndex:
    return AuthorityIndex.build([])


def run(index, *paragraphs):
    return analyse("Headline", list(paragraphs), index=index)


# --- "reported earlier" cues ------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "anchor"),
    [
        ("The Gaze reported in January that the coast guard had bought two new patrol boats.",
         "The Gaze reported in January"),
        ("As we reported two weeks ago, the port of Liepāja will host allied minesweepers.",
         "As we reported two weeks ago"),
        ("We wrote last month that the airfield near Jēkabpils would reopen for drills.", "We wrote last month"),
        ("The Gaze reported earlier this year that the border fence was almost complete.",
         "The Gaze reported earlier this year"),
    ],
)
def test_reported_earlier_cue_keeps_its_time_phrase(sentence, anchor):
    """The anchor includes when the earlier story ran ("in January", "two weeks ago")."""
    cues = find_cues(Document.from_parts("H", [sentence]), "The Gaze")
    assert [c.anchor for c in cues] == [anchor]


def test_we_reported_inside_a_quote_is_not_a_cross_reference():
    doc = Document.from_parts("H", ['"We reported that drone to the border guards at once," the farmer said.'])
    assert find_cues(doc, "The Gaze") == []


# --- quotes -------------------------------------------------------------------


def test_quote_continued_after_its_attribution_keeps_the_speaker(index):
    a = run(index, 'Colonel Ilmārs Ozoliņš inspected the range. "The mud is deep this year," Ozoliņš said. '
                   '"But the tracks will hold."')
    assert [(q.text, q.speaker_name) for q in a.quotes] == [
        ("The mud is deep this year", "Ilmārs Ozoliņš"), ("But the tracks will hold.", "Ilmārs Ozoliņš")]


def test_quote_after_a_narrative_sentence_is_not_a_continuation(index):
    a = run(index, '"The mud is deep this year," Colonel Ilmārs Ozoliņš said. The convoy then left for Ādaži, '
                   'where engineers had been repairing the bridge for a week. "Nobody expected that."')
    assert [q.speaker_name for q in a.quotes if q.text.startswith("Nobody")] in ([], [""])


# --- organisations ------------------------------------------------------------


def _orgs(a):
    return [(m.name, m.count) for m in a.of_kind("organization")]


def test_title_with_of_the_keeps_its_organisation(index):
    a = run(index, "Commander of the Estonian Navy Captain Tarmo Kõiv opened the new pier on Saaremaa.")
    person = a.of_kind("person")[0]
    assert (person.name, person.role, person.organization) == ("Tarmo Kõiv", "Commander of the Estonian Navy",
                                                               "Estonian Navy")
    assert ("Estonian Navy", 1) in _orgs(a)


def test_plural_possessive_inside_an_organisation_name(index):
    a = run(index, "Members of the Latvian Veterans' League and the Estonian Women's Voluntary Defence Organisation "
                   "marched in Valga.")
    names = [n for n, _ in _orgs(a)]
    assert "Latvian Veterans' League" in names and "Estonian Women's Voluntary Defence Organisation" in names


def test_country_possessive_still_splits_from_the_institution(index):
    a = run(index, "Norway's Ministry of Defence ordered new frigates.")
    assert [n for n, _ in _orgs(a)] == ["Ministry of Defence"]


def test_numbered_units(index):
    a = run(index, "Soldiers of Mechanised Brigade 12 and the 21st Infantry Regiment crossed the Vistula.")
    assert [n for n, _ in _orgs(a)] == ["Mechanised Brigade 12", "21st Infantry Regiment"]


def test_shorter_later_name_is_the_same_organisation(index):
    a = run(index, "The Lithuanian Sea Rescue Service bought two boats. The Sea Rescue Service will base them in Nida.")
    assert _orgs(a) == [("Lithuanian Sea Rescue Service", 2)]


def test_acronyms_of_products_and_technology_are_not_organisations(index):
    a = run(index, "The CV90 MKIV vehicles use GPS receivers, and the BAE order was confirmed.")
    assert [n for n, _ in _orgs(a)] == ["BAE"]
