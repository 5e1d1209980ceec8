"""Candidate people and organisations that the authority file may not know yet.

News copy names people in a few fixed shapes: a title run ("Lithuanian Minister
of Defence Laurynas Kasčiūnas", "Colonel Andris Bērziņš"), a counterpart
("his Swedish counterpart Paul Johnsson"), an appositive ("Mikko Laine, who
commands ...") or a speech verb next to the name. The sentence is cut into
runs of capitalised words; each run is split into a title prefix and a name
tail, or recognised as an institution ("... Ministry of ...", "... Council",
an acronym).
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

from .authority import Match, _needs_exact_case
from .gazetteer import demonym_country, gazetteer_entries
from .text import SPEECH_VERBS, Document, Sentence, Token, fold_key, tokens

__all__ = ["OrgCandidate", "PersonCandidate", "detect", "normalise_role"]

# Words that make a run a title (lower-cased, folded).
PERSON_TITLES = frozenset(
    "minister ministers president vice-president chancellor premier secretary secretary-general commander "
    "commander-in-chief chief head director chairman chairwoman chair speaker spokesperson spokesman "
    "spokeswoman ambassador envoy mayor governor senator mp counterpart general colonel lieutenant major "
    "captain admiral brigadier sergeant corporal marshal commodore mr mrs ms dr prof professor king queen "
    "prince princess adviser advisor attache representative lt col gen maj capt adm sgt brig cdr "
    "vice-minister deputy-minister lawmaker legislator".split()
)
# Words that qualify a title without being one.
TITLE_QUALIFIERS = frozenset(
    "deputy vice acting former prime foreign defence defense interior finance economy justice energy "
    "health education culture agriculture environment transport affairs national state internal "
    "military of the for and general staff army navy air force forces lieutenant rear first chief "
    "armed defence-policy policy security intelligence economic trade".split()
)
RANKS = frozenset(
    "general colonel lieutenant major captain admiral brigadier sergeant corporal marshal commodore rear vice "
    "lt col gen maj capt adm sgt brig cdr".split()
)
ORG_HEADS = frozenset(
    "ministry council agency command forces force army navy brigade battalion division regiment corps guard "
    "service services office department parliament government commission committee alliance organization "
    "organisation union bank institute university centre center headquarters police group company "
    "corporation inc ltd bureau directorate authority court party fund academy college association "
    "federation assembly cabinet chancellery embassy squadron fleet flotilla unit league foundation staff "
    "broadcaster broadcasting radio television news agency times post herald gazette".split()
)
# Institutions named by one word.
STANDALONE_ORGS = frozenset(
    "pentagon kremlin bundeswehr seimas saeima riigikogu sejm eduskunta storting riksdag folketing bundestag "
    "frontex interpol europol".split()
)
# All-caps tokens that are not organisations.
ACRONYM_STOP = frozenset(
    "ceo cfo cto gdp vat tv ok ii iii iv vi vii viii ix xi xii ai it pm am usd eur uav uavs drone mp mps "
    "himars nasams atacms mlrs iris-t f-16 f-35 f-18 apc ifv mbt icbm sam manpads covid pdf faq id km "
    "kg mw gw hq bbc? us usa uk gps gnss lng ied isr ew cbrn".replace("?", "").split()
)
MONTHS_DAYS = frozenset(
    "january february march april may june july august september october november december monday "
    "tuesday wednesday thursday friday saturday sunday".split()
)
# Capitalised only because they start a sentence or a clause.
COMMON = frozenset(
    "a an the this that these those it its in on at after before while as when since with without for "
    "from by but and or yet so both each many some all several most following despite although though "
    "under over last next today yesterday tomorrow now then thus moreover furthermore additionally also "
    "still such other another our we they he she his her their there here what which who whom whose "
    "where why how during together according however meanwhile earlier later if because unlike like "
    "amid among between through into onto upon about above below against toward towards within "
    "nevertheless nonetheless indeed instead only even first second third finally overall currently "
    "recently previously already again more less new old one two three four five several no not "
    "my your i you me us them him mr ms mrs".split()
)
CONNECTORS = frozenset("of for the de von van der den del la al".split())
# Lower-case words that may open a title run ("defence minister Hanno Pevkur").
LOWER_TITLE_WORDS = frozenset(
    "minister defence defense foreign prime deputy president commander counterpart spokesperson spokesman "
    "spokeswoman ambassador chief colonel lieutenant admiral general lawmaker legislator".split()
)
# Companies name themselves with these words ("Proteus Advanced Systems", "ST Engineering"): a body, not a name.
CORPORATE = frozenset(
    "systems industries engineering aerospace dynamics technologies technology robotics electronics defence-group "
    "holdings solutions shipyard shipyards motors munitions arms".split()
)
# "the Lithuanian drone maker Granta Autonomy": a company introduced by what it makes or is.
_COMPANY_NOUN = re.compile(
    r"(?:^|(?<=\s))(?:the|a|an|[A-Z][\w-]*['’]s)\s+(?:[\w-]+\s+){0,3}?"
    r"(?:maker|manufacturer|producer|company|firm|start-?up|contractor|group|supplier|developer|shipbuilder)\s+$"
)
# Occupations and offices written in lower case in an appositive ("an analyst at the X", "a farmer from Y").
OCCUPATIONS = frozenset(
    "analyst researcher expert scholar economist historian journalist fellow scientist engineer lecturer farmer "
    "resident lawmaker legislator member official activist entrepreneur owner pilot soldier volunteer "
    "veteran teacher student".split()
)

_SPEECH_AFTER = re.compile(rf"^\s+(?:also\s+|has\s+|had\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b")
# ", said" right after a name set off by commas closes a title before it ("a spokesperson, Anna Berg, said").
_SPEECH_AFTER_COMMA = re.compile(rf"^,\s+(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b")
# Verbs that take an object ("told Svenska Yle", "urged Sweden") do not point at a speaker after them.
_OBJECT_VERBS = frozenset("told tells asked urged warned warns assured".split())
_SPEECH_BEFORE = re.compile(
    rf"\b(?:{'|'.join(v for v in SPEECH_VERBS.split('|') if v not in _OBJECT_VERBS)})\s+$"
)
# Particles inside a person's name ("Friederike von der Schulenburg", "Joost van den Berg").
NAME_PARTICLES = frozenset("von van der den de da di du la le af zu ter ten del".split())
_QUOTE_AFTER = re.compile(r"^\s*[,:]?\s*[\"“]")
_APPOSITIVE = re.compile(
    r"^,\s+(?:who\s+(?:commands|heads|leads|chairs|directs|runs|is|was|serves)\b"
    r"|(?:the\s+|a\s+|an\s+)?(?:[\w'’-]+\s+){0,3}?(?:" + "|".join(sorted(PERSON_TITLES - {"general", "major"}))
    + r"|" + "|".join(sorted(OCCUPATIONS)) + r"|commandant|founder|leader|officer|executive)\b)",
    re.IGNORECASE,
)
_WHO_COMMANDS = re.compile(
    r"^,\s+who\s+(?P<verb>commands|heads|leads|chairs|directs|runs)\s+(?:the\s+)?"
    r"(?:(?P<nominal>[a-z]+)\b|(?P<org>[A-Z][\w-]*(?:['’]s)?(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w-]*(?:['’]s)?)*))"
)
_ROLE_WORDS = (
    r"(?i:(?:(?:deputy|acting|vice|senior|chief)\s+)?(?:head|chief|commander|commandant|director|chairman|chair|"
    r"spokesperson|spokesman|spokeswoman|member|rector|president|secretary|mayor|governor|ambassador|"
    r"executive|officer))"
)
_ROLE_OF = re.compile(
    r"^,\s+(?:the\s+|a\s+|an\s+)?(?P<nat>[A-Z][\w-]+\s+)?(?P<role>" + _ROLE_WORDS + r")\s+(?P<prep>of|for)\s+(?P<the>the\s+)?"
    r"(?:(?P<org>(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][\w-]*(?:['’]s)?(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w-]*(?:['’]s)?)*)"
    r"|(?P<nominal>[a-z]+)\b)"
)
_CAPS = r"[A-Z\u00C0-\u024F][\w'’.-]*(?:\s+(?:(?:of|for|and)\s+(?:the\s+)?)?[A-Z\u00C0-\u024F][\w'’.-]*)*"
# A lower-case title in an appositive: ", Ukraine's deputy minister of strategic industries,", ", the chief of
# defence,", ", an analyst at the X in Warsaw,", ", a member of parliament from North Karelia,", ", a farmer from Y,".
_LOWER_APPOSITIVE = re.compile(
    r"^,\s+(?:(?:the|a|an)\s+)?(?:(?P<owner>[A-Z][\w-]*)['’]s\s+)?(?P<nat>(?:[A-Z][\w-]*\s+){0,2})"
    r"(?P<role>(?:(?:deputy|vice|acting|senior|chief|junior|first|former|local|opposition|principal|lead)\s+)*"
    r"(?:[a-z][\w-]*\s+)?(?:" + "|".join(sorted(OCCUPATIONS | PERSON_TITLES)) + r"))"
    r"(?:\s+(?:of|for)\s+(?P<field>(?:the\s+)?[a-z][\w-]*(?:\s+(?:and\s+)?[a-z][\w-]*){0,3}))?"
    r"(?:\s+(?P<prep>at|with|from|in)\s+(?:the\s+)?(?:(?:village|town|city|region|county|municipality|district)\s+of\s+)?"
    r"(?P<where>" + _CAPS + r")(?:\s+in\s+(?P<city>" + _CAPS + r"))?)?"
    r"\s*(?=[,.;:]|\s+(?:who|said|says|told|added|wrote|and)\b)"
)
_UNIT_HEADS_LOWER = frozenset("brigade battalion regiment division squadron corps fleet flotilla wing".split())
# A title before the name, set off by a comma: "the college's commandant, Major General X",
# "The commander of the Gotland Regiment, Colonel X", "Her Polish counterpart, Deputy Minister X".
_PRE_APPOSITIVE = re.compile(
    r"(?:^|(?<=[\s(]))(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+)?(?:(?P<owner>[\w-]+)['’]s?\s+)?"
    r"(?P<nat>[A-Z][a-z]+\s+)?(?P<role>" + _ROLE_WORDS + r"|counterpart|(?i:commanding\s+(?:general|officer)))"
    r"(?:\s+(?P<prep>of|for)\s+(?P<the>the\s+)?(?P<org>(?:\d+(?:st|nd|rd|th)\s+)?[A-Z][\w-]*(?:['’]s)?"
    r"(?:\s+(?:(?:of|for)\s+(?:the\s+)?)?[A-Z][\w-]*)*(?:\s+(?:" + "|".join(sorted(_UNIT_HEADS_LOWER)) + r"))?))?"
    r"\s*,\s*$"
)
# An office before the name, set off by a comma: "Latvia's Minister of Defence, X," / "The UK Defence Secretary, X,".
_PRE_OFFICE = re.compile(
    r"(?:^|(?<=[\s(]))(?:[Tt]he\s+)?(?:(?P<owner>[A-Z][\w-]*)['’]s?\s+)?(?P<nat>(?:[A-Z][a-z]+|[A-Z]{2,3})\s+)?"
    r"(?P<role>(?:(?:Deputy|Prime|Vice|Acting|First)\s+)*(?:[A-Z][a-z]+\s+)?(?:Minister|Secretary)"
    r"(?:\s+(?:of|for)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+(?:and\s+)?[A-Z][\w-]*){0,3})?)\s*,\s*$"
)
# ", who watched the drill from a tower, said": a relative clause between the name and its speech verb.
_WHO_THEN_SPEECH = re.compile(rf"^,\s+who\s+[^,\"“”]*,\s+(?:also\s+|then\s+|later\s+)?(?:{SPEECH_VERBS})\b")
# Bodies named by a common noun after their first mention ("the brigade", "the college").
_GENERIC_BODIES = frozenset("organisation organization body institution".split())
_VERB_ROLE = {"commands": "Commander", "heads": "Head", "leads": "Head", "chairs": "Chair", "directs": "Director",
              "runs": "Head"}
_GAP = re.compile(r"^[ \t\u00a0]+$")
_DESIGNATION = re.compile(r"^[A-Z]+(?:-[A-Z0-9]+|[0-9]+[A-Za-z0-9]*)$")  # IRIS-T, CV90, F-35A
_AND_BEFORE = re.compile(r"(?<![\w-])((?:[A-Z][\w-]+ ){1,3})and $")
_UNIT_HEADS = frozenset("brigade battalion regiment division squadron corps fleet flotilla wing group unit".split())
# Plural possessives inside a name, for the members of a body ("Riflemen's Union", "Veterans' League").
_UNIT_OF = re.compile(
    r"^(?P<unit>(?:\d+(?:st|nd|rd|th)\s+)?[\w\s-]*?\b(?i:" + "|".join(sorted(_UNIT_HEADS)) + r")(?:\s+\d+)?)"
    r"\s+of\s+(?:the\s+)?(?P<parent>[A-Z].*)$"
)
_ARMED_FORCES = frozenset("forces force army navy guard corps".split())
_NUMBERED = re.compile(r"^\d+(?:st|nd|rd|th)\s|\s\d+$")
_PLURAL_POSSESSIVE = re.compile(r"(?:men|women|children|people)['’]s$|s['’]$")
_NOT_FIELDS = frozenset("prime deputy vice acting former first junior senior chief state".split())
_MINISTER_OF = {"foreign": "Minister of Foreign Affairs", "interior": "Minister of the Interior"}


@lru_cache(maxsize=1)
def _country_names() -> dict[str, str]:
    """Folded one-word country names ("norway") -> alpha-2, for names read outside the matched text."""
    return {
        fold_key(n): e.country
        for e in gazetteer_entries()
        if e.place_kind == "country"
        for n in (e.name, *e.aliases)
        if " " not in n.strip() and fold_key(n) not in demonym_country() and not _needs_exact_case(n)
    }


@dataclass(slots=True)
class PersonCandidate:
    name: str
    start: int
    end: int
    sentence: Sentence
    role: str = ""
    country: str = ""
    organization: str = ""
    counterpart: bool = False
    titled: bool = False  # the name came with a title, so a lone surname is still a person


@dataclass(slots=True)
class OrgCandidate:
    name: str
    start: int
    end: int
    sentence: Sentence
    country: str = ""


def normalise_role(words: str) -> str:
    """"defence minister" -> "Minister of Defence"; keeps titles as written otherwise."""
    text = " ".join(words.split())
    if not text:
        return ""
    low = text.lower()
    parts = low.split()
    # "deputy minister", "prime minister": a qualifier, not the minister's field.
    # "Defence Secretary", "Foreign Secretary": the British and American names of those ministers.
    if len(parts) >= 2 and parts[-1] == "secretary" and parts[-2] in {"defence", "defense", "foreign"}:
        parts[-1] = "minister"
    if len(parts) >= 2 and parts[-1] == "minister" and parts[-2] not in _NOT_FIELDS and " of " not in low:
        field = parts[-2]
        lead = " ".join(w.capitalize() for w in parts[:-2])
        role = _MINISTER_OF.get(field, f"Minister of {field.capitalize()}")
        return f"{lead} {role}".strip()
    small = {"of", "the", "for", "and"}
    return " ".join(w if w.lower() in small and i else w[:1].upper() + w[1:] for i, w in enumerate(text.split()))


_MINISTRY_FIELDS = {"foreign": "foreign affairs", "interior": "the interior"}


def ministry_key(key: str) -> str:
    """"defence ministry" -> "ministry of defence": one ministry however the story words it."""
    m = re.fullmatch(r"(.*?)(\w+) ministry", key)
    return f"{m.group(1)}ministry of {_MINISTRY_FIELDS.get(m.group(2), m.group(2))}" if m else key


def _rank_only(role: str) -> bool:
    """"Colonel", "Lt. Gen.": a rank says less than an office named elsewhere."""
    return all(w.strip(".") in RANKS for w in fold_key(role).split())


def _nonname(tok: Token) -> bool:
    low = tok.lower
    return (
        low in PERSON_TITLES
        or low in TITLE_QUALIFIERS
        or low in ORG_HEADS
        or low in STANDALONE_ORGS
        or low in CORPORATE
        or low in MONTHS_DAYS
        or low in COMMON
        or low in demonym_country()
    )


class _Detector:
    def __init__(self, doc: Document, known: list[Match], publication: str) -> None:
        self.doc = doc
        self.known = known
        # For known_at(): starts, and the furthest end so far, to binary-search instead of scanning.
        self._known_starts = [m.start for m in known]
        self._known_reach = list(itertools.accumulate((m.end for m in known), max))
        self.publication = {fold_key(publication), fold_key(re.sub(r"(?i)^the\s+", "", publication))}
        self.adjectives = demonym_country()
        self.people: list[PersonCandidate] = []
        self.orgs: list[OrgCandidate] = []

    def known_at(self, start: int, end: int) -> Match | None:
        """The first known match overlapping [start, end) (matches are in text order)."""
        first = bisect.bisect_right(self._known_reach, start)
        stop = bisect.bisect_left(self._known_starts, end)
        for m in itertools.islice(self.known, first, stop):
            if start < m.end:
                return m
        return None

    def runs(self, sent: Sentence) -> list[list[Token]]:
        toks = tokens(sent.text, sent.start)
        text = self.doc.text
        runs: list[list[Token]] = []
        cur: list[Token] = []
        for i, tok in enumerate(toks):
            low = tok.lower
            nxt = toks[i + 1] if i + 1 < len(toks) else None
            member = tok.is_cap or tok.is_upper or low in LOWER_TITLE_WORDS
            if not member and cur and (low in CONNECTORS or low in NAME_PARTICLES) and nxt is not None:
                # "of the Lithuanian Armed Forces": connectors join when a capitalised word follows them.
                if (nxt.lower in CONNECTORS or nxt.lower in NAME_PARTICLES) and i + 2 < len(toks):
                    nxt = toks[i + 2]
                member = nxt.is_cap or nxt.is_upper
            prev = cur[-1] if cur else None
            joins = prev is not None and (
                not prev.possessive
                or (_PLURAL_POSSESSIVE.search(text[prev.start : prev.end + 2].rstrip(" ")) is not None
                    and prev.lower not in self.adjectives and self.known_at(prev.start, prev.end) is None)
            )
            gap = text[prev.end : tok.start] if prev is not None else ""
            if prev is not None and prev.possessive:
                gap = re.sub(r"^['’]s?", "", gap)
            # An abbreviated rank ("Lt. Gen.", "Brig. Gen.") is glued to the next word across its full stop.
            abbreviated = prev is not None and prev.lower in RANKS and len(prev.text) <= 4 and gap == ". "
            glued = joins and (_GAP.match(gap) is not None or abbreviated)
            if member and (not cur or glued):
                cur.append(tok)
                continue
            if cur:
                runs.append(cur)
            cur = [tok] if member else []
        if cur:
            runs.append(cur)
        out = []
        for run in runs:
            while run and run[0].lower in CONNECTORS:
                run = run[1:]
            # A capitalised sentence opener ("During", "The") is not part of a name.
            if run and run[0].start == toks[0].start and run[0].lower in COMMON and not run[0].is_upper:
                run = run[1:]
            while run and not (run[-1].is_cap or run[-1].is_upper):
                run = run[:-1]
            if run:
                out.append(run)
        return out

    def country_in(self, name: str) -> str:
        """The country a name read out of context holds ("Latvian Naval Flotilla", "Defence of Norway")."""
        for t in tokens(name):
            code = self.adjectives.get(t.lower) or _country_names().get(t.lower)
            if code:
                return code
        return ""

    def country_of(self, toks: list[Token]) -> str:
        for t in toks:
            code = self.adjectives.get(t.lower) or _country_names().get(t.lower)
            if code:
                return code
            m = self.known_at(t.start, t.end)
            if m is not None and m.entry.kind == "place" and m.entry.place_kind == "country" and m.form != "surname":
                return m.entry.country
        return ""

    def person(self, sent: Sentence, run: list[Token]) -> bool:
        text = self.doc.text
        # "Brigadier General X of Canada": the country after a titled name is his, not part of it.
        of_country = ""
        if len(run) > 3 and run[-2].lower == "of" and any(t.lower in RANKS | PERSON_TITLES for t in run[:-4]):
            of_country = self.country_of(run[-1:])
            run = run[:-2] if of_country else run
        n = particles = 0
        for i, tok in enumerate(reversed(run)):
            if n > 0 and tok.lower in NAME_PARTICLES and any(t.is_cap for t in run[: len(run) - i - 1]):
                particles += 1  # "Friederike von der Schulenburg"
                continue
            known = self.known_at(tok.start, tok.end)
            # A town inside a name ("Troels Lund Poulsen") is part of the name.
            inner_town = n > 0 and known is not None and known.entry.id is None and known.entry.place_kind == "city"
            if inner_town:
                known = None
            if not tok.is_cap or (known is None and _nonname(tok)) or (known is not None and known.entry.kind != "person"):
                break
            if tok is not run[-1] and tok.possessive:
                break
            n += 1
        if n == 0 or n > 4:
            return False
        n += particles
        while n and run[-n].lower in NAME_PARTICLES:
            n -= 1  # a particle opens the name only when nothing capitalised precedes it
        if n == 0:
            return False
        # "Deputy Minister of Strategic Industries Oleksii Kovalenko": after "of", the field's words belong to
        # the title and the name is the last two capitalised words.
        if n > 2 and not particles and len(run) > n and run[-n - 1].lower in CONNECTORS:
            n = 2
        tail, prefix = run[-n:], run[:-n]
        if prefix and prefix[-1].lower in {"of", "the", "for"}:
            return False  # "the commander of the Iron Wolf brigade": a name never follows "of the"
        start, end = tail[0].start, tail[-1].end
        lows = [t.lower for t in prefix]
        titled = bool(prefix) and prefix[-1].lower in PERSON_TITLES | RANKS | {"minister"}
        titled = titled or any(w in PERSON_TITLES for w in lows)
        after, before = text[end : sent.end], text[sent.start : run[0].start]
        known = self.known_at(start, end)
        cue = (
            known is not None
            or _SPEECH_AFTER.match(after) is not None
            or (before.rstrip().endswith(",") and _SPEECH_AFTER_COMMA.match(after) is not None)
            or _SPEECH_BEFORE.search(before) is not None
            or _QUOTE_AFTER.match(after) is not None
            or _APPOSITIVE.match(after) is not None
            or _WHO_THEN_SPEECH.match(after) is not None
            # "Latvia's Minister of Defence, X, told": a title set off by commas before the name.
            or (after.startswith(",") and (_PRE_OFFICE.search(before) or _PRE_APPOSITIVE.search(before)) is not None)
        )
        if not (titled or (n >= 2 and cue)):
            return False
        if n == 1 and not titled:
            return False
        # "the eyes of the East Shield": a capitalised phrase after "the" names a thing, not a person.
        if not titled and run[0] is tail[0] and re.search(r"(?:^|\s)[Tt]he\s+$", before):
            return False
        cand = PersonCandidate(" ".join(t.text for t in tail), start, end, sent, titled=titled)
        cand.counterpart = "counterpart" in lows
        self.role_from_prefix(cand, prefix)
        if not cand.country:
            cand.country = of_country or self.possessive_country(sent, run[0])
        self.pre_appositive(cand, before)
        self.appositive(cand, after)
        self.people.append(cand)
        return True

    def possessive_country(self, sent: Sentence, first: Token) -> str:
        """"Lithuania's Minister of Defence X": the possessive before the run."""
        toks = [t for t in tokens(self.doc.text[sent.start : first.start], sent.start)]
        if toks and toks[-1].possessive:
            return self.country_of([toks[-1]])
        return ""

    def role_from_prefix(self, cand: PersonCandidate, prefix: list[Token]) -> None:
        words = list(prefix)
        cand.country = self.country_of(words)
        # Leading determiners, nationalities, acronyms (NATO) and "counterpart".
        while words and (
            words[0].lower in {"the", "counterpart"} or words[0].lower in self.adjectives or words[0].is_upper
        ):
            if words[0].is_upper and not self.known_at(words[0].start, words[0].end):
                cand.organization = words[0].text
            words = words[1:]
        words = [w for w in words if w.lower != "counterpart"]
        if not words:
            return
        lows = [w.lower for w in words]
        heads = [i for i, w in enumerate(lows) if w in ORG_HEADS]
        if "of" in lows and heads and heads[-1] > lows.index("of"):
            # "Commander of the Lithuanian Armed Forces Lieutenant General": organisation inside the title.
            org_start = lows.index("of") + 1
            if org_start < len(words) and lows[org_start] == "the":
                org_start += 1
            org_words = words[org_start : heads[-1] + 1]
            cand.organization = " ".join(w.text for w in org_words)
            cand.country = cand.country or self.country_of(org_words)
            words = words[: heads[-1] + 1]
        elif len(words) > 1 and lows[-1] in RANKS and any(w in PERSON_TITLES - RANKS for w in lows[:-1]):
            while words and words[-1].lower in RANKS:
                words = words[:-1]
        # "Minister of Defence of Latvia": the trailing country is not part of the title.
        if len(words) > 2 and words[-2].lower == "of":
            code = self.country_of([words[-1]])
            if code:
                cand.country = cand.country or code
                words = words[:-2]
        cand.role = normalise_role(self.doc.text[words[0].start : words[-1].end])

    def appositive(self, cand: PersonCandidate, after: str) -> None:
        """", who commands the X" / ", the Chief of the X": a role that beats a bare rank."""
        m = _WHO_COMMANDS.match(after)
        if m:
            org, country = (m.group("org") or "").strip(), ""
            if m.group("nominal"):
                org, country = self.nominal_org(m.group("nominal"), cand.start)
            self.set_role(cand, _VERB_ROLE[m.group("verb")], org, country)
            return
        m = _ROLE_OF.match(after)
        if m and m.group("nominal"):
            # ", the commander of the brigade": the body named before by that noun.
            org, country = self.nominal_org(m.group("nominal"), cand.start)
            if org:
                self.set_role(cand, normalise_role(m.group("role")), org, country)
        elif m:
            self.role_of(cand, m.group("nat"), m.group("role"), m.group("prep") + (" the" if m.group("the") else ""),
                         m.group("org").strip())
        if not cand.role or _rank_only(cand.role):
            self.lower_appositive(cand, after)

    def lower_appositive(self, cand: PersonCandidate, after: str) -> None:
        """", Ukraine's deputy minister of X," / ", an analyst at the X in Warsaw,": a title in lower case."""
        m = _LOWER_APPOSITIVE.match(after)
        if m is None:
            return
        base = cand.end
        role = m.group("role") + (f" of {m.group('field')}" if m.group("field") else "")
        nat = " ".join(m.group("nat").split())
        country = self.place_country(m.group("owner") or "", base + m.start("owner")) if m.group("owner") else ""
        country = country or self.adjectives.get(fold_key(nat), "")
        org = ""
        if m.group("where"):
            where, at = m.group("where"), base + m.start("where")
            if m.group("prep") in ("at", "with"):
                org = where  # "an analyst at the Polish Institute of International Affairs"
                country = country or self.country_in(where)
            else:
                country = country or self.place_country(where, at)  # "a member of parliament from North Karelia"
            if m.group("city"):
                country = country or self.place_country(m.group("city"), base + m.start("city"))
        self.set_role(cand, normalise_role(role), org, country)

    def place_country(self, name: str, at: int) -> str:
        """The country of a place named at `at` ("Ukraine", "North Karelia", "Vilnius"), if the index knows it."""
        known = self.known_at(at, at + len(name))
        if known is not None and known.entry.kind == "place" and known.start >= at:
            return known.entry.country
        return _country_names().get(fold_key(name), "")

    def pre_appositive(self, cand: PersonCandidate, before: str) -> None:
        """"the college's commandant, Major General X": the title before the name, set off by a comma."""
        m = _PRE_APPOSITIVE.search(before)
        if m is None or (fold_key(m.group("role")) == "secretary" and _PRE_OFFICE.search(before)):
            self.pre_office(cand, before)  # "The UK Defence Secretary, X,": an office, with the country before it
            return
        role = m.group("role")
        if fold_key(role) == "counterpart":
            cand.counterpart = True
            code = self.adjectives.get(fold_key(m.group("nat") or ""), "")
            cand.country = cand.country or code
            return
        if cand.role and not _rank_only(cand.role):
            return  # the title in front of the name says it already
        if fold_key(role).startswith("commanding"):
            role = "Commander"  # "the commanding general of the X": he commands it
        org, country = (m.group("org") or "").strip(), ""
        if org and org.split()[-1].islower():
            org = self.full_unit(org, cand.start)
        owner = m.group("owner")
        if not org and not owner and before[m.start() : m.start() + 4].lower() == "its ":
            org, country = self.nominal_org("organisation", cand.start)  # "its chief": the body just named
        if not org and owner:
            if owner[:1].isupper():
                at = cand.sentence.start + m.start("owner")
                known = self.known_at(at, at + len(owner))
                if known is not None and known.entry.kind == "place":
                    country = known.entry.country
                else:
                    org = owner
            else:
                org, country = self.nominal_org(owner, cand.start)
        if m.group("prep"):
            self.role_of(cand, m.group("nat"), role, m.group("prep") + (" the" if m.group("the") else ""), org)
        else:
            nat = m.group("nat") or ""
            if nat and fold_key(nat) not in self.adjectives:
                role = f"{nat}{role}"
            else:
                country = country or self.adjectives.get(fold_key(nat), "")
            self.set_role(cand, normalise_role(role), org, country)

    def full_unit(self, short: str, before: int) -> str:
        """"Iron Wolf brigade" -> the "Iron Wolf Mechanised Infantry Brigade" named before, else as written."""
        words = fold_key(short).split()
        for o in sorted(self.orgs, key=lambda o: -o.start):
            full = fold_key(o.name).split()
            if o.start < before and full[: len(words) - 1] == words[:-1] and full[-1] == words[-1]:
                return o.name
        return short

    def pre_office(self, cand: PersonCandidate, before: str) -> None:
        """"Latvia's Minister of Defence, X,": the whole office is the role; the owner or nationality its country."""
        m = _PRE_OFFICE.search(before)
        if m is None or (cand.role and not _rank_only(cand.role)):
            return
        role, nat = m.group("role"), m.group("nat") or ""
        at = cand.sentence.start + m.start("nat")
        country = self.adjectives.get(fold_key(nat), "") or self.country_of(tokens(nat, at)) if nat else ""
        if nat and not country:
            role = f"{nat}{role}"
        if m.group("owner"):
            at = cand.sentence.start + m.start("owner")
            known = self.known_at(at, at + len(m.group("owner")))
            if known is not None and known.entry.kind == "place":
                country = country or known.entry.country
        self.set_role(cand, normalise_role(role), "", country)

    def role_of(self, cand: PersonCandidate, nat: str | None, role: str, prep: str, org: str) -> None:
        role, country = normalise_role(role), self.adjectives.get(fold_key(nat or ""), "")
        if nat and not country:
            role = normalise_role(f"{nat}{role}")
        # "Chief of Defence of Denmark": the trailing country is not part of the title.
        if m := re.search(r"\s+of\s+(?:the\s+)?(\S+)$", org):
            code = self.country_in(m.group(1))
            if code and not any(w in ORG_HEADS for w in fold_key(org[: m.start()]).split()):
                org, country = org[: m.start()], country or code
        # "the commander of the 2nd Infantry Brigade of the Latvian Land Forces": he commands the unit.
        if (u := _UNIT_OF.match(org)) is not None and _NUMBERED.search(u.group("unit")):
            org, country = u.group("unit"), country or self.country_in(u.group("parent"))
        words = fold_key(org).split()
        generic = bool(words) and words[0] in ORG_HEADS and self.country_in(org) == ""
        if generic and (named := self.named_before(org, cand.sentence.start)):
            org, generic = named, False  # "a spokesperson for the Ministry of Defence" after "the Defence Ministry"
        # A proper name of two or more words ("Vėjas Robotics") is a body even without a head word.
        proper = len(words) >= 2 and any(w not in TITLE_QUALIFIERS and w not in CONNECTORS for w in words)
        if (
            not (any(w in ORG_HEADS for w in words[-1:]) or proper) or "staff" in words
            # A member belongs to the body by definition; "the Ministry of X" without a country says too little.
            or fold_key(role).endswith("member") or generic
        ):
            role, org = normalise_role(f"{role} {prep} {org}"), ""
        self.set_role(cand, role, org, country)

    def named_before(self, org: str, before: int) -> str:
        """The name an earlier sentence gave this body, worded either way ("Defence Ministry" for "Ministry of Defence")."""
        key = ministry_key(fold_key(org))
        for o in self.orgs:
            other = ministry_key(fold_key(o.name))
            if o.start < before and (other == key or other.endswith(" " + key)):
                return o.name
        return ""

    def set_role(self, cand: PersonCandidate, role: str, org: str, country: str = "") -> None:
        if not cand.role or _rank_only(cand.role):
            cand.role = role
        cand.organization = cand.organization or org
        if not cand.country:
            named = next((o.country for o in self.orgs if o.name == org and o.country), "")  # "the US 1st ... Division"
            cand.country = country or self.country_in(org) or named

    def nominal_org(self, noun: str, before: int) -> tuple[str, str]:
        """"the brigade" -> the last organisation named before with that word ("Panzer Brigade 45")."""
        word = fold_key(noun)
        if word not in ORG_HEADS and word not in _GENERIC_BODIES:
            return "", ""
        named = [(o.start, o.name, o.country) for o in self.orgs if o.start < before]
        named += [(m.start, m.entry.name, m.entry.country) for m in self.known
                  if m.entry.kind == "organization" and m.start < before]
        for _start, name, country in sorted(named, reverse=True):
            if word in _GENERIC_BODIES or word in fold_key(name).split():
                return name, country
        return "", ""

    def org(self, sent: Sentence, run: list[Token]) -> None:
        words = list(run)
        # Role words in lower case open a title, not a name: "deputy chief of the Finnish Border Guard".
        while words and not words[0].is_upper and (
            words[0].lower in COMMON or words[0].lower in PERSON_TITLES or words[0].lower in CONNECTORS
            or not words[0].is_cap
        ):
            words = words[1:]
        if not words:
            return
        lows = [w.lower for w in words]
        # "Soldiers of Brigade 12" at the start of a sentence: the opener is not part of the name.
        if (
            len(words) > 2 and words[0].start == sent.start and lows[1] == "of" and lows[0] not in ORG_HEADS
            and any(w in ORG_HEADS for w in lows[2:])
        ):
            words = words[3:] if lows[2] == "the" else words[2:]
            lows = [w.lower for w in words]
        if not words:
            return
        name = self.doc.text[words[0].start : words[-1].end]
        if fold_key(name) in self.publication:
            return
        # A company named by what it is ("the drone maker Granta Autonomy") or by a corporate word at the end
        # of two or more words ("Proteus Advanced Systems", "ST Engineering").
        introduced = _COMPANY_NOUN.search(self.doc.text, sent.start, words[0].start) is not None
        whole = self.known_at(words[0].start, words[-1].end)
        if whole is not None and whole.start <= words[0].start and whole.end >= words[-1].end:
            introduced = False  # "the battle group in Lithuania": a place stays a place
        if (introduced and words[-1].is_cap) or (len(words) > 1 and lows[-1] in CORPORATE):
            start, end = words[0].start, words[-1].end
            self.orgs.append(OrgCandidate(self.doc.text[start:end], start, end, sent, self.country_of(words)))
            return
        if len(words) == 1:
            if lows[0] in STANDALONE_ORGS:
                self.orgs.append(OrgCandidate(name, words[0].start, words[0].end, sent))
            return
        if not any(w in ORG_HEADS for w in lows) and not any(w in STANDALONE_ORGS for w in lows):
            return
        # Trailing ranks and names belong to a person, not the institution.
        last = max(i for i, w in enumerate(lows) if w in ORG_HEADS or w in STANDALONE_ORGS)
        while last + 1 < len(words) and (lows[last + 1] in CONNECTORS or words[last + 1].is_cap):
            if lows[last + 1] in RANKS:
                break
            last += 1
        while lows[last] in CONNECTORS:
            last -= 1
        words = words[: last + 1]
        start, end = words[0].start, words[-1].end
        # Units are numbered: "Panzer Brigade 45", "45th Panzer Brigade".
        if lows[last] in _UNIT_HEADS and (m := re.match(r" (\d+)\b", self.doc.text[end : end + 8])):
            end += m.end()
        unit_country = ""
        if m := re.search(r"\b\d+(?:st|nd|rd|th) $", self.doc.text[max(0, start - 8) : start]):
            start -= len(m.group())
            # "the German 45th Panzer Brigade", "the US 1st Infantry Division": the country whose unit it is.
            if (c := re.search(r"(?<![\w-])([A-Z][\w-]*) $", self.doc.text[max(sent.start, start - 20) : start])):
                at = start - len(c.group())
                unit_country = self.country_of(tokens(c.group(1), at))
        # "State Fire and Rescue Service": capitalised words joined by "and" right before the head's run.
        if (m := _AND_BEFORE.search(self.doc.text, sent.start, start)) and m.end() == start and not any(
            (k := self.known_at(t.start, t.end)) is not None and k.form != "adjective"
            for t in tokens(m.group(1), m.start())
        ):
            joined = [t for t in tokens(m.group(1), m.start())]
            while joined and joined[0].lower in COMMON:
                joined = joined[1:]
            start = joined[0].start if joined else start
        name = self.doc.text[start:end]
        # "2nd Infantry Brigade of the Latvian Land Forces": a numbered unit and the body it belongs to.
        # Also a named unit of an armed force: "Air Defence Battalion of the Latvian National Armed Forces".
        if (m := _UNIT_OF.match(name)) is not None and (
            _NUMBERED.search(m.group("unit"))
            or (len(m.group("unit").split()) >= 2 and fold_key(m.group("parent")).split()[-1] in _ARMED_FORCES)
        ):
            unit_end, parent_start = start + m.end("unit"), start + m.start("parent")
            self.orgs.append(OrgCandidate(m.group("unit"), start, unit_end, sent, self.country_of(tokens(name, start))))
            start = parent_start
            name = self.doc.text[start:end]
        self.orgs.append(OrgCandidate(name, start, end, sent, self.country_of(tokens(name, start)) or unit_country))

    def title_org(self, sent: Sentence, run_start: int, cand: PersonCandidate) -> None:
        """The organisation named inside a title ("NATO Secretary General", "Commander of the X")."""
        name = cand.organization
        at = self.doc.text.find(name, run_start, sent.end)
        if at < 0:
            return
        lows = fold_key(name).split()
        if len(lows) == 1 or any(w in ORG_HEADS for w in lows):
            self.orgs.append(OrgCandidate(name, at, at + len(name), sent, self.country_of(tokens(name, at))))

    def acronyms(self, sent: Sentence) -> None:
        if sum(c.isupper() for c in sent.text) > 0.6 * sum(c.isalpha() for c in sent.text):
            return  # an all-caps line: every word looks like an acronym
        taken = [(o.start, o.end) for o in self.orgs]
        toks = tokens(sent.text, sent.start)
        for i, tok in enumerate(toks):
            letters = sum(c.isalpha() for c in tok.text)
            if not tok.is_upper or tok.lower in ACRONYM_STOP or (letters < 3 and tok.text not in {"EU", "UN"}):
                continue
            # Next to a model designation ("IRIS-T SLM", "CV90 MkIV"): a product name, not an institution.
            prev, nxt = toks[i - 1] if i else None, toks[i + 1] if i + 1 < len(toks) else None
            if (prev and prev.end + 1 >= tok.start and _DESIGNATION.match(prev.text)) or (
                nxt and tok.end + 1 >= nxt.start and _DESIGNATION.match(nxt.text)
            ):
                continue
            if any(s <= tok.start < e for s, e in taken) or self.known_at(tok.start, tok.end):
                continue
            self.orgs.append(OrgCandidate(tok.text, tok.start, tok.end, sent))

    def run(self) -> None:
        for sent in self.doc.sentences:
            if sent.paragraph < 0:
                continue  # headlines are title-cased: every word looks like a name
            for run in self.runs(sent):
                if not self.person(sent, run):
                    self.org(sent, run)
                elif self.people[-1].organization:
                    self.title_org(sent, run[0].start, self.people[-1])
            self.acronyms(sent)


def detect(doc: Document, known: list[Match], *, publication: str = "") -> tuple[list[PersonCandidate], list[OrgCandidate]]:
    """People and organisations named in the story's own shapes (known or not)."""
    detector = _Detector(doc, known, publication)
    detector.run()
    return detector.people, detector.orgs
