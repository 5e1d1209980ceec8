"""One focused case per general rule added after the second blind check (gold/blind2/blind2.json).

Every sentence here is new: none comes from the blind2 stories the rules were measured on.
"""

import pytest

from articles.analysis import AuthorityIndex, analyse


@pytest.fixture(scope="module")
def index() -> AuthorityIndex:
    return AuthorityIndex.build([])


def run(index, *paragraphs, headline="Headline"):
    return analyse(headline, list(paragraphs), index=index)


def _people(a):
    return [(p.name, p.role, p.country, p.organization) for p in a.of_kind("person")]


def _orgs(a):
    return [m.name for m in a.of_kind("organization")]


def _places(a):
    return [m.name for m in a.of_kind("place")]


def _sources(a):
    return [(s.name, s.kind, s.cue) for s in a.sources]


def test_agency_credit_in_parentheses(index):
    a = run(index, "The border guard closed two crossings overnight, a spokesman said (ELTA).")
    assert ("ELTA", "news_agency", "(ELTA)") in _sources(a)


def test_agency_credit_needs_a_known_agency(index):
    a = run(index, "The new radar covers the whole coast (NATO).")
    assert not [s for s in _sources(a) if s[1] == "news_agency"]


def test_outlet_in_the_possessive_is_the_source_not_the_body_it_names(index):
    a = run(index, "Rzeczpospolita's sources in the Defence Ministry said the tender would be cancelled.")
    assert _sources(a) == [
        ("Rzeczpospolita", "news_outlet", "Rzeczpospolita's sources in the Defence Ministry said"),
    ]
    a = run(index, "Yle's reporter at the harbour saw two frigates leave before dawn.")
    assert ("Yle", "news_outlet", "Yle's reporter at the harbour saw") in _sources(a)
