"""Quote speakers named after the quote with an appositive between name and verb."""

from articles.analysis import AuthorityIndex, analyse


def test_speaker_with_appositive_after_the_quote():
    index = AuthorityIndex.build([])
    result = analyse(
        "Shipyard Wins Navy Order",
        [
            "A shipyard in Gdańsk has won an order for two mine countermeasure vessels.",
            '"We will deliver the first hull within three years, ahead of the schedule," '
            "Marek Zieliński, the chief executive of the shipyard, said on Tuesday.",
        ],
        index=index,
    )
    (quote,) = result.quotes
    assert quote.text.startswith("We will deliver the first hull")
    assert quote.speaker_name == "Marek Zieliński"


def test_appositive_does_not_swallow_a_later_sentence():
    """Only a short appositive between commas counts; a new clause means no speaker from it."""
    index = AuthorityIndex.build([])
    result = analyse(
        "Exercise Ends",
        [
            '"The exercise showed that our units can move quickly at night and in bad weather," the report '
            "concluded. Colonel Ilmārs Krūmiņš, the exercise director, declined to comment.",
        ],
        index=index,
    )
    assert all(q.speaker_name != "Ilmārs Krūmiņš" for q in result.quotes)
