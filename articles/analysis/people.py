"""The people of one story: who is who, so "Kasčiūnas" and "he" resolve to a full name."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from .authority import AuthorityEntry, AuthorityIndex
from .text import fold_key

__all__ = ["People", "Person", "Spans"]


@dataclass(slots=True)
class Person:
    name: str
    entry: AuthorityEntry | None
    first: int  # offset of the first mention
    evidence: str = ""
    role: str = ""
    country: str = ""
    organization: str = ""
    count: int = 0

    @property
    def surname(self) -> str:
        return fold_key(self.name.split()[-1]) if self.name.split() else ""


class Spans:
    """Membership in a list of [start, end) spans by binary search (the spans do not overlap)."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [start for start, _end in self.spans]

    def __contains__(self, offset: int) -> bool:
        i = bisect.bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.spans[i][1]


@dataclass(slots=True)
class People:
    index: AuthorityIndex
    persons: dict[str, Person] = field(default_factory=dict)  # folded canonical name -> person
    mentions: list[tuple[int, int, Person]] = field(default_factory=list)

    def _key(self, entry: AuthorityEntry | None, name: str) -> str:
        return f"#{entry.id}" if entry is not None and entry.id is not None else fold_key(entry.name if entry else name)

    def add(self, name: str, entry: AuthorityEntry | None, start: int, end: int, evidence: str) -> Person:
        key = self._key(entry, name)
        person = self.persons.get(key)
        if person is None:
            person = Person(entry.name if entry else name, entry, start, evidence)
            self.persons[key] = person
        person.count += 1
        self.mentions.append((start, end, person))
        return person

    def in_story(self, name: str) -> Person | None:
        """A person of this story by full name, alias or (unique) surname."""
        key = fold_key(name)
        for person in self.persons.values():
            if fold_key(person.name) == key or (person.entry and key in map(fold_key, person.entry.aliases)):
                return person
        if " " not in key:
            same = [p for p in self.persons.values() if " " in p.name and p.surname == key]
            if len(same) == 1:
                return same[0]
        else:
            # "von der Schulenburg" for "Friederike von der Schulenburg": the name without the given name.
            same = [p for p in self.persons.values() if fold_key(p.name).endswith(" " + key)]
            if len(same) == 1:
                return same[0]
        return None

    def known(self, name: str) -> AuthorityEntry | None:
        """A person of the authority file by name, or by a surname only one person has."""
        entries = self.index.lookup(name, "person")
        if not entries and " " not in name.strip():
            entries = self.index.by_surname(name)
        return entries[0] if len(entries) == 1 else None

    def at(self, start: int, end: int) -> Person | None:
        """The last person mentioned inside [start, end)."""
        found = [p for s, e, p in self.mentions if s < end and start < e]
        return found[-1] if found else None

    def last_before(
        self, offset: int, role_word: str = "", skip: Spans | list[tuple[int, int]] | None = None
    ) -> Person | None:
        """Most recent person mentioned before `offset`, optionally with a role containing `role_word`."""
        best: tuple[int, Person] | None = None
        skipped = skip if isinstance(skip, Spans) else Spans(skip or [])
        for s, _e, p in self.mentions:
            if s >= offset or s in skipped:
                continue
            if role_word and role_word not in p.role.lower():
                continue
            if best is None or s > best[0]:
                best = (s, p)
        return best[1] if best else None
