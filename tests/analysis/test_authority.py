"""Known entities are found by name, alias, spelling without diacritics, possessive and surname."""

import pytest

from articles.analysis import AuthorityEntry, AuthorityIndex
from articles.analysis.text import fold, sentences


@pytest.fixture(scope="module")
def index() -> AuthorityIndex:
    return AuthorityIndex.build(
        [
            AuthorityEntry("person", 1, "Ieva Kalniņa", country="LV"),
            AuthorityEntry("person", 2, "Laurynas Kasčiūnas", country="LT"),
            AuthorityEntry("organization", 3, "NATO", ("North Atlantic Treaty Organization",)),
            AuthorityEntry("organization", 4, "Lithuanian Ministry of Defence", country="LT"),
            AuthorityEntry("place", 5, "Lithuania", country="LT", place_kind="country"),
            AuthorityEntry("source", 6, "LRT", source_kind="news_outlet"),
        ]
    )


def names(index, text):
    return [(m.entry.name, m.surface, m.form) for m in index.find(text)]


def test_fold_keeps_offsets():
    folded = fold("Kasčiūnas’ ß")
    assert folded.text == "kasciunas' ss"
    assert folded.span(0, 9) == (0, 9)
    assert folded.span(11, 13) == (11, 12)


def test_diacritics_case_and_possessives(index):
    found = names(index, "KALNINA met Kasciunas. Lithuania's and NATO’s plans.")
    assert ("Ieva Kalniņa", "KALNINA", "alias") not in found  # a surname alone needs the full name first
    found = names(index, "Ieva Kalnina met officials. Kalniņa said Lithuania’s and NATO's plans")
    assert [f[0] for f in found] == ["Ieva Kalniņa", "Ieva Kalniņa", "Lithuania", "NATO"]
    assert found[1][2] == "surname"


def test_stored_place_gets_gazetteer_spellings(index):
    found = index.find("the Lithuanian army")
    assert found[0].entry.id == 5 and found[0].form == "adjective"


def test_longest_match_wins(index):
    found = index.find("the Lithuanian Ministry of Defence said")
    assert [m.entry.name for m in found] == ["Lithuanian Ministry of Defence"]


def test_acronyms_are_case_sensitive(index):
    assert [m.entry.name for m in index.find("tell us about nato, lrt and the US")] == ["United States"]


def test_gazetteer_needs_capitals_and_skips_common_words(index):
    assert index.find("a nice split reading in the bath") == []
    assert index.find("Nice weather in Split") == []
    riga = index.find("Troops arrived in Riga")[0].entry
    assert (riga.id, riga.place_kind, riga.parent_name) == (None, "city", "Latvia")
    us = {m.entry.name for m in index.find("American troops, the United States and U.S. allies")}
    assert us == {"United States"}
    assert index.find("the Baltic countries")[0].entry.name == "Baltic states"


def test_gazetteer_can_be_left_out():
    assert AuthorityIndex.build([], gazetteer=False).find("Riga and Vilnius") == []


def test_lookup_and_surnames(index):
    assert index.lookup("ieva kalnina")[0].id == 1
    assert index.by_surname("Kasciunas")[0].id == 2


def test_sentences_keep_abbreviations():
    parts = [s.text for s in sentences('Gen. Smith arrived. "We are ready," he said. U.S. troops left.')]
    assert parts == ["Gen. Smith arrived.", '"We are ready," he said.', "U.S. troops left."]
