"""Where the story's claims come from: "according to X", "as reported by X's press service"...

A cue phrase names the source X. X may be a known source or organisation, a
news outlet, an agency or an institution's press service. People ("according
to the Lithuanian Defence Minister") and the publication itself ("as we
reported") are never sources. An official document ("published as a white paper by X", "X wrote in its
annual threat assessment", "which cited an internal X assessment") is a source of kind official_document
named "<issuer> <document>" ("X white paper", "X annual threat assessment"), with the issuer as organisation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .authority import AuthorityEntry, AuthorityIndex
from .entities import ORG_HEADS, PERSON_TITLES, STANDALONE_ORGS
from .text import Document, fold_key

__all__ = ["MEDIA", "SourceFinding", "detect"]

# Outlets and agencies of the beat; kind by folded name.
MEDIA: dict[str, str] = {
    fold_key(name): kind
    for kind, names in {
        "news_agency": (
            "BNS", "Baltic News Service", "ELTA", "LETA", "PAP", "Reuters", "AP", "Associated Press", "AFP",
            "Agence France-Presse", "Ukrinform", "Interfax", "TASS", "RIA Novosti", "STT", "TT", "DPA", "UNIAN",
            "Bloomberg", "ANSA", "EFE", "Anadolu", "Ritzau", "NTB", "Ritzaus Bureau",
        ),
        "news_outlet": (
            "LRT", "LRT.lt", "ERR", "ERR News", "LSM", "LSM.lv", "Delfi", "Postimees", "Yle", "SVT", "DR", "NRK",
            "TVP", "BBC", "CNN", "Politico", "Financial Times", "The Guardian", "Guardian", "New York Times",
            "The New York Times", "Wall Street Journal", "The Wall Street Journal", "Washington Post",
            "Der Spiegel", "Spiegel", "Bild", "Meduza", "Defense News", "Breaking Defense", "Lrytas", "15min",
            "Diena", "Latvijas Radio", "Kyiv Independent", "Helsingin Sanomat", "Dagens Nyheter",
            "Aftonbladet", "Euronews", "Deutsche Welle", "DW", "Radio Free Europe", "RFE/RL", "Rzeczpospolita",
            "Gazeta Wyborcza", "Onet", "Iltalehti", "Ilta-Sanomat", "The Economist", "Newsweek", "Axios",
            "Al Jazeera", "Sky News", "Le Monde", "Die Welt", "Frankfurter Allgemeine", "Baltic Times",
            "The Baltic Times", "Apollo", "TV3", "LNT", "Rus.Delfi", "TV 2", "Jyllands-Posten", "Berlingske",
            "Politiken", "VG", "Aftenposten", "Svenska Dagbladet", "Expressen", "Hufvudstadsbladet", "Kauppalehti",
            "Eesti Päevaleht", "Õhtuleht", "Lietuvos rytas", "Vilniaus diena", "Kauno diena", "Neatkarīgā",
            "Polsat", "RMF FM", "Wirtualna Polska", "Interia", "Ukrainska Pravda", "Frankfurter Allgemeine Zeitung",
            "Süddeutsche Zeitung", "Tagesschau", "ARD", "ZDF", "Delfi.lt", "Delfi.ee", "Delfi.lv", "Err.ee",
        ),
    }.items()
    for name in names
}
_MEDIA_WORDS = frozenset("news times post radio television tv broadcaster broadcasting herald gazette journal "
                         "daily press portal media".split())
_DESCRIPTORS = (
    r"(?i:(?:(?:public|national|state|private|daily|online|news|business|local|swedish|finnish|lithuanian|latvian|"
    r"estonian|polish|german|russian|ukrainian|american|british)\s+)*"
    r"(?:news\s+agency|news\s+portal|news\s+outlet|agency|portal|broadcaster|newspaper|daily|outlet|website|"
    r"weekly|radio|television|channel|publication|magazine|tv)\s+)"
)
# A capitalised word; an inner apostrophe only before a capital ("O'Neill", not "Defence's").
_CAP = r"[A-Z\u00C0-\u024F0-9][\w.&/-]*(?:['’][A-Z][\w-]*)?"
_RUN = rf"{_CAP}(?:\s+(?:(?:of|for|the|de)\s+){{0,2}}{_CAP})*"
_PRESS = r"press\s+(?:service|office|centre|center|department)"
_X = (
    rf"(?:(?:the|a|an)\s+)?(?P<desc>{_DESCRIPTORS})?"
    rf"(?:(?P<ps1>{_PRESS})\s+of\s+(?:the\s+)?)?(?P<name>{_RUN})"
    rf"(?P<poss>['’]s?)?(?:\s+(?P<ps2>{_PRESS}))?(?=[\s,.;:!?)\"”]|$)"
)
_RELEASE = r"(?:press\s+release|statement)\s+(?:from|by|of|issued\s+by|published\s+by)"
_AFTER_CUES = re.compile(
    rf"\b(?P<cue>(?:[Aa]s\s+)?(?:previously\s+|earlier\s+|first\s+)?reported\s+by|[Aa]ccording\s+to|"
    rf"[Ii]n\s+an?\s+interview\s+(?:with|to)|[Tt]old|[Cc]iting|[Cc]ited\s+by|[Qq]uoted\s+by|"
    rf"(?:[Aa]ccording\s+to\s+)?(?:[Aa]|[Tt]he|[Ii]n\s+a)\s+{_RELEASE})\s+{_X}"
)
# "according to a statement published by the college": the body named by a common noun.
_NOMINAL_CUES = re.compile(
    rf"\b(?P<cue>(?:[Aa]ccording\s+to\s+)?(?:[Aa]|[Tt]he|[Ii]n\s+a)\s+{_RELEASE}\s+the\s+(?P<noun>[a-z]+)"
    rf"|[Aa]ccording\s+to\s+the\s+(?P<noun2>[a-z]+(?:\s+[a-z]+)?))\b(?!\s+(?:of|for)\b)"
    # "..., the ministry said": the body named before speaks for itself.
    rf"|(?<=,\s)(?P<cue3>the\s+(?P<noun3>[a-z]+)\s+(?:said|announced|confirmed|stated)\b)"
)
# "in what the ministry called the largest drill": the institution's own words.
_WHAT_CALLED = re.compile(rf"\b(?P<cue>in\s+what\s+{_X}\s+(?:called|described\s+as|termed))")
# Posts on social networks: "wrote on X", "said on Telegram".
_SOCIAL = re.compile(
    r"\b(?P<cue>(?:wrote|posted|said|announced|stated)\s+(?:in\s+a\s+post\s+)?on\s+"
    r"(?P<name>X|Twitter|Facebook|Telegram|LinkedIn|Instagram|Bluesky|YouTube|TikTok))\b"
)
# A news agency credited in parentheses at the end of a sentence: "..., the ministry said (BNS)."
_AGENCY_CREDIT = re.compile(r"\((?P<name>[A-Z][A-Za-z]{1,11})\)\W*$")
# An outlet's own reporting, named in the possessive: "Delfi's sources in the ministry said", "LSM's correspondent
# at the base reported", "Postimees' sources in the government".
_OUTLET_POSSESSIVE = re.compile(
    rf"(?:^|(?<=[\s(\"“]))(?P<cue>(?:the\s+|The\s+)?(?P<name>{_RUN})['’]s?\s+(?:own\s+)?"
    rf"(?:sources?|correspondents?|reporters?|journalists?|investigation|findings|editorial\s+team)\b"
    rf"(?:[^.,;:\"“”]{{0,60}}?\s(?:said|say|says|reported|reports|saw|learned|learnt|wrote|found|confirmed))?)"
)
_BEFORE_CUES = re.compile(
    rf"(?:^|(?<=[\s(\"“]))(?:(?:the|The)\s+)?(?P<desc>{_DESCRIPTORS})?(?P<name>{_RUN})(?P<poss>['’]s?)?"
    rf"(?:\s+(?P<ps2>{_PRESS}))?\s+(?:has\s+|had\s+|also\s+)?"
    rf"(?P<verb>reported|reports|wrote|writes|informed|informs|"
    rf"(?:said|stated|announced|noted)\s+in\s+(?:a|its)\s+(?:statement|press\s+release)|"
    rf"(?P<plain>said|says|stated|announced|confirmed))\b"
)
# Official documents, named "<body> <document>" ("Norwegian Ministry of Defence white paper", "Finnish Border
# Guard assessment", "Norwegian Intelligence Service annual threat assessment"); words about the copy rather
# than the kind of document ("an internal", "a new") are left out.
_DOC = r"(?:white\s+paper|report|assessment|review|strategy|yearbook|analysis|study|memo|memorandum|audit|survey|estimate)"
_DOC_STATUS = r"(?:(?:internal|new|latest|recent|confidential|classified|leaked|draft|secret)\s+)*"
_DOC_CUES = (
    # "published as a white paper by the Norwegian Ministry of Defence"
    re.compile(rf"\b(?P<cue>(?:published|released|presented|issued)\s+as\s+(?:an?|the)\s+{_DOC_STATUS}"
               rf"(?P<doc>(?:[a-z-]+\s+){{0,2}}?{_DOC})\s+(?:by|of)\s+(?:the\s+)?(?P<name>{_RUN}))"),
    # "which cited an internal Finnish Border Guard assessment", "according to a Latvian Army report"
    re.compile(rf"\b(?P<cue>(?:[Ww]hich\s+)?(?:cited|citing|quoted|quoting|[Aa]ccording\s+to)\s+(?:an?|the)\s+"
               rf"{_DOC_STATUS}(?P<name>{_RUN})(?:['’]s)?\s+(?P<doc>(?:[a-z-]+\s+){{0,2}}?{_DOC}))\b"),
    # "The Norwegian Intelligence Service wrote in its annual threat assessment"
    re.compile(rf"(?:^|(?<=[\s(]))(?P<cue>(?:(?:the|The)\s+)?(?P<name>{_RUN})\s+(?:wrote|said|stated|warned|concluded|"
               rf"noted|found)\s+in\s+(?:its|their|a|an|the)\s+{_DOC_STATUS}(?P<doc>(?:[a-z-]+\s+){{0,2}}?{_DOC}))\b"),
)
_ATTRIBUTION = (
    ("press release", "press_release"),
    ("statement", "statement"),
    ("according", "according_to"),
    ("reported by", "as_reported_by"),
    ("cited by", "as_reported_by"),
    ("quoted by", "as_reported_by"),
    ("interview", "interview"),
    ("told", "interview"),
    ("press release", "press_release"),
    ("statement", "statement"),
    ("citing", "according_to"),
    ("report", "reported"),
    ("wrote", "reported"),
    ("writes", "reported"),
    ("inform", "reported"),
)


@dataclass(slots=True)
class SourceFinding:
    entry: AuthorityEntry | None
    name: str
    kind: str
    attribution: str
    cue: str
    evidence: str
    organization: str = ""
    organization_entry: AuthorityEntry | None = None


def _media(key: str) -> str | None:
    """Kind of a known outlet, also for its editions and services ("Svenska Yle", "LRT Radio")."""
    if key in MEDIA:
        return MEDIA[key]
    words = key.split()
    for n in range(len(words) - 1, 0, -1):
        for part in (" ".join(words[-n:]), " ".join(words[:n])):
            if part in MEDIA and len(part) > 2:
                return MEDIA[part]
    return None


def _attribution(cue: str) -> str:
    low = cue.lower()
    for word, kind in _ATTRIBUTION:
        if word in low:
            return kind
    return "other"


class _Sources:
    def __init__(
        self, doc: Document, index: AuthorityIndex, person_spans: list[tuple[int, int]], publication: str,
        orgs: list[tuple[int, str]] = (),
    ):
        self.orgs = sorted(orgs, reverse=True)
        self.doc = doc
        self.index = index
        self.person_spans = person_spans
        pub = fold_key(publication)
        self.publication = {pub, re.sub(r"^the ", "", pub)}
        self.found: dict[str, SourceFinding] = {}

    def is_person(self, start: int, end: int, name: str) -> bool:
        if any(s < end and start < e for s, e in self.person_spans):
            return True
        words = fold_key(name).split()
        return bool(words) and words[-1] in PERSON_TITLES or bool(self.index.lookup(name, "person"))

    def add(
        self, m: re.Match[str], sentence_start: int, sentence: str, cue_start: int, cue_end: int, name: str = ""
    ) -> None:
        name = name or m.group("name").rstrip(".")
        if (m.groupdict().get("desc") or "").strip().isupper():
            name = f"{m.group('desc').strip()} {name}"  # "TV 2 Bornholm": a capitalised "TV" is part of the name
        name = re.sub(r"^(?:The|the)\s+", "", name)
        key = fold_key(name)
        if not key or key in self.publication or key in {"we", "us", "it", "they", "he", "she"}:
            return
        named = "name" in m.groupdict()
        start, end = (sentence_start + m.start("name"), sentence_start + m.end("name")) if named else (0, 0)
        press = m.groupdict().get("ps2") or m.groupdict().get("ps1")
        desc = fold_key(m.groupdict().get("desc") or "")
        words = key.split()
        known = self.index.lookup(name, "source")
        org_known = self.index.lookup(name, "organization")
        media = _media(key)
        if media is None and "agency" in desc:
            media = "news_agency"
        elif media is None and (desc or words[-1] in _MEDIA_WORDS):
            media = "news_outlet"
        cue = self.doc.text[sentence_start + cue_start : sentence_start + cue_end].rstrip(".,;:")
        # Whoever issues a statement or a press release and is not a person is an institution.
        released = "statement" in cue.lower() or "press release" in cue.lower()
        looks_institutional = (
            any(w in ORG_HEADS or w in STANDALONE_ORGS for w in words) or name.isupper() or org_known or released
        )
        # "DR" is a broadcaster, not a doctor: a known outlet's name is never a title.
        if not press and not (media and not any(s < end and start < e for s, e in self.person_spans)) and \
                self.is_person(start, end, name):
            return
        if not (known or media or press or looks_institutional):
            return  # "according to Kasčiūnas", "according to data": not a source entity
        if m.groupdict().get("plain") and not (press or looks_institutional) and not known:
            return  # "X said": a source only when X is a press office or an institution
        finding = SourceFinding(None, name, "news_outlet", _attribution(cue), cue, sentence)
        if press:
            finding.organization = name
            finding.organization_entry = org_known[0] if org_known else None
            finding.name = f"{name} {' '.join(fold_key(press).split())}"
            finding.kind = "press_office"
            office = self.index.press_office_of(org_known[0]) if org_known else None
            candidates = [office] if office else self.index.lookup(finding.name, "source")
            finding.entry = candidates[0] if candidates else None
        elif known:
            finding.entry = known[0]
            finding.name = known[0].name
            finding.kind = known[0].source_kind or media or "news_outlet"
        elif media:
            finding.kind = media
        elif looks_institutional:
            # An institution speaking for itself: its press office.
            finding.kind = "press_office"
            finding.organization = name
            finding.organization_entry = org_known[0] if org_known else None
            office = self.index.press_office_of(org_known[0]) if org_known else None
            finding.entry = office
            finding.name = office.name if office else f"{name} press office"
        if finding.attribution == "interview" and not (media or known):
            return  # "told the minister": an interview needs an outlet
        self.found.setdefault(fold_key(finding.name), finding)

    def body(self, noun: str, before: int) -> str:
        """"the college" -> the last organisation named before whose name has that word."""
        words = fold_key(noun).split()
        if not words or words[-1] not in ORG_HEADS:
            return ""
        for start, name in self.orgs:
            key = f" {fold_key(name)} "
            if start < before and f" {' '.join(words)} " in key:
                return name
        return ""

    def document(self, m: re.Match[str], sentence: str) -> bool:
        """An official document of an institution; False when the issuer is not one."""
        name = re.sub(r"^(?:The|the)\s+", "", m.group("name").rstrip("."))
        words = fold_key(name).split()
        if not words or not (any(w in ORG_HEADS or w in STANDALONE_ORGS for w in words) or name.isupper()
                             or self.index.lookup(name, "organization")):
            return False
        doc = " ".join(m.group("doc").split())
        cue = m.group("cue")
        finding = SourceFinding(None, f"{name} {doc}", "official_document", _attribution(cue), cue, sentence,
                                organization=name)
        org_known = self.index.lookup(name, "organization")
        finding.organization_entry = org_known[0] if org_known else None
        self.found.setdefault(fold_key(finding.name), finding)
        return True

    def scan(self) -> list[SourceFinding]:
        text = self.doc.text
        for sent in self.doc.sentences:
            if sent.paragraph < 0:
                continue
            s = text[sent.start : sent.end]
            documents = [(m.start(), m.end()) for pattern in _DOC_CUES for m in pattern.finditer(s) if self.document(m, s)]
            m = _AGENCY_CREDIT.search(s)
            if m and MEDIA.get(fold_key(m.group("name"))) == "news_agency":
                name = m.group("name")
                self.found.setdefault(fold_key(name), SourceFinding(None, name, "news_agency", "other", m.group(0).rstrip(".!?\"” "), s))
            for m in _OUTLET_POSSESSIVE.finditer(s):
                name = re.sub(r"^(?:The|the)\s+", "", m.group("name"))
                kind = _media(fold_key(name))
                if kind:
                    documents.append((m.start(), m.end()))  # "sources in the General Staff said": not the staff's office
                    self.found.setdefault(fold_key(name), SourceFinding(None, name, kind, "reported", m.group("cue"), s))
            for m in _AFTER_CUES.finditer(s):
                if any(a <= m.start("cue") < b for a, b in documents):
                    continue  # "according to a Latvian Army report": the report is the source
                self.add(m, sent.start, s, m.start("cue"), m.end())
            for m in _BEFORE_CUES.finditer(s):
                if any(a <= m.start("name") < b for a, b in documents):
                    continue
                end = m.end("ps2") if m.group("ps2") else m.end("poss") if m.group("poss") else m.end("name")
                self.add(m, sent.start, s, m.start(), max(end, m.end("verb")))
            for m in _NOMINAL_CUES.finditer(s):
                body = self.body(m.group("noun") or m.group("noun2") or m.group("noun3"), sent.start + m.start())
                if body:
                    group = "cue3" if m.group("cue3") else "cue"
                    self.add(m, sent.start, s, m.start(group), m.end(group), name=body)
            for m in _WHAT_CALLED.finditer(s):
                self.add(m, sent.start, s, m.start("cue"), m.end("cue"))
            for m in _SOCIAL.finditer(s):
                name = m.group("name")
                cue = m.group("cue")
                self.found.setdefault(fold_key(name), SourceFinding(None, name, "social_media", "other", cue, s))
        return list(self.found.values())


def detect(
    doc: Document, index: AuthorityIndex, *, person_spans: list[tuple[int, int]], publication: str,
    orgs: list[tuple[int, str]] = (),
) -> list[SourceFinding]:
    """`orgs`: (offset, name) of the story's organisations, for bodies named by a common noun."""
    return _Sources(doc, index, person_spans, publication, orgs).scan()
