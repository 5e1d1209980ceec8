"""evaluate_analysis on our own gold stories, in the demo newsroom."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

pytestmark = pytest.mark.django_db

GOLD = Path(__file__).resolve().parents[1] / "analysis" / "gold" / "demo.json"


def test_demo_gold_scores_and_table():
    call_command("load_demo", stdout=StringIO())
    out = StringIO()
    call_command("evaluate_analysis", str(GOLD), "--json", stdout=out)
    report = json.loads(out.getvalue())
    assert report["stories"] == 3
    scores = report["scores"]
    for kind in ("people", "organizations", "places", "quotes", "reported_earlier"):
        assert scores[kind]["recall"] >= 0.9, (kind, scores[kind])
        assert scores[kind]["precision"] >= 0.9, (kind, scores[kind])
    assert scores["sources"]["recall"] >= 0.8

    table = StringIO()
    call_command("evaluate_analysis", str(GOLD), stdout=table)
    assert "reported_earlier" in table.getvalue() and "precision" in table.getvalue()


def test_unreadable_gold_file_is_a_clear_error(tmp_path):
    bad = tmp_path / "gold.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(CommandError, match="cannot read the gold file"):
        call_command("evaluate_analysis", str(bad), stdout=StringIO())
