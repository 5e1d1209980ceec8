"""
Folding: names compared ignoring case and diacritics ("Kasčiūnas" = "KASCIUNAS").

The authority file uses it to find an entity already on file under another
spelling; the story analysis (``articles.analysis.text``) matches on the same
folding, so both agree on what counts as the same name.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    out = unidecode(ch)
    if not out:
        # Combining marks vanish (decomposed diacritics); anything else
        # unknown becomes a space so it still separates words.
        return "" if unicodedata.combining(ch) else " "
    return out.lower()


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _fold_run(match: re.Match[str]) -> str:
    return "".join(map(fold_char, match.group()))


def fold_text(text: str) -> str:
    """Lower-case ASCII transliteration, character for character (no offset map)."""
    return text.lower() if text.isascii() else _NON_ASCII.sub(_fold_run, text).lower()


@lru_cache(maxsize=65536)
def fold_key(text: str) -> str:
    """Folded, whitespace-normalised form used for dictionary keys (cached: the same words recur)."""
    return " ".join(fold_text(text).replace("’", "'").split())
