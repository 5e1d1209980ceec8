"""Precision/recall on the reference story (read at test time) and on stories written for these tests.

Run with -s to see the tables.
"""

import json
from pathlib import Path

import pytest

from articles.analysis import ListReferenceFinder, analyse
from articles.analysis.evaluation import evaluate

from . import stories

REFERENCE = Path(__file__).resolve().parents[3] / "shared" / "reference"
REQUIRED = ("people", "organizations", "places", "sources", "quotes", "reported_earlier")


def _table(title: str, scores: dict) -> None:
    print(f"\n{title}\n{'kind':<18}{'tp':>4}{'fp':>4}{'fn':>4}{'prec':>7}{'rec':>7}")
    for kind, (tp, fp, fn, p, r) in scores.items():
        print(f"{kind:<18}{tp:>4}{fp:>4}{fn:>4}{p:>7.2f}{r:>7.2f}")


def _assert_floors(scores: dict) -> None:
    for kind in REQUIRED:
        _tp, _fp, _fn, precision, recall = scores[kind]
        assert recall >= 0.75, (kind, scores[kind])
        assert precision >= 0.6, (kind, scores[kind])


def test_reference_story(index):
    """With an empty authority file, the reference story's gold is mostly recovered."""
    if not REFERENCE.is_dir():
        pytest.skip(f"reference folder {REFERENCE} is absent")
    gold = json.loads((REFERENCE / "us-battalion-lithuania.gold.json").read_text(encoding="utf-8"))
    lines = [line for line in (REFERENCE / gold["file"]).read_text(encoding="utf-8").splitlines() if line.strip()]
    gold["reported_earlier"][0]["points_to_slug"] = "air-policing-request"
    finder = ListReferenceFinder([stories.EARLIER_AIR_POLICING, *stories.DISTRACTORS, stories.LATER])
    analysis = analyse(
        lines[0], lines[1:], index=index, publication=gold["publication"], reference_finder=finder,
        published_at=stories.LATVIA_STORY["published_at"],
    )
    scores = evaluate(analysis, gold, article_slugs={101: "air-policing-request"})
    _table("reference story", scores)
    _assert_floors(scores)
    assert scores["people_details"][4] == 1.0


@pytest.mark.parametrize(
    ("story", "earlier", "slugs"),
    [
        (stories.LATVIA_STORY, stories.LATVIA_EARLIER, {201: "joint-air-defence"}),
        (stories.ESTONIA_FINLAND_STORY, stories.ESTONIA_EARLIER, {301: "cable-memorandum"}),
        (stories.POLAND_STORY, None, {}),
    ],
    ids=["latvia", "estonia-finland", "poland"],
)
def test_own_stories(index, story, earlier, slugs):
    finder = ListReferenceFinder([c for c in (earlier, *stories.DISTRACTORS) if c is not None])
    analysis = analyse(
        story["headline"], story["paragraphs"], index=index, reference_finder=finder,
        published_at=story["published_at"],
    )
    scores = evaluate(analysis, story["gold"], article_slugs=slugs)
    _table(story["headline"], scores)
    _assert_floors(scores)
