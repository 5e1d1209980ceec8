"""Text primitives: folding with an offset map, sentences and tokens.

Everything downstream matches on *folded* text (ASCII transliteration,
lower case) so that "Kalnina" finds "Kalniņa", but reports offsets in the
*original* text so suggestions can point at the words as written.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from entities.folding import fold_char as _fold_char
from entities.folding import fold_key, fold_text

__all__ = [
    "SPEECH_VERBS",
    "Document",
    "Folded",
    "Sentence",
    "Token",
    "fold",
    "fold_key",
    "fold_text",
    "is_boundary",
    "sentences",
    "tokens",
]


@dataclass(frozen=True, slots=True)
class Folded:
    """Folded text plus, for each folded character, its original index."""

    text: str
    origin: tuple[int, ...]  # len(text) + 1 items; the last is len(original)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a folded [start, end) span back to original offsets."""
        if end <= start:
            o = self.origin[start]
            return o, o
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    if text.isascii():
        return Folded(text.lower(), tuple(range(len(text) + 1)))
    parts: list[str] = []
    origin: list[int] = []
    for i, ch in enumerate(text):
        out = ch.lower() if ch.isascii() else _fold_char(ch)
        parts.append(out)
        origin.extend([i] * len(out))
    origin.append(len(text))
    return Folded("".join(parts), tuple(origin))


def is_boundary(text: str, start: int, end: int) -> bool:
    """True when text[start:end] is not glued to letters/digits either side."""
    if start > 0 and text[start - 1].isalnum():
        return False
    return not (end < len(text) and text[end].isalnum())


# --- sentences -------------------------------------------------------------

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj capt sgt adm brig gov sen rep st jr sr "
    "no vs etc jan feb mar apr aug sept sep oct nov dec e.g i.e u.s u.k u.n "
    "inc ltd co corp dept est approx".split()
)
_SENTENCE_END = re.compile(r"[.!?]+[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u00C0-\u024F])")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int = 0  # -1 for the headline


# The longest run of text read as one sentence. The readers look around each
# name inside its sentence, so a sentence's cost grows with the square of its
# length; a long real one is some 400 characters, and a run-on "sentence" of
# 100,000 (a pasted table, a hostile body) is cut into pieces at spaces.
MAX_SENTENCE_LENGTH = 600


def _bounded(start: int, end: int, text: str) -> Iterator[tuple[int, int]]:
    """[start, end) in pieces of at most MAX_SENTENCE_LENGTH, cut after a space where there is one."""
    while end - start > MAX_SENTENCE_LENGTH:
        cut = text.rfind(" ", start + 1, start + MAX_SENTENCE_LENGTH)
        cut = cut + 1 if cut > start else start + MAX_SENTENCE_LENGTH
        yield start, cut
        start = cut
    yield start, end


def sentences(text: str, offset: int = 0, paragraph: int = 0) -> list[Sentence]:
    """Split a paragraph into sentences; offsets are shifted by `offset`."""
    out: list[Sentence] = []

    def add(begin: int, end: int) -> None:
        for start, stop in _bounded(begin, end, text):
            chunk = text[start:stop].rstrip()
            if chunk.strip():
                out.append(Sentence(offset + start, offset + start + len(chunk), chunk, paragraph))

    begin = 0
    for m in _SENTENCE_END.finditer(text):
        word = text[max(0, m.start() - 12) : m.start()].split()
        last = word[-1].lower().rstrip(".") if word else ""
        # "Gen. Smith", "U.S. forces", "J. Smith": not the end of a sentence.
        if last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha()):
            continue
        add(begin, m.end())
        begin = m.end()
    add(begin, len(text))
    return out


# --- tokens ----------------------------------------------------------------

_TOKEN = re.compile(
    r"[^\W_]+(?:[-‐.][^\W_]+|['’](?!s(?![^\W_]))[^\W_]+)*"
    r"(?P<poss>['’]s(?![^\W_])|(?<=s)['’](?![^\W_]))?"
)


@lru_cache(maxsize=65536)
def _is_cap(word: str) -> bool:
    return word[0].isupper() and any(c.islower() for c in word)


@lru_cache(maxsize=65536)
def _is_upper(word: str) -> bool:
    letters = [c for c in word if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


@dataclass(frozen=True, slots=True)
class Token:
    text: str  # without a possessive 's
    start: int
    end: int  # end of `text` (the possessive, if any, follows)
    possessive: bool

    @property
    def is_cap(self) -> bool:
        """Capitalised word such as "Kasčiūnas" or "McGregor" (not "NATO")."""
        return _is_cap(self.text)

    @property
    def is_upper(self) -> bool:
        """All-caps acronym such as "NATO" or "LRT" (at least two letters)."""
        return _is_upper(self.text)

    @property
    def lower(self) -> str:
        return fold_key(self.text)


def tokens(text: str, offset: int = 0) -> list[Token]:
    out: list[Token] = []
    for m in _TOKEN.finditer(text):
        word_end = m.start("poss") if m.group("poss") is not None else m.end()
        word = text[m.start() : word_end]
        possessive = m.group("poss") is not None
        out.append(Token(word, offset + m.start(), offset + word_end, possessive))
    return out


# --- the story as one text --------------------------------------------------

# Verbs that attribute speech; a regex alternation, longest first.
SPEECH_VERBS = (
    "pointed out|emphasised|emphasized|emphasises|emphasizes|highlighted|underlined|underscored|"
    "explained|explains|announced|announces|commented|confirmed|reiterated|declared|declares|"
    "remarked|stressed|stresses|conveyed|insisted|asserted|recalled|assured|claimed|argued|"
    "replied|warned|warns|stated|states|added|adds|noted|notes|wrote|writes|urged|said|says|"
    "told|tells|asked"
)


@dataclass(frozen=True, slots=True)
class Document:
    """Headline and paragraphs joined by newlines, so offsets are global."""

    text: str
    paragraphs: tuple[tuple[int, int], ...]  # spans; index 0 is the headline
    sentences: tuple[Sentence, ...]

    @classmethod
    def from_parts(cls, headline: str, paragraphs: list[str]) -> Document:
        parts = [" ".join(headline.split("\n")), *(" ".join(p.split("\n")) for p in paragraphs)]
        spans: list[tuple[int, int]] = []
        sents: list[Sentence] = []
        pos = 0
        for i, part in enumerate(parts):
            spans.append((pos, pos + len(part)))
            sents.extend(sentences(part, pos, i - 1))
            pos += len(part) + 1
        return cls("\n".join(parts), tuple(spans), tuple(sents))

    def sentence_at(self, offset: int) -> Sentence | None:
        # Sentences are in text order: a binary search, not a scan per lookup.
        i = bisect.bisect_right(self.sentences, offset, key=lambda s: s.start) - 1
        if i >= 0 and self.sentences[i].start <= offset < self.sentences[i].end:
            return self.sentences[i]
        return None
