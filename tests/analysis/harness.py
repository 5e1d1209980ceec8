"""A pure harness (no database) for gold files with several stories, such as gold/unseen.json.

Story files are read relative to the gold file's folder (gold/blind/blind.json reads gold/blind/*.txt).
A gold file whose "reported earlier" items say `"points_to_file": "earlier/<slug>.txt"` brings its own
earlier stories: every file in that folder becomes a Candidate dated a month before the story, so the
other stories' earlier texts are the distractors.

The authority index is the gazetteer only; earlier stories for the "reported
earlier" cues come from `EARLIER` (plus distractors from the same beat and a
later story that must never win). Run `python -m tests.analysis.harness` for
the per-kind table and per-story misses.
"""

from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

from articles.analysis import Analysis, AuthorityIndex, Candidate, ListReferenceFinder, analyse
from articles.analysis.evaluation import evaluate

GOLD = Path(__file__).resolve().parent / "gold"
KINDS = ("people", "people_details", "organizations", "places", "sources", "quotes", "reported_earlier")

# Earlier stories of the publication that the unseen stories' cues point to (slug -> candidate).
EARLIER: dict[str, Candidate] = {
    "defence-league-trains-drone-volunteers": Candidate(
        901,
        datetime(2025, 3, 14, tzinfo=UTC),
        "Defence League Volunteers Learn to Fly Drones on the Eastern Border\n"
        "The Estonian Defence League has started courses for volunteers who will fly small reconnaissance "
        "drones along the border with Russia. Commanders said repeated GPS jamming in Ida-Viru County had "
        "shown that units need their own eyes in the air.",
    ),
    "lithuania-poland-link-air-defence-radars": Candidate(
        902,
        datetime(2024, 11, 20, tzinfo=UTC),
        "Lithuania and Poland Connect Air Defence Radars Over the Suwałki Corridor\n"
        "Vilnius and Warsaw signed an agreement to share data from their air defence radars, giving both "
        "armies one picture of the airspace above the Suwałki Gap between Belarus and Kaliningrad.",
    ),
    "lithuania-orders-second-iris-t-batch": Candidate(
        903,
        datetime(2025, 9, 9, tzinfo=UTC),
        "Lithuania Orders More IRIS-T Air Defence Systems\n"
        "Lithuania signed a contract for a second batch of IRIS-T SLM medium-range air defence systems, "
        "which will protect Vilnius and the Kaunas region from 2027, the defence ministry said.",
    ),
    "finnish-border-guard-follows-russian-research-vessel": Candidate(
        904,
        datetime(2025, 3, 6, tzinfo=UTC),
        "Finnish Border Guard Shadows Russian Research Ship Near Åland\n"
        "Finnish Border Guard patrol boats followed a Russian research vessel for three days as it sailed "
        "slowly near the Åland Islands, close to undersea cables between Finland and Sweden.",
    ),
    "sweden-funds-longer-runway-at-visby": Candidate(
        905,
        datetime(2025, 9, 30, tzinfo=UTC),
        "Sweden to Extend the Runway at Visby for Military Transport Aircraft\n"
        "The Swedish government approved money to lengthen the runway at Visby airport on Gotland so that "
        "larger military transport aircraft can land on the island in a crisis.",
    ),
    # For gold/heldout.json.
    "poland-builds-second-fence-on-belarus-border": Candidate(
        906,
        datetime(2025, 7, 7, tzinfo=UTC),
        "Poland Starts a Second Fence on the Belarus Border\n"
        "Poland began building a second line of fencing along its border with Belarus, with cameras and "
        "motion sensors, after a rise in attempts to cross it illegally.",
    ),
    "denmark-orders-air-defence-for-copenhagen": Candidate(
        907,
        datetime(2025, 9, 18, tzinfo=UTC),
        "Denmark Orders Air Defence Systems for Copenhagen\n"
        "Denmark ordered ground-based air defence systems that will protect Copenhagen and Bornholm, the "
        "largest purchase of its kind in decades.",
    ),
}
# Same beat, same places: plausible but wrong targets.
DISTRACTORS = [
    Candidate(
        911,
        datetime(2025, 1, 10, tzinfo=UTC),
        "Narva Gets a New Defence League Headquarters\nThe Estonian Defence League opened a new headquarters "
        "in Narva for its Ida-Viru district, with a shooting range and a training hall.",
    ),
    Candidate(
        912,
        datetime(2025, 2, 2, tzinfo=UTC),
        "Latvia Buys Short-Range Air Defence\nThe Latvian Ministry of Defence signed a contract for "
        "short-range air defence systems to protect Riga and Daugavpils.",
    ),
    Candidate(
        913,
        datetime(2025, 8, 1, tzinfo=UTC),
        "Swedish Troops Return to Gotland\nSweden stationed a regiment on Gotland again and plans to "
        "add air defence units on the island, the Swedish Armed Forces said.",
    ),
    Candidate(
        914,
        datetime(2024, 12, 5, tzinfo=UTC),
        "Poland Reinforces the Border With Belarus\nPoland sent more soldiers to the border with Belarus "
        "near Białystok and began building new fortifications.",
    ),
]
LATER = Candidate(999, datetime(2031, 1, 1, tzinfo=UTC), EARLIER["finnish-border-guard-follows-russian-research-vessel"].text)
SLUGS = {c.article_id: slug for slug, c in EARLIER.items()}


def read_story(path: Path) -> tuple[str, list[str]]:
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return lines[0], lines[1:]


def _earlier_files(folder: Path, document: dict) -> dict[str, Path]:
    """'earlier/<slug>.txt' -> path, for gold files that bring their own earlier stories."""
    subdirs = {
        Path(r["points_to_file"]).parent
        for story in document["stories"]
        for r in story.get("reported_earlier", ())
        if r.get("points_to_file")
    }
    return {str(sub / p.name): p for sub in sorted(subdirs) for p in sorted((folder / sub).glob("*.txt"))}


def run_story(
    story: dict, index: AuthorityIndex, publication: str = "The Gaze", folder: Path = GOLD,
    earlier_files: dict[str, Path] | None = None,
) -> tuple[Analysis, dict]:
    headline, paragraphs = read_story(folder / story["file"])
    published_at = datetime.fromisoformat(story["published_at"]) if story.get("published_at") else None
    slugs = SLUGS
    if earlier_files:
        # Own earlier stories, a month before this one (the others' are distractors), plus one later copy.
        when = (published_at or datetime(2026, 1, 1, tzinfo=UTC)) - timedelta(days=30)
        pool, slugs = [], {}
        for i, (name, path) in enumerate(earlier_files.items()):
            pool.append(Candidate(2000 + i, when, path.read_text(encoding="utf-8")))
            slugs[2000 + i] = name
        pool.append(Candidate(2999, when + timedelta(days=3650), pool[0].text))
        story = {
            **story,
            "reported_earlier": [
                {**r, "points_to_slug": r["points_to_file"]} if r.get("points_to_file") else r
                for r in story.get("reported_earlier", ())
            ],
        }
        finder = ListReferenceFinder(pool)
    else:
        finder = ListReferenceFinder([*EARLIER.values(), *DISTRACTORS, LATER])
    analysis = analyse(
        headline, paragraphs, index=index, publication=publication, reference_finder=finder,
        published_at=published_at,
    )
    return analysis, evaluate(analysis, story, article_slugs=slugs)


def _load(gold: str) -> tuple[dict, Path, dict[str, Path]]:
    path = GOLD / gold
    document = json.loads(path.read_text(encoding="utf-8"))
    return document, path.parent, _earlier_files(path.parent, document)


def run(gold: str = "unseen.json", index: AuthorityIndex | None = None) -> tuple[dict, dict]:
    """Totals per kind as (tp, fp, fn, precision, recall), and each story's scores."""
    document, folder, earlier = _load(gold)
    index = index or AuthorityIndex.build([])
    totals = {kind: [0, 0, 0] for kind in KINDS}
    per_story = {}
    for story in document["stories"]:
        _analysis, scores = run_story(story, index, document.get("publication", "The Gaze"), folder, earlier)
        per_story[story["file"]] = scores
        for kind in KINDS:
            for i in range(3):
                totals[kind][i] += scores[kind][i]
    out = {}
    for kind, (tp, fp, fn) in totals.items():
        out[kind] = (tp, fp, fn, round(tp / (tp + fp), 3) if tp + fp else 1.0, round(tp / (tp + fn), 3) if tp + fn else 1.0)
    return out, per_story


def table(title: str, scores: dict) -> str:
    lines = [title, f"{'kind':<18}{'tp':>4}{'fp':>4}{'fn':>4}{'prec':>7}{'rec':>7}"]
    for kind, (tp, fp, fn, p, r) in scores.items():
        lines.append(f"{kind:<18}{tp:>4}{fp:>4}{fn:>4}{p:>7.2f}{r:>7.2f}")
    return "\n".join(lines)


def _explain(gold: str) -> None:
    """Print what each story found next to the gold, for development."""
    document, folder, earlier = _load(gold)
    index = AuthorityIndex.build([])
    for story in document["stories"]:
        analysis, scores = run_story(story, index, document.get("publication", "The Gaze"), folder, earlier)
        print(f"\n=== {story['file']}")
        for kind in ("person", "organization", "place"):
            print(f"  {kind}:", [(m.name, m.role, m.country, m.organization) if kind == "person" else m.name
                                 for m in analysis.of_kind(kind)])
        print("  sources:", [(s.name, s.kind, s.cue) for s in analysis.sources])
        print("  quotes:", [(q.text[:40], q.speaker_name, q.cue) for q in analysis.quotes])
        print("  refs:", [(r.article_id, r.anchor_text, r.score) for r in analysis.references])
        print("  scores:", {k: v[:3] for k, v in scores.items()})


if __name__ == "__main__":
    name = sys.argv[1] if len(sys.argv) > 1 else "unseen.json"
    if "-v" in sys.argv:
        _explain(name)
    print(table(name, run(name)[0]))
