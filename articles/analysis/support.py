"""Does the story's text still say it? Pure checks behind "links follow the text".

Two questions, both on text only:

- ``TextEvidence.says(phrase)``: do these words (a quote, an attribution's cue,
  a cross-reference's anchor) occur in the text, ignoring case, diacritics,
  whitespace and typographic quote and dash variants?
- ``named_entities(text, entries)``: which of these entities does the text
  name, matched exactly as the analysis matches them (aliases, diacritics,
  possessives, surnames after the full name, a country's adjective)?
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache

from .authority import AuthorityEntry, AuthorityIndex
from .text import fold_key, fold_text

__all__ = ["NameMatcher", "TextEvidence", "comparable", "named_entities"]

# Every quotation mark and apostrophe reads as one, every dash and hyphen as another.
_MARKS = str.maketrans(
    {
        **dict.fromkeys("\"'“”„‟«»‹›‘’‚‛′″`´", "'"),
        **dict.fromkeys("‐‑‒–—―−", "-"),
    }
)
_SPACE_AROUND_DASH = re.compile(r"\s*-+\s*")
_SPACES = re.compile(r"\s+")


def comparable(text: str) -> str:
    """Text folded for comparing words: lower-case ASCII, one quote mark, one dash, single spaces."""
    folded = fold_text(text.translate(_MARKS))
    return _SPACES.sub(" ", _SPACE_AROUND_DASH.sub("-", folded)).strip()


def _bounded(haystack: str, needle: str) -> bool:
    """``needle`` occurs in ``haystack`` as whole words (not inside a longer word)."""
    start = haystack.find(needle)
    while start != -1:
        end = start + len(needle)
        before_ok = start == 0 or not (haystack[start - 1].isalnum() and needle[0].isalnum())
        after_ok = end == len(haystack) or not (haystack[end].isalnum() and needle[-1].isalnum())
        if before_ok and after_ok:
            return True
        start = haystack.find(needle, start + 1)
    return False


@dataclass(frozen=True)
class TextEvidence:
    """A story's text (headline, standfirst and body as plain text), ready to be asked what it says."""

    text: str
    _comparable: str = field(default="", repr=False)

    @classmethod
    def of(cls, *parts: str) -> TextEvidence:
        text = "\n".join(part for part in parts if part)
        return cls(text, comparable(text))

    def says(self, phrase: str) -> bool:
        """Whether the words of ``phrase`` occur in the text (an empty phrase says nothing, so it is not checked)."""
        wanted = comparable(phrase).strip(" '.,;:")
        return not wanted or _bounded(self._comparable, wanted)


@lru_cache(maxsize=1)
def _gazetteer_spellings() -> dict[str, tuple[str, ...]]:
    """A place's other spellings from the gazetteer ("Lithuanian" for Lithuania), by folded name."""
    from .gazetteer import gazetteer_entries

    spellings: dict[str, tuple[str, ...]] = {}
    for entry in gazetteer_entries():
        key = fold_key(entry.name)
        spellings[key] = (*spellings.get(key, ()), *entry.aliases)
    return spellings


class NameMatcher:
    """Which of some entities (a story's links) a text names, matched as the analysis matches them.

    A small matcher over just these entries, with the gazetteer's spellings
    of places added as the full matcher adds them: a country named only by its
    adjective ("Lithuanian troops") is still named. Built once, asked of the
    text before and after an edit.
    """

    def __init__(self, entries: Iterable[AuthorityEntry]) -> None:
        spellings = _gazetteer_spellings()
        wanted = [
            replace(entry, aliases=(*entry.aliases, *spellings.get(fold_key(entry.name), ())))
            if entry.kind == "place"
            else entry
            for entry in entries
        ]
        self._index = AuthorityIndex.build(wanted, gazetteer=False) if wanted else None

    def named(self, text: str) -> set[tuple[str, int]]:
        """The ``(kind, id)`` of each entity the text names by any of its names."""
        if self._index is None or not text:
            return set()
        return {match.entry.key for match in self._index.find(text) if match.entry.key is not None}


def named_entities(text: str, entries: Iterable[AuthorityEntry]) -> set[tuple[str, int]]:
    """The ``(kind, id)`` of each entry the text names (see ``NameMatcher``)."""
    return NameMatcher(entries).named(text)
