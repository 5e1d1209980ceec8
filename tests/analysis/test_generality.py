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
