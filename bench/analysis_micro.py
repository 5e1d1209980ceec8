"""Pure in-memory timings of the story analysis (no database): .venv/bin/python bench/analysis_micro.py

Builds an index of 100,000 synthetic entries, analyses a ~2,000-word story and
ranks ~2,000 candidate stories; prints medians.
"""

import random
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from articles.analysis import (  # noqa: E402
    AuthorityEntry,
    AuthorityIndex,
    Candidate,
    analyse,
    references,  # noqa: E402
)

sys.path.insert(0, str(ROOT / "tests" / "analysis"))
import stories  # noqa: E402

SYLLABLES = "ka li na ras tis mo ve ar du sen pe la ri jo an ne ku ta vi so".split()


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))).capitalize()


def synthetic_entries(n: int) -> list[AuthorityEntry]:
    rng = random.Random(1)
    kinds = ["person"] * 6 + ["organization"] * 2 + ["place", "source"]
    out = []
    for i in range(n):
        kind = rng.choice(kinds)
        name = f"{word(rng)} {word(rng)}" if kind == "person" else f"{word(rng)} {rng.choice(['Agency', 'Council', 'Group'])}"
        if kind in ("place", "source"):
            name = word(rng)
        out.append(AuthorityEntry(kind, i + 1, name, (name.upper(),) if kind == "organization" else ()))
    return out


def median_ms(fn, repeat: int = 21) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    t = time.perf_counter()
    index = AuthorityIndex.build(synthetic_entries(100_000))
    print(f"build 100,000 entries + gazetteer: {time.perf_counter() - t:.2f} s")

    paragraphs = []
    for story in (stories.LATVIA_STORY, stories.ESTONIA_FINLAND_STORY, stories.POLAND_STORY):
        paragraphs.extend(story["paragraphs"])
    while sum(len(p.split()) for p in paragraphs) < 2000:
        paragraphs = paragraphs + paragraphs
    words = sum(len(p.split()) for p in paragraphs)
    print(f"story: {len(paragraphs)} paragraphs, {words} words")
    print(f"find only: {median_ms(lambda: index.find(chr(10).join(paragraphs))):.1f} ms median")
    print(f"analyse (entities + sources + quotes): {median_ms(lambda: analyse('Headline', paragraphs, index=index)):.1f} ms median")

    rng = random.Random(2)
    vocab = [word(rng).lower() for _ in range(3000)]
    pool = [
        Candidate(i, datetime(2024, 1, 1, tzinfo=UTC), " ".join(rng.choice(vocab) for _ in range(150)))
        for i in range(2000)
    ]
    claim = references.terms(stories.LATVIA_STORY["paragraphs"][3])
    t = time.perf_counter()
    references.rank(claim, pool)
    print(f"BM25 over {len(pool)} candidates, cold: {(time.perf_counter() - t) * 1000:.1f} ms")
    print(f"BM25 over {len(pool)} candidates, warm: {median_ms(lambda: references.rank(claim, pool), 5):.1f} ms median")


if __name__ == "__main__":
    main()
