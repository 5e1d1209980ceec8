"""Direct quotations and who said them.

The attribution sits right after the quote (`"...," Kasčiūnas stated`,
`"...," noted Laurynas Kasčiūnas`, `"...", he said`) or right before it
(`Laine said: "..."`). A partial quote inside reported speech gets a speaker
only when the sentence names exactly one person just before it; otherwise it
is left out, because a wrong speaker is worse than none.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .entities import _nonname
from .people import People, Person, Spans
from .text import MAX_SENTENCE_LENGTH, SPEECH_VERBS, Document, tokens

__all__ = ["QuoteFinding", "detect"]

_QUOTE = re.compile(r"[\"“](?P<q>[^\"“”\n]+)[\"”]")
_PARTICLE = r"(?:von|van|der|den|de|da|di|du|la|le|af|zu|ter|ten|del)\s+"
# A name may open with particles ("von der Schulenburg said") and hold them ("Joost van den Berg").
_NAME = (
    rf"(?:{_PARTICLE}){{0,2}}[A-Z\u00C0-\u024F][\w’'-]*"
    rf"(?:\s+(?:{_PARTICLE}){{0,2}}[A-Z\u00C0-\u024F][\w’'-]*){{0,5}}"
)
_NOMINAL = (
    r"(?:[Tt]he|[Hh]is|[Hh]er)\s+(?:[\w-]+\s+){0,4}?(?P<head>(?i:minister|commander|president|general|colonel|"
    r"spokesperson|spokesman|spokeswoman|chief|head|ambassador|secretary|admiral|director|official|mayor))"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)?"
)
_PRONOUN = r"(?P<pron>[Hh]e|[Ss]he)"
# A title with "of" before the name ("Vice-Minister of National Defence Vaidotas Juškėnas said"): the name's
# capitalised words are matched from the title's last word on, and the mention found there is the speaker.
# Two titles joined by "and" read as one ("Deputy Prime Minister and Minister of National Defence X said").
_TITLE_OF = r"[A-Z][\w.’'-]*\s+(?:(?:[A-Z][\w.’'-]*|and)\s+){0,5}(?:of|for)\s+(?:the\s+)?"
_WHO = rf"(?P<who>{_PRONOUN}|{_NOMINAL}|(?:{_TITLE_OF})?{_NAME})"
_ADVERB = r"(?:also\s+|then\s+|later\s+|further\s+|has\s+|had\s+)?"
_VERB_THEN_WHO = re.compile(rf"^[\s,.!?]*(?P<cue>(?P<verb>{SPEECH_VERBS})\s+{_WHO})")
_WHO_THEN_VERB = re.compile(rf"^[\s,.!?]*(?P<cue>{_WHO}\s+{_ADVERB}(?P<verb>{SPEECH_VERBS}))\b")
# `"...," Dainius Kairys, the chief executive of the company, stated.`
_WHO_APPOSITIVE_VERB = re.compile(
    rf"^[\s,.!?]*(?P<cue>{_WHO},\s+(?:the|a|an|his|her|its|their)\s+[^,\"“”.;:]{{1,120}},\s+{_ADVERB}"
    rf"(?P<verb>{SPEECH_VERBS}))\b"
)
# `"...," the mayor of Bornholm, Jens Holm-Andersen, said.`: the title comes first, set off by commas.
_TITLE_WHO_VERB = re.compile(
    rf"^[\s,.!?]*(?P<cue>(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+[^,\"“”.;:]{{1,100}},\s+{_WHO},\s+"
    rf"{_ADVERB}(?P<verb>{SPEECH_VERBS}))\b"
)
_BEFORE = re.compile(rf"(?P<cue>{_WHO}\s+{_ADVERB}(?P<verb>{SPEECH_VERBS}))\b[^\"“”.]{{0,60}}?[:,]\s*$")
# `X, deputy chief of the Y, confirmed the reports: "..."`: a name with an appositive, then a colon.
_BEFORE_APPOSITIVE = re.compile(
    rf"(?P<cue>{_WHO},\s+[^,\"“”.;:]{{1,120}},\s+{_ADVERB}(?P<verb>{SPEECH_VERBS}))\b[^\"“”.]{{0,60}}?:\s*$"
)
# A name-like pair of capitalised words set off by a comma or followed by a speech verb ("Oleksii Kovalenko, ...").
_NAME_LIKE = re.compile(
    rf"(?<![\w’'-])(?<!the )(?<!The )([A-Z\u00C0-\u024F][\w’'-]+\s+[A-Z\u00C0-\u024F][\w’'-]+)(?=,\s|\s+(?:{SPEECH_VERBS})\b)"
)
_ACCORDING = re.compile(rf"(?P<cue>[Aa]ccording\s+to\s+{_WHO})\s*,\s*$")
_PARTIAL_GAP_WORDS = 6
# How far before a quote its attribution can start: a name, its title or
# apposition (up to 120 characters) and the speech verb's clause (up to 60).
_ATTRIBUTION_REACH = 300


@dataclass(slots=True)
class QuoteFinding:
    text: str
    speaker: Person | None
    speaker_name: str
    paragraph: int
    cue: str
    start: int
    end: int


class _Quotes:
    def __init__(self, doc: Document, people: People, taken: list[tuple[int, int]] = ()) -> None:
        self.doc = doc
        self.people = people
        self.spans = Spans([])  # the quotes of the story
        self.taken = list(taken)  # spans of organisations and places: not unresolved people

    def who(self, m: re.Match[str], base: int, quote_start: int) -> Person | None:
        if m.group("pron"):
            person = self.people.last_before(quote_start, skip=self.spans)
            return None if person is not None and self.unresolved_since(person, quote_start) else person
        if m.groupdict().get("head"):
            head = m.group("head").lower()
            word = "" if head == "official" else head
            return self.people.last_before(quote_start, word, skip=self.spans)
        start, end = base + m.start("who"), base + m.end("who")
        person = self.people.at(start, end)
        if person is not None:
            return person
        name = m.group("who")
        found = self.people.in_story(name)
        if found is not None:
            return found
        entry = self.people.known(name)
        if entry is not None:
            return self.people.add(entry.name, entry, start, end, self.evidence(start))
        if len(name.split()) >= 2:
            return self.people.add(name, None, start, end, self.evidence(start))
        return None

    def unresolved_since(self, person: Person, quote_start: int) -> bool:
        """A name-like pair after the person's last mention that is nobody we know: "he" may be that one."""
        last = max(e for s, e, p in self.people.mentions if p is person and s < quote_start)
        for m in _NAME_LIKE.finditer(self.doc.text, last, quote_start):
            words = m.group(1).split()
            if any(_nonname_word(w) for w in words) or self.inside_quote(m.start()):
                continue
            if not any(s < m.end() and m.start() < e for s, e, _p in self.people.mentions) and \
                    not any(s <= m.start() < e for s, e in self.taken):
                return True
        return False

    def inside_quote(self, offset: int) -> bool:
        return offset in self.spans

    def evidence(self, offset: int) -> str:
        sent = self.doc.sentence_at(offset)
        return sent.text if sent else ""

    def attribute(self, p_start: int, p_end: int, qs: int, qe: int) -> tuple[Person | None, str] | None:
        text = self.doc.text
        # The attribution sits right beside the quote: reading no further than
        # that keeps a paragraph of many quotes linear, not quadratic.
        after = text[qe : min(p_end, qe + MAX_SENTENCE_LENGTH)]
        for pattern in (_VERB_THEN_WHO, _WHO_THEN_VERB, _WHO_APPOSITIVE_VERB, _TITLE_WHO_VERB):
            m = pattern.match(after)
            if m:
                return self.who(m, qe, qs), m.group("cue")
        before_start = max(p_start, qs - _ATTRIBUTION_REACH)
        before = text[before_start:qs]
        for pattern in (_BEFORE, _BEFORE_APPOSITIVE, _ACCORDING):
            m = pattern.search(before)
            if m:
                return self.who(m, before_start, qs), m.group("cue")
        return None

    def partial(self, qs: int, qe: int) -> tuple[Person, str] | None:
        """A phrase quoted inside reported speech: the sentence's only person right before it."""
        sent = self.doc.sentence_at(qs)
        if sent is None or qs == sent.start:
            return None
        named = {id(p): (s, e, p) for s, e, p in self.people.mentions if sent.start <= s < qs}
        if len(named) != 1:
            return None
        _s, e, person = next(iter(named.values()))
        if len(self.doc.text[e:qs].split()) > _PARTIAL_GAP_WORDS:
            return None
        return person, self.doc.text[_s:qs].strip()

    def continuation(self, prev: QuoteFinding, qs: int) -> tuple[Person, str] | None:
        """`"A," Laine said. "B."`: a quote right after an attributed one goes on in the same voice."""
        if prev.speaker is None:
            return None
        gap = self.doc.text[prev.end : qs]
        others = [p for s, _e, p in self.people.mentions if prev.end <= s < qs and p is not prev.speaker]
        if others or len(gap.split()) > len(prev.cue.split()) + 6 or not gap.rstrip().endswith((".", ":", ",")):
            return None
        return prev.speaker, prev.cue

    def next_paragraph(self, prev: QuoteFinding, i: int, qs: int) -> tuple[Person, str] | None:
        """A paragraph that opens with a quote and only goes on with the previous paragraph's closing,
        attributed quote (a quotation over several paragraphs) keeps that speaker."""
        p_start, _p_end = self.doc.paragraphs[i + 1]
        _prev_start, prev_end = self.doc.paragraphs[i]
        if prev.speaker is None or self.doc.text[p_start:qs].strip():
            return None
        # The previous paragraph ends with that quote and its attribution, nothing after.
        tail = self.doc.text[prev.end : prev_end]
        if len(tail.split()) > len(prev.cue.split()) + 8 or any(c in tail for c in "\"“”"):
            return None
        return prev.speaker, prev.cue

    def scan(self) -> list[QuoteFinding]:
        out: list[QuoteFinding] = []
        found = [
            (i, p_start, p_end, m)
            for i, (p_start, p_end) in enumerate(self.doc.paragraphs[1:])
            for m in _QUOTE.finditer(self.doc.text, p_start, p_end)
        ]
        self.spans = Spans([(m.start(), m.end()) for *_, m in found])
        for i, p_start, p_end, m in found:
            qs, qe = m.start(), m.end()
            body = m.group("q").strip().rstrip(",").strip()
            if not body:
                continue
            attributed = self.attribute(p_start, p_end, qs, qe)
            if attributed is None and out and out[-1].paragraph == i:
                attributed = self.continuation(out[-1], qs)
            if attributed is None and out and out[-1].paragraph == i - 1:
                attributed = self.next_paragraph(out[-1], i, qs)
            if attributed is None:
                attributed = self.partial(qs, qe)
            if attributed is None:
                if len(body.split()) < 8:
                    continue  # a scare quote or a title, not speech
                attributed = (None, "")
            speaker, cue = attributed
            out.append(QuoteFinding(body, speaker, speaker.name if speaker else "", i, cue, qs, qe))
        return out


def detect(doc: Document, people: People, taken: list[tuple[int, int]] = ()) -> list[QuoteFinding]:
    """`taken`: spans of known organisations and places, which are not people the story failed to recognise."""
    return _Quotes(doc, people, taken).scan()


def _nonname_word(word: str) -> bool:
    tok = tokens(word)
    return not tok or _nonname(tok[0])
