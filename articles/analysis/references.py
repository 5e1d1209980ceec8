""""<Publication> reported earlier that ..." and the earlier story it points to.

Cue phrases are matched on folded text so the publication name may be written
with or without "The" and diacritics; the anchor is the cue as written. The
claim after the cue is ranked against candidate stories with BM25 (computed
over the candidate set) plus a bonus for shared known entities.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Protocol

from .text import Document, Sentence, fold, fold_text

__all__ = [
    "Candidate",
    "Cue",
    "ListReferenceFinder",
    "ReferenceFinder",
    "find_cues",
    "rank",
    "terms",
]


@dataclass(frozen=True, slots=True)
class Candidate:
    article_id: int
    published_at: datetime | None
    text: str  # headline + standfirst + body, or a digest of them
    entity_keys: frozenset[tuple[str, int]] = frozenset()


class ReferenceFinder(Protocol):
    def candidates(
        self, *, entity_keys: set[tuple[str, int]], terms: list[str], before: datetime | None, limit: int
    ) -> list[Candidate]: ...


class ListReferenceFinder:
    """In-memory finder: stories sharing an entity or a term, published before `before`."""

    def __init__(self, candidates: Iterable[Candidate]) -> None:
        self._items = list(candidates)
        self._terms = {c.article_id: set(terms(c.text)) for c in self._items}

    def candidates(
        self, *, entity_keys: set[tuple[str, int]], terms: list[str], before: datetime | None, limit: int
    ) -> list[Candidate]:
        wanted = set(terms)
        out = [
            c
            for c in self._items
            if (before is None or c.published_at is None or c.published_at < before)
            and (c.entity_keys & entity_keys or self._terms[c.article_id] & wanted)
        ]
        out.sort(key=lambda c: _timestamp(c.published_at), reverse=True)
        return out[:limit]


# --- cues ------------------------------------------------------------------

_VERB = r"(?:reported|wrote|covered|informed|reports|writes)"
_WHEN = r"(?:earlier|previously|before|already|recently)"
_MONTH = r"(?:january|february|march|april|may|june|july|august|september|october|november|december)"
_DAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
_PERIOD = rf"(?:week|month|year|spring|summer|autumn|fall|winter|{_DAY}|{_MONTH})"
# When the earlier story ran: "earlier this month", "last week", "in March", "on Monday", "two weeks ago".
_TIME = (
    rf"(?:(?:{_WHEN}\s+)?(?:this|last)\s+{_PERIOD}|{_WHEN}|yesterday"
    rf"|in\s+(?:early\s+|late\s+|mid-?)?(?:{_MONTH}(?:\s+\d{{4}})?|\d{{4}}|the\s+{_PERIOD})|on\s+{_DAY}"
    rf"|(?:a|one|two|three|four|five|several|a\s+few)\s+(?:days?|weeks?|months?|years?)\s+ago)"
)


@lru_cache(maxsize=32)
def _cue_patterns(publication: str) -> tuple[re.Pattern[str], ...]:
    name = " ".join(fold(publication).text.split())
    bare = re.sub(r"^the ", "", name)
    words = r"\s+".join(re.escape(w) for w in bare.split())
    pub = rf"(?:the\s+)?{words}"
    return tuple(
        re.compile(p)
        for p in (
            rf"\bas\s+(?:{pub}|we)\s+(?:has\s+|had\s+|have\s+)?(?:{_WHEN}\s+)?{_VERB}(?:\s+{_TIME})?",
            rf"\b(?:as\s+)?(?:{_WHEN}\s+)?reported\s+(?:{_WHEN}\s+)?by\s+{pub}(?:\s+{_TIME})?",
            rf"\b{_TIME},?\s+(?:{pub}|we)\s+(?:has\s+|had\s+|have\s+)?{_VERB}",
            rf"\b(?:{pub}|we)\s+(?:has\s+|had\s+|have\s+)?(?:{_WHEN}\s+)?{_VERB}(?:\s+{_TIME})?(?=\s+(?:that|on|about|how)\b)",
            rf"\b{pub}\s+(?:has\s+|had\s+)?(?:{_WHEN}\s+)?{_VERB}(?:\s+{_TIME})?",
        )
    )


_QUOTED = re.compile(r"[\"“][^\"“”]*[\"”]")


def _quoted(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


@dataclass(frozen=True, slots=True)
class Cue:
    start: int
    end: int
    anchor: str  # the cue words as written
    sentence: Sentence
    claim: str  # the words the earlier story should contain


def find_cues(doc: Document, publication: str) -> list[Cue]:
    out: list[Cue] = []
    for sent in doc.sentences:
        folded = fold(sent.text)
        quoted = _quoted(folded.text)
        best: tuple[int, int] | None = None
        for pattern in _cue_patterns(publication):
            for m in pattern.finditer(folded.text):
                # Inside quotation marks "we reported" is the speaker's, not the publication's.
                if any(a <= m.start() < b for a, b in quoted):
                    continue
                if best is None or m.start() < best[0] or (m.start() == best[0] and m.end() > best[1]):
                    best = (m.start(), m.end())
                break
        if best is None:
            continue
        s, e = folded.span(*best)
        claim = sent.text[e:].strip()
        if len(claim.split()) < 4:  # "..., as we reported." — the claim came first
            claim = sent.text[:s].strip()
        out.append(Cue(sent.start + s, sent.start + e, sent.text[s:e], sent, claim))
    return out


# --- ranking ---------------------------------------------------------------

_STOPWORDS = frozenset(
    "a an the and or but if of to in on at by for with from as into onto about over under after before "
    "during while that this these those it its is are was were be been being has have had do does did "
    "will would shall should can could may might must not no nor so than then there their they them he "
    "she his her him we our us you your i me my which who whom whose what when where why how also very "
    "more most other some such only own same too just said says reported earlier previously according "
    "gaze one two s t".split()
)
_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=65536)
def _term(word: str) -> str:
    """Stemmed form of a folded word; "" for stopwords."""
    if word in _STOPWORDS or len(word) < 2:
        return ""
    return _stem(word)


def _stem(word: str) -> str:
    # Light suffix stripping: enough to meet "patrols"/"patrolling"/"patrol".
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def terms(text: str) -> list[str]:
    return [t for t in map(_term, _WORD.findall(fold_text(text))) if t]


@lru_cache(maxsize=8192)
def _bag(text: str) -> Counter[str]:
    # Candidates recur across analyses (the same archive): count each text once.
    return Counter(terms(text))


_K1 = 1.2
_B = 0.75
ENTITY_BONUS = 0.25  # per shared entity of the cue sentence, weighted by its rarity in the pool
STORY_ENTITY_BONUS = 0.05  # per shared entity elsewhere in the story, likewise
THRESHOLD = 0.5
# Shared entities alone never make a match: in a real archive most stories share
# "NATO" and the country; the claim's words must be there too.
MIN_TEXT_SIMILARITY = 0.3


def rank(
    claim_terms: list[str],
    candidates: list[Candidate],
    *,
    cue_entities: set[tuple[str, int]] = frozenset(),
    story_entities: set[tuple[str, int]] = frozenset(),
    before: datetime | None = None,
) -> list[tuple[float, Candidate]]:
    """Candidates similar enough in words, scored as normalised BM25 plus shared-entity bonuses, best first."""
    pool = [c for c in candidates if before is None or (c.published_at is not None and c.published_at < before)]
    if not pool or not claim_terms:
        return []
    docs = [_bag(c.text) for c in pool]
    lengths = [sum(d.values()) for d in docs]
    avg = (sum(lengths) / len(lengths)) or 1.0
    n = len(docs)
    query = Counter(claim_terms)
    # A term no candidate has is weighted as if one had it: absent words lower
    # the score without dwarfing the present ones when the pool is tiny.
    idf = {t: math.log(1 + (n - df + 0.5) / (df + 0.5)) for t in query for df in [max(1, sum(t in d for d in docs))]}
    # What a story of average length with every query term once would score.
    ceiling = sum(idf[t] * q for t, q in query.items()) or 1.0
    # An entity most candidates share says little about which one is meant.
    entity_df = Counter(key for cand in pool for key in cand.entity_keys & (story_entities | cue_entities))
    rarity = {key: math.log((n + 1) / (df + 0.5)) / math.log(n + 1.5) for key, df in entity_df.items()}
    scored: list[tuple[float, Candidate]] = []
    for cand, tf, length in zip(pool, docs, lengths, strict=True):
        bm25 = 0.0
        for t, q in query.items():
            f = tf.get(t, 0)
            if f:
                bm25 += q * idf[t] * f * (_K1 + 1) / (f + _K1 * (1 - _B + _B * length / avg))
        text_similarity = bm25 / ceiling
        if text_similarity < MIN_TEXT_SIMILARITY:
            continue
        shared_cue = sum(rarity[key] for key in cand.entity_keys & cue_entities)
        shared_story = sum(rarity[key] for key in cand.entity_keys & (story_entities - cue_entities))
        score = text_similarity + ENTITY_BONUS * shared_cue + STORY_ENTITY_BONUS * shared_story
        scored.append((score, cand))
    scored.sort(key=lambda sc: (-sc[0], -_timestamp(sc[1].published_at)))
    return scored


def _timestamp(when: datetime | None) -> float:
    return when.timestamp() if when is not None else float("-inf")
