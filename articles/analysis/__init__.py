"""Story analysis: suggestions of who and what a story is about and where it came from.

Pure Python, no Django: `analyse()` takes the story's text, an `AuthorityIndex`
(built once from the authority file) and optionally a `ReferenceFinder` for
earlier stories, and returns an `Analysis` of suggestions for editors.

Modules depend one way: text <- authority <- gazetteer <- entities <- people
<- sources, quotes, references <- this package.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from . import entities, gazetteer, quotes, references, sources
from .authority import AuthorityEntry, AuthorityIndex, Match
from .people import People, Person
from .references import THRESHOLD, Candidate, ListReferenceFinder, ReferenceFinder
from .text import Document, fold_key

__all__ = [
    "MAX_ANALYSED_CHARACTERS",
    "Analysis",
    "AuthorityEntry",
    "AuthorityIndex",
    "Candidate",
    "ListReferenceFinder",
    "Match",
    "MentionSuggestion",
    "Person",
    "QuoteSuggestion",
    "ReferenceFinder",
    "ReferenceSuggestion",
    "SourceSuggestion",
    "analyse",
]


@dataclass(frozen=True, slots=True)
class MentionSuggestion:
    kind: str  # person | organization | place
    entry: AuthorityEntry | None  # None: a new entity for the authority file
    name: str
    evidence: str  # the sentence of the first mention
    count: int
    role: str = ""
    country: str = ""  # ISO alpha-2
    organization: str = ""
    place_kind: str = ""
    parent: str = ""  # a place's parent country name


@dataclass(frozen=True, slots=True)
class SourceSuggestion:
    entry: AuthorityEntry | None
    name: str
    kind: str  # news_outlet | news_agency | press_office | official_document | social_media | interview | other
    attribution: str  # according_to | as_reported_by | reported | press_release | statement | interview | other
    cue: str
    evidence: str
    organization: str = ""
    organization_entry: AuthorityEntry | None = None


@dataclass(frozen=True, slots=True)
class QuoteSuggestion:
    text: str
    speaker: AuthorityEntry | None
    speaker_name: str
    paragraph: int  # 0-based index into the paragraphs
    cue: str


@dataclass(frozen=True, slots=True)
class ReferenceSuggestion:
    article_id: int
    anchor_text: str
    evidence: str
    score: float


@dataclass(slots=True)
class Analysis:
    mentions: list[MentionSuggestion] = field(default_factory=list)
    sources: list[SourceSuggestion] = field(default_factory=list)
    quotes: list[QuoteSuggestion] = field(default_factory=list)
    references: list[ReferenceSuggestion] = field(default_factory=list)
    unread_characters: int = 0  # of the body, past MAX_ANALYSED_CHARACTERS

    def of_kind(self, kind: str) -> list[MentionSuggestion]:
        return [m for m in self.mentions if m.kind == kind]


def _evidence(doc: Document, offset: int) -> str:
    sent = doc.sentence_at(offset)
    return sent.text if sent else ""


def _people(doc: Document, index: AuthorityIndex, known: list[Match], found: list[entities.PersonCandidate]) -> People:
    people = People(index)
    events: list[tuple[int, int, str, AuthorityEntry | None, entities.PersonCandidate | None]] = []
    for m in known:
        if m.entry.kind == "person":
            events.append((m.start, m.end, m.entry.name, m.entry, None))
    covered = [(m.start, m.end) for m in known if m.entry.kind == "person"]
    for cand in found:
        inside = any(s <= cand.start and cand.end <= e for s, e in covered)
        events.append((cand.start, cand.end, cand.name, None, cand) if not inside else (cand.start, cand.end, "", None, cand))
    events.sort(key=lambda ev: (ev[0], ev[4] is not None))
    for start, end, name, entry, cand in events:
        if cand is not None and not name:
            person = people.at(start, end)  # a known person's mention: take the title
        else:
            person = people.in_story(name) if entry is None else None
            if person is None and entry is None:
                entry = people.known(name)
                if entry is None and " " not in name and not cand.titled:
                    continue
            if person is None:
                person = people.add(entry.name if entry else name, entry, start, end, _evidence(doc, start))
            else:
                person.count += 1
                people.mentions.append((start, end, person))
        if person is not None and cand is not None:
            person.role = person.role or cand.role
            person.country = person.country or cand.country
            person.organization = person.organization or cand.organization
    _surnames_of_new(doc, people)
    _counterparts(people, found)
    return people


def _surnames_of_new(doc: Document, people: People) -> None:
    """Count "Laine said" after "Mikko Laine" for people the index does not know."""
    taken = [(s, e) for s, e, _ in people.mentions]
    for person in list(people.persons.values()):
        if person.entry is not None or " " not in person.name:
            continue
        surname = person.name.split()[-1]
        for m in re.finditer(rf"(?<!\w){re.escape(surname)}(?!\w)", doc.text):
            if m.start() > person.first and not any(s <= m.start() < e for s, e in taken):
                person.count += 1
                people.mentions.append((m.start(), m.end(), person))
    people.mentions.sort(key=lambda t: t[0])


def _counterparts(people: People, found: list[entities.PersonCandidate]) -> None:
    """"his Swedish counterpart X": X holds the same office as the person he meets."""
    for cand in found:
        if not cand.counterpart:
            continue
        person = people.at(cand.start, cand.end)
        if person is None or person.role:
            continue
        same_sentence = [
            p for s, _e, p in people.mentions if cand.sentence.start <= s < cand.sentence.end and p is not person
        ]
        other = next((p for p in same_sentence if p.role), None) or people.last_before(cand.start, "")
        while other is not None and (other is person or not other.role):
            other = people.last_before(other.first, "") if other.first < cand.start else None
        if other is not None:
            person.role = other.role


_NATIONAL_OFFICES = frozenset("minister president premier chancellor spokesperson spokesman spokeswoman".split())
# Offices and occupations that are held in the story's own country unless it says otherwise.
_HOME_ROLES = frozenset("mayor lawmaker legislator farmer resident parliament".split())
_NATIONAL_BODIES = frozenset("ministry government office presidency chancellery cabinet".split())
_HOME_TITLES = ("chief of defence", "chief of the general staff", "commander of the armed forces")
# "The Finnish government decided ...": a country's adjective on an institution ties the office-holders it speaks for.
_INSTITUTION = re.compile(r"[\s-]*(?:government|ministry|cabinet|authorities|parliament|presidency|coalition)\b")
# "In neighbouring Finland, Minister X said": the country introducing the clause.
_IN_COUNTRY = re.compile(r"(?:^|[,;]\s*)[Ii]n\s+(?:neighbouring\s+|neighboring\s+|nearby\s+)?$")


def _home_country(doc: Document, countries: list[Match], towns: list[Match] = ()) -> str:
    """The country the story is about: named at least twice as often as any other, else the only country its
    headline names, when no other country is named more often."""
    counts: dict[str, int] = {}
    for m in countries:
        counts[m.entry.country] = counts.get(m.entry.country, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]):
        return ranked[0][0]
    headline_end = doc.paragraphs[0][1]
    in_headline = {m.entry.country for m in countries if m.start < headline_end and m.form != "adjective"}
    if len(in_headline) > 1:
        # "US Division Opens Post in Orzysz as Poland Expands ...": the country whose town the headline names.
        local = {m.entry.country for m in towns if m.start < headline_end} & in_headline
        in_headline = local if len(local) == 1 else in_headline
    if len(in_headline) == 1:
        code = next(iter(in_headline))
        if ranked and counts[code] >= ranked[0][1]:
            return code
    return ""


def _home_countries(doc: Document, known: list[Match], people: People) -> None:
    """An office without a nationality ("Prime Minister X", "the chief of defence", "a farmer") is of the
    country its sentence ties it to, else of the story's own country, else of the only country its sentence
    names; a country merely mentioned ("the border with Russia") does not tie anyone."""
    countries = [m for m in known if m.entry.kind == "place" and m.entry.place_kind == "country"]
    towns = [m for m in known if m.entry.kind == "place" and m.entry.place_kind in ("city", "base")]
    home = _home_country(doc, countries, towns)
    for person in people.persons.values():
        role = fold_key(person.role)
        words = set(re.split(r"[\s-]+", role))  # "vice-minister" holds "minister"
        eligible = words & (_NATIONAL_OFFICES | _HOME_ROLES) or any(t in role for t in _HOME_TITLES)
        # A national body named without its country ("the Defence Ministry", "the President's Office") ties no one.
        national_body = bool(_NATIONAL_BODIES & set(fold_key(person.organization).replace("'s", "").split()))
        if person.country or (person.organization and not national_body) or not eligible:
            continue
        sent = doc.sentence_at(person.first)
        here = [m for m in countries if sent and sent.start <= m.start < sent.end]
        tied = {m.entry.country for m in here if m.form == "adjective" and _INSTITUTION.match(doc.text, m.end)}
        lead = {
            m.entry.country for m in here
            if m.start < person.first and m.form != "adjective" and _IN_COUNTRY.search(doc.text[sent.start : m.start])
        }
        named = {m.entry.country for m in here}
        person.country = (
            next(iter(tied)) if len(tied) == 1
            else next(iter(lead)) if len(lead) == 1
            else home or (next(iter(named)) if len(named) == 1 else "")
        )


# The analysis reads at most this much of a story's body. Its work grows
# linearly with the text, but with a large factor on hostile text (thousands
# of capitalised words, quote marks); this keeps a save within its time bound.
# 40,000 characters is some 6,500 words: a story's people, sources and quotes
# are read in full in all but the longest long reads.
MAX_ANALYSED_CHARACTERS = 40_000


def analysed_part(paragraphs: list[str]) -> tuple[list[str], int]:
    """The paragraphs the analysis reads (whole paragraphs, cut at a space past the bound) and how much is left."""
    kept: list[str] = []
    room = MAX_ANALYSED_CHARACTERS
    for i, paragraph in enumerate(paragraphs):
        if len(paragraph) > room:
            cut = paragraph.rfind(" ", 0, room)
            if cut > 0:
                kept.append(paragraph[:cut])
            unread = len(paragraph) - max(cut, 0) + sum(len(p) for p in paragraphs[i + 1 :])
            return kept, unread
        kept.append(paragraph)
        room -= len(paragraph)
    return kept, 0


def analyse(
    headline: str,
    paragraphs: list[str],
    *,
    index: AuthorityIndex,
    publication: str = "The Gaze",
    reference_finder: ReferenceFinder | None = None,
    published_at: datetime | None = None,
) -> Analysis:
    paragraphs, unread = analysed_part(paragraphs)
    doc = Document.from_parts(headline, paragraphs)
    known = index.find(doc.text)
    found_people, found_orgs = entities.detect(doc, known, publication=publication)
    people = _people(doc, index, known, found_people)
    _home_countries(doc, known, people)

    analysis = Analysis(unread_characters=unread)
    named_spans = [(o.start, o.end) for o in found_orgs] + [(m.start, m.end) for m in known if m.entry.kind != "person"]
    quote_findings = quotes.detect(doc, people, named_spans)
    analysis.mentions.extend(_person_mentions(people))
    analysis.mentions.extend(_org_mentions(doc, index, known, found_orgs))
    taken = [(o.start, o.end) for o in found_orgs] + [(s, e) for s, e, _ in people.mentions]
    analysis.mentions.extend(_place_mentions(doc, known, taken))

    person_spans = [(s, e) for s, e, _ in people.mentions]
    org_names = [(o.start, o.name) for o in found_orgs]
    org_names += [(m.start, m.entry.name) for m in known if m.entry.kind == "organization"]
    for f in sources.detect(doc, index, person_spans=person_spans, publication=publication, orgs=org_names):
        analysis.sources.append(
            SourceSuggestion(f.entry, f.name, f.kind, f.attribution, f.cue, f.evidence, f.organization, f.organization_entry)
        )
    for q in quote_findings:
        speaker = q.speaker.entry if q.speaker else None
        analysis.quotes.append(QuoteSuggestion(q.text, speaker, q.speaker_name, q.paragraph, q.cue))

    if reference_finder is not None:
        analysis.references.extend(_references(doc, known, publication, reference_finder, published_at))
    return analysis


def _person_mentions(people: People) -> list[MentionSuggestion]:
    return [
        MentionSuggestion("person", p.entry, p.name, p.evidence, p.count, p.role, p.country, p.organization)
        for p in sorted(people.persons.values(), key=lambda p: p.first)
    ]


def _org_mentions(
    doc: Document, index: AuthorityIndex, known: list[Match], found: list[entities.OrgCandidate]
) -> list[MentionSuggestion]:
    by_key: dict[str, list] = {}
    for m in known:
        if m.entry.kind == "organization":
            by_key.setdefault(f"#{m.entry.id}" if m.entry.id is not None else entities.ministry_key(fold_key(m.entry.name)), []).append(
                (m.start, m.entry, m.entry.name, m.entry.country)
            )
    known_spans = [(m.start, m.end, m.entry) for m in known if m.entry.kind == "organization"]
    for o in found:
        inside = next((e for s, en, e in known_spans if s <= o.start and o.end <= en), None)
        if inside is not None:
            continue  # already counted as the known organisation
        entry = next(iter(index.lookup(o.name, "organization")), None)
        if entry is None and fold_key(o.name) in sources.MEDIA:
            continue  # an outlet: it is a source, not something the story is about
        key = f"#{entry.id}" if entry is not None and entry.id is not None else entities.ministry_key(fold_key(o.name))
        if entry is None and key not in by_key:
            # "the Defence League" after "the Estonian Defence League": the same body, named shorter.
            key = next((k for k, items in by_key.items() if k.endswith(" " + key) and items[0][0] < o.start), key)
        by_key.setdefault(key, []).append((o.start, entry, entry.name if entry else o.name, o.country))
    out = []
    for items in by_key.values():
        items.sort(key=lambda t: t[0])
        start, entry, name, _country = items[0]
        country = next((c for *_, c in items if c), "")
        out.append((start, MentionSuggestion("organization", entry, name, _evidence(doc, start), len(items), country=country)))
    return [m for _, m in sorted(out, key=lambda t: t[0])]


# "Finnish and Swedish troops", "the Polish state-owned arms group", "Latvian-led": the adjective stands for
# the country acting (its troops, its state, led by it), not for the nationality of a thing or a person;
# also its units, its ships at sea and its airspace ("Lithuanian units", "Russian survey vessels").
_ACTORS = (
    r"(?:troops|soldiers|forces|servicemen|conscripts|government|authorities|officials|diplomats|state-owned"
    r"|units|airspace|(?:[a-z]+\s+)?vessels|warships)"
)
_ACTING_ADJECTIVE = re.compile(
    rf"-(?:led|backed|funded|owned|run)\b|\s+(?:and|or)\s+[A-Z][\w-]*\s+{_ACTORS}\b|\s+{_ACTORS}\b"
)


_BROAD_PLACES = frozenset({"country", "region", "sea"})


def _is_capital(entry: AuthorityEntry) -> bool:
    return entry.place_kind == "city" and fold_key(entry.name) in gazetteer.capital_keys()


def _place_mentions(doc: Document, known: list[Match], spans: list[tuple[int, int]]) -> list[MentionSuggestion]:
    grouped: dict[AuthorityEntry, list[Match]] = {}
    for m in known:
        if m.entry.kind != "place":
            continue
        inside = any(s <= m.start and m.end <= e and (s, e) != (m.start, m.end) for s, e in spans)
        # A country's name inside a company's ("Israel Aerospace Industries") still names the country.
        if inside and (m.form == "adjective" or m.entry.place_kind != "country"):
            continue  # "Lithuanian" in "Lithuanian Ministry of Defence", "Lund" in "Troels Lund Poulsen"
        grouped.setdefault(m.entry, []).append(m)
    headline_end = doc.paragraphs[0][1] if doc.paragraphs else 0
    words = re.findall(r"[A-Za-z\u00C0-\u024F]{4,}", doc.text[:headline_end])
    title_case = len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)
    out = []
    for entry, ms in grouped.items():
        # "... for the First Time": in a title-case headline a capitalised word may be a town's name only by chance.
        if title_case and all(m.start < headline_end for m in ms) and entry.place_kind not in _BROAD_PLACES \
                and not _is_capital(entry):
            continue
        # An adjective alone ("the German brigade") qualifies something else.
        named = [
            m for m in ms
            if m.form != "adjective" or (entry.place_kind == "country" and _ACTING_ADJECTIVE.match(doc.text, m.end))
        ]
        if not named:
            continue
        first = named[0]
        out.append(
            (
                first.start,
                MentionSuggestion(
                    "place", entry, entry.name, _evidence(doc, first.start), len(ms),
                    country=entry.country, place_kind=entry.place_kind, parent=entry.parent_name,
                ),
            )
        )
    return [m for _, m in sorted(out, key=lambda t: t[0])]


def _references(
    doc: Document, known: list[Match], publication: str, finder: ReferenceFinder, published_at: datetime | None
) -> list[ReferenceSuggestion]:
    story_keys = {m.entry.key for m in known if m.entry.key is not None}
    out: list[ReferenceSuggestion] = []
    for cue in references.find_cues(doc, publication):
        cue_keys = {m.entry.key for m in known if m.entry.key and cue.sentence.start <= m.start < cue.sentence.end}
        claim_terms = references.terms(cue.claim)
        pool = finder.candidates(entity_keys=cue_keys or story_keys, terms=claim_terms, before=published_at, limit=200)
        ranked = references.rank(
            claim_terms, pool, cue_entities=cue_keys, story_entities=story_keys, before=published_at
        )
        if ranked and ranked[0][0] >= THRESHOLD:
            score, best = ranked[0]
            out.append(ReferenceSuggestion(best.article_id, cue.anchor, cue.sentence.text, round(score, 3)))
    return out

