"""Behaviour of analyse() on short made-up paragraphs."""

from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.analysis import AuthorityEntry, AuthorityIndex, Candidate, ListReferenceFinder, analyse
from articles.analysis.entities import normalise_role
from articles.analysis.references import find_cues
from articles.analysis.text import Document


@pytest.fixture(scope="module")
def index() -> AuthorityIndex:
    return AuthorityIndex.build(
        [
            AuthorityEntry("person", 7, "Mikko Laine", country="FI"),
            AuthorityEntry("organization", 8, "Finnish Defence Forces", country="FI"),
            AuthorityEntry("source", 9, "Finnish Defence Forces press service", source_kind="press_office",
                           organization_id=8),
            AuthorityEntry("source", 10, "Yle", source_kind="news_outlet"),
        ]
    )


def run(index, *paragraphs, **kwargs):
    return analyse("Headline", list(paragraphs), index=index, **kwargs)


def test_known_person_quoted_by_surname(index):
    a = run(index, "Finnish Defence Forces commander Mikko Laine visited Kotka.", '"We are ready," Laine said.')
    assert [(q.speaker.id, q.speaker_name, q.cue) for q in a.quotes] == [(7, "Mikko Laine", "Laine said")]


def test_quote_before_colon_and_pronoun(index):
    a = run(index, 'Colonel Andris Bērziņš said: "The exercise went well." Later he added: "We learnt a lot."')
    assert [(q.speaker_name, q.cue) for q in a.quotes] == [
        ("Andris Bērziņš", "Colonel Andris Bērziņš said"),
        ("Andris Bērziņš", "he added"),
    ]


def test_scare_quotes_are_skipped(index):
    a = run(index, 'Officials called it a "wake-up call" for the region and for the "new normal".')
    assert a.quotes == []


def test_new_person_with_role_and_country(index):
    a = run(index, "Danish Defence Minister Troels Lund Poulsen met sailors.")
    person = a.of_kind("person")[0]
    assert (person.name, person.role, person.country, person.entry) == (
        "Troels Lund Poulsen", "Minister of Defence", "DK", None)


def test_known_person_spelled_without_diacritics_is_not_new(index):
    a = run(index, "Mikko LAINE arrived. Defence Minister Mikko Laine spoke.")
    assert [(m.name, m.entry.id if m.entry else None, m.role) for m in a.of_kind("person")] == [
        ("Mikko Laine", 7, "Minister of Defence")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The drills began on Monday, according to Yle.", ("Yle", 10, "news_outlet", "according_to", "according to Yle")),
        ("The Finnish Defence Forces' press service said the drills began.",
         ("Finnish Defence Forces press service", 9, "press_office", "other",
          "The Finnish Defence Forces' press service")),
        ("BNS reported that the drills began.", ("BNS", None, "news_agency", "reported", "BNS reported")),
        ("In an interview with Delfi, the admiral said the drills began.",
         ("Delfi", None, "news_outlet", "interview", "In an interview with Delfi")),
    ],
)
def test_source_cues(index, sentence, expected):
    if "press service" in sentence:
        sentence = "As reported by " + sentence[0].lower() + sentence[1:].replace(" said the drills began", "")
        expected = (*expected[:3], "as_reported_by", "As reported by the Finnish Defence Forces' press service")
    a = run(index, sentence)
    assert [(s.name, s.entry.id if s.entry else None, s.kind, s.attribution, s.cue) for s in a.sources] == [expected]


def test_people_and_own_publication_are_not_sources(index):
    a = run(
        index,
        "According to the Lithuanian Defence Minister, the talks went well.",
        "According to Mikko Laine, the talks went well. The Gaze reported that the talks went well.",
        "As we reported, the talks went well.",
    )
    assert a.sources == []


@pytest.mark.parametrize(
    "sentence",
    [
        "The Gaze reported earlier that the brigade would stay.",
        "As the gaze previously reported, the brigade would stay.",
        "Gaze has reported that the brigade would stay.",
        "Earlier, The Gaze reported that the brigade would stay.",
        "As we previously reported, the brigade would stay.",
        "The brigade would stay, as we reported earlier.",
    ],
)
def test_reported_earlier_cues(sentence):
    doc = Document.from_parts("H", [sentence])
    cues = find_cues(doc, "The Gaze")
    assert len(cues) == 1
    assert cues[0].anchor in sentence and "brigade" in cues[0].claim


@pytest.mark.parametrize(
    "sentence",
    ["It's worth noting that the brigade arrived in 2022.", "The brigade will stay, according to LRT."],
)
def test_background_is_not_a_cross_reference(sentence):
    assert find_cues(Document.from_parts("H", [sentence]), "The Gaze") == []


EARLIER = Candidate(1, datetime(2024, 1, 1, tzinfo=UTC), "German brigade to stay in Lithuania for good",
                    frozenset({("organization", 8)}))
LATER = Candidate(2, datetime(2024, 3, 1, tzinfo=UTC), EARLIER.text, frozenset({("organization", 8)}))
OFF_TOPIC = Candidate(3, datetime(2023, 1, 1, tzinfo=UTC), "Fishing quotas in the North Sea cut again")


def test_reference_is_earlier_and_above_threshold(index):
    finder = ListReferenceFinder([EARLIER, LATER, OFF_TOPIC])
    a = run(index, "The Gaze reported earlier that the German brigade would stay in Lithuania.",
            reference_finder=finder, published_at=datetime(2024, 2, 1, tzinfo=UTC))
    assert [(r.article_id, r.anchor_text) for r in a.references] == [(1, "The Gaze reported earlier")]
    a = run(index, "The Gaze reported earlier that the fishing quotas were cut.",
            reference_finder=ListReferenceFinder([EARLIER]), published_at=datetime(2024, 2, 1, tzinfo=UTC))
    assert a.references == []


def test_normalise_role():
    assert normalise_role("defence minister") == "Minister of Defence"
    assert normalise_role("Foreign Minister") == "Minister of Foreign Affairs"
    assert normalise_role("Prime Minister") == "Prime Minister"


CUTOFF = datetime(2024, 2, 1, tzinfo=UTC)
_INDEX = AuthorityIndex.build([AuthorityEntry("person", 7, "Mikko Laine")])
_FINDER = ListReferenceFinder([EARLIER, LATER, OFF_TOPIC])
_text = st.text(alphabet=st.characters(codec="utf-8"), max_size=300)
_newsy = st.lists(
    st.sampled_from(['"', "“", "”", "The Gaze reported earlier that", "Laine", "said", ",", ".", "German brigade",
                     "according to", "'s", "press service", "Minister of Defence", "Lithuania", "\n", " "]),
    max_size=40,
).map(" ".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(headline=_text, paragraphs=st.lists(st.one_of(_text, _newsy), max_size=4))
def test_never_crashes_nor_links_forward(headline, paragraphs):
    a = analyse(headline, paragraphs, index=_INDEX, reference_finder=_FINDER, published_at=CUTOFF)
    assert all(r.article_id != LATER.article_id for r in a.references)
    assert all(0 <= q.paragraph < len(paragraphs) for q in a.quotes)
