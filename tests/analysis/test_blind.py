"""Floors on gold/blind/blind.json: six stories and their gold written blind, by a colleague who had not seen
the analysis code, and first run before the rules in test_generality_blind.py were added.

Strict scores at that first run (before any fix): people 0.95/0.95, people_details 0.00 recall (0.32 once
roles compared in canonical form), organizations 0.93/0.84, places 0.95/0.64, sources 0.58/0.48, quotes
0.73/0.73, reported_earlier 1.00/1.00. After the fixes: people 1.00/1.00, people_details 0.84 recall,
organizations 1.00/1.00, places 0.98/0.97, sources 0.95/0.91, quotes 1.00/1.00, reported_earlier 1.00/1.00.
The floors sit a margin below; since the rules were then tuned on this set, it is no longer blind.
Run with -s for the table.
"""

import pytest

from articles.analysis import AuthorityIndex

from . import harness

FLOORS = {
    "people": (0.9, 0.9),
    "people_details": (0.9, 0.75),
    "organizations": (0.9, 0.9),
    "places": (0.9, 0.9),
    "sources": (0.85, 0.8),
    "quotes": (0.9, 0.9),
    "reported_earlier": (0.8, 0.8),
}


@pytest.fixture(scope="module")
def scores():
    totals, per_story = harness.run("blind/blind.json", AuthorityIndex.build([]))
    print("\n" + harness.table("blind/blind.json (gazetteer only)", totals))
    return totals, per_story


@pytest.mark.parametrize("kind", list(FLOORS))
def test_floor(scores, kind):
    totals, _ = scores
    _tp, _fp, _fn, precision, recall = totals[kind]
    floor_p, floor_r = FLOORS[kind]
    assert precision >= floor_p and recall >= floor_r, (kind, totals[kind])


def test_earlier_stories_are_linked_and_distractors_are_not(scores):
    _, per_story = scores
    for name, story in per_story.items():
        _tp, fp, fn, *_ = story["reported_earlier"]
        assert fp == 0 and fn == 0, (name, story["reported_earlier"])
