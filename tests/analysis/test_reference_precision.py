"""In a real archive most stories share the country and NATO: that alone is no "reported earlier" match."""

from datetime import UTC, datetime, timedelta

from articles.analysis import AuthorityEntry, AuthorityIndex, Candidate, ListReferenceFinder, analyse

LITHUANIA = AuthorityEntry("place", 1, "Lithuania", ("Lithuanian",), "LT", "country")
NATO = AuthorityEntry("organization", 2, "NATO")
WHEN = datetime(2025, 6, 1, tzinfo=UTC)
COMMON = frozenset({("place", 1), ("organization", 2)})

STORY = [
    "Talks on the new air base continued on Tuesday.",
    "The Gaze reported earlier that Lithuania asked NATO allies to send tanker aircraft to refuel "
    "fighter jets over the Baltic Sea during the summer exercise.",
]

UNRELATED = [
    Candidate(10 + i, WHEN - timedelta(days=10 + i), text, COMMON)
    for i, text in enumerate(
        [
            "Lithuania opens new conscript barracks\nNATO officers attended the opening in Lithuania's south.",
            "Lithuanian parliament debates defence budget\nNATO spending targets dominate the debate.",
            "Lithuania hosts NATO logistics conference\nOfficers discussed rail transport of armour.",
        ]
    )
]
MATCH = Candidate(
    99,
    WHEN - timedelta(days=40),
    "Lithuania wants tanker aircraft for summer exercise\nLithuania asked NATO allies to send tanker aircraft "
    "to refuel fighter jets over the Baltic Sea during the summer exercise, the ministry said.",
    COMMON,
)


def run(candidates):
    index = AuthorityIndex.build([LITHUANIA, NATO])
    result = analyse("Air base talks", STORY, index=index, reference_finder=ListReferenceFinder(candidates),
                     published_at=WHEN)
    return [r.article_id for r in result.references]


def test_shared_common_entities_alone_propose_nothing():
    assert run(UNRELATED) == []


def test_the_story_with_the_claim_wins_among_many_sharing_the_same_entities():
    assert run([*UNRELATED, MATCH]) == [99]


def test_a_capitalised_name_does_not_match_the_same_words_in_lower_case():
    index = AuthorityIndex.build(
        [AuthorityEntry("organization", 5, "National Armed Forces", ("NAF",))], gazetteer=False
    )
    assert index.find("Latvia's national armed forces trained with allies.") == []
    assert [m.surface for m in index.find("The National Armed Forces trained.")] == ["National Armed Forces"]
