"""
Text fields that keep hostile characters out of the newsroom's data, whatever path writes it.

Every text field of the two apps is one of these. The rule lives here once:

- a NUL byte never reaches the database (PostgreSQL refuses it with an error;
  SQLite would store it): forms refuse it with a message (the validator), and
  any other writer (the analysis, a command, ``update()``) has it removed;
- names (headlines, people, sections, bylines...) hold no invisible format
  characters or bidirectional overrides, which can make "Kasčiūnas" look like
  another name or reverse the text around them: the same two ways.

They are plain ``CharField``/``TextField`` columns; only Python behaviour differs.
"""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.db import models
from django.utils.deconstruct import deconstructible

# Unicode categories no name needs: controls, format characters (zero-width
# spaces and joiners, bidi embeddings, overrides and isolates, the BOM, soft
# hyphens), private-use and surrogate code points, line and paragraph separators.
_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})
# Letters and marks that render as nothing (fillers, the Mongolian vowel separator).
_BLANK_LETTERS = frozenset("\u115f\u1160\u180e\u3164\uffa0\u2800")
_NUL = "\x00"


def is_invisible(ch: str) -> bool:
    return ch in _BLANK_LETTERS or unicodedata.category(ch) in _INVISIBLE_CATEGORIES


def invisible_characters(text: str, allow: str = "") -> list[tuple[int, str]]:
    """(position, character) of each invisible character in ``text`` not in ``allow``."""
    return [(i, ch) for i, ch in enumerate(text) if ch not in allow and is_invisible(ch)]


def without_invisible(text: str, allow: str = "") -> str:
    return "".join(ch for ch in text if ch in allow or not is_invisible(ch))


def describe(ch: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    return f"U+{ord(ch):04X} ({unicodedata.name(ch, 'control character')})"


@deconstructible
class NoInvisibleCharactersValidator:
    """Refuse text with invisible or direction-changing characters, saying which and where."""

    code = "invisible_characters"

    def __init__(self, allow: str = ""):
        self.allow = allow

    def __call__(self, value) -> None:
        if not isinstance(value, str):
            return
        found = invisible_characters(value, self.allow)
        if found:
            position, ch = found[0]
            more = f" and {len(found) - 1} more" if len(found) > 1 else ""
            raise ValidationError(
                "This contains an invisible character, %(character)s at position %(position)s%(more)s. "
                "Remove it (it can hide or reverse text): retype the words around it.",
                code=self.code,
                params={"character": describe(ch), "position": position + 1, "more": more},
            )

    def __eq__(self, other):
        return isinstance(other, NoInvisibleCharactersValidator) and self.allow == other.allow


class _NoNulMixin:
    """Refuse NUL in forms; drop it from anything else on its way to the database."""

    default_validators = [ProhibitNullCharactersValidator()]

    def clean_for_storage(self, value):
        return value.replace(_NUL, "") if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = self.clean_for_storage(super().pre_save(model_instance, add))
        setattr(model_instance, self.attname, value)
        return value

    def get_db_prep_save(self, value, connection):
        # Also covers QuerySet.update() and bulk_create(), which skip pre_save's caller.
        return super().get_db_prep_save(self.clean_for_storage(value), connection)


class CharField(_NoNulMixin, models.CharField):
    """A one-line text field that never stores a NUL."""


class TextField(_NoNulMixin, models.TextField):
    """A multi-line text field that never stores a NUL."""


class NameField(CharField):
    """A name or headline: no NUL, no invisible or bidi-control characters."""

    default_validators = [*CharField.default_validators, NoInvisibleCharactersValidator()]

    def clean_for_storage(self, value):
        value = super().clean_for_storage(value)
        return " ".join(without_invisible(value).split()) if isinstance(value, str) else value


class NamesField(TextField):
    """Names one per line (aliases): each line held to the rule of a ``NameField``."""

    default_validators = [*TextField.default_validators, NoInvisibleCharactersValidator(allow="\r\n")]

    def clean_for_storage(self, value):
        value = super().clean_for_storage(value)
        if not isinstance(value, str):
            return value
        return "\n".join(" ".join(without_invisible(line).split()) for line in value.splitlines())
