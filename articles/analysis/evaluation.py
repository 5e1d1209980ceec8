"""Precision and recall of an Analysis against an editor's gold file.

Gold format: see shared/reference/*.gold.json. Names compare folded (case,
diacritics, a leading "the", a possessive). Items an editor marked optional
(`organizations_optional`, quotes with `"optional": true`) are neither
required nor counted as false positives.

General equivalences (wording, not content):
- roles compare in the canonical form of `entities.normalise_role` ("Defence Minister" ==
  "Minister of Defence", "Interior Minister" == "Minister of the Interior"), and a role with its
  organisation reads as one title ("Commander" at "Estonian Defence Forces" == "Commander of the
  Estonian Defence Forces");
- a source's cue may be written with more or fewer of the surrounding words (the subject, a time
  phrase: "told LSM" == "Defence Minister Ilze Bērziņa told LSM"); name and kind must still agree.
"""

from __future__ import annotations

import re

from . import Analysis
from .text import fold_key

__all__ = ["Score", "evaluate"]

Score = tuple[int, int, int, float, float]  # tp, fp, fn, precision, recall


def _norm(text: str) -> str:
    key = fold_key(text)
    key = re.sub(r"^the\s+", "", key)
    key = re.sub(r"'s?\b", "", key)
    return re.sub(r"\s+(?:that|,)$", "", key).strip(" ,.")


def _role(text: str) -> str:
    from .entities import normalise_role

    # "Minister of National Defence" is the official name of the Minister of Defence (Lithuania, Poland).
    return re.sub(r"\bof national defen[cs]e\b", "of defence", _norm(normalise_role(text)))


def _roles_agree(gold: str, role: str, organization: str) -> bool:
    """Same title in canonical form; a role and its organisation also read as "<role> of the <organisation>"."""
    want = _role(gold)
    if want == _role(role):
        return True
    joined = {_role(f"{role} {prep} {organization}") for prep in ("of the", "of", "for the", "for")}
    return bool(role and organization) and want in joined


def _cues_agree(gold: str, cue: str) -> bool:
    a, b = f" {_norm(gold)} ", f" {_norm(cue)} "
    return a == b or (len(b.split()) >= 2 and b in a) or (len(a.split()) >= 2 and a in b)


def _source_name(name: str, kind: str) -> str:
    # A press office is named after its institution: "X", "X press office" and "X press service" are one source.
    key = _norm(name)
    if kind.replace(" ", "_") == "press_office":
        key = re.sub(r"\s+press\s+(?:office|service|centre|center|department)$", "", key)
    return key


def _score(tp: int, fp: int, fn: int) -> Score:
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return tp, fp, fn, round(precision, 3), round(recall, 3)


def _match(predicted: list[str], gold: list[dict], optional: list[str]) -> Score:
    """One-to-one: exact names first, then other spellings; optional items are ignored."""
    names = [{_norm(g["name"])} for g in gold]
    spellings = [{_norm(a) for a in g.get("also_written", ())} for g in gold]
    skip = {_norm(o) for o in optional}
    used: set[int] = set()
    tp = fp = 0
    pending: list[str] = []
    for p in map(_norm, predicted):
        i = next((i for i, n in enumerate(names) if i not in used and p in n), None)
        if i is None:
            pending.append(p)
        else:
            used.add(i)
            tp += 1
    for p in pending:
        i = next((i for i, s in enumerate(spellings) if i not in used and p in s), None)
        if i is not None:
            used.add(i)
            tp += 1
        elif p not in skip:
            fp += 1
    return _score(tp, fp, len(gold) - len(used))


def evaluate(predicted: Analysis, gold: dict, *, article_slugs: dict[int, str] | None = None) -> dict[str, Score]:
    out: dict[str, Score] = {}
    for kind, key in (("people", "person"), ("organizations", "organization"), ("places", "place")):
        names = [m.name for m in predicted.mentions if m.kind == key]
        optional = gold.get(f"{kind}_optional", [])
        out[kind] = _match(names, gold.get(kind, []), optional)

    # People's details: role and country of each matched person.
    details_tp = details_fn = 0
    for g in gold.get("people", []):
        want = {_norm(g["name"]), *(_norm(a) for a in g.get("also_written", ()))}
        p = next((m for m in predicted.mentions if m.kind == "person" and _norm(m.name) in want), None)
        ok = (
            p is not None
            and ("role" not in g or _roles_agree(g["role"], p.role, p.organization))
            # "of" names the person's country, or the organisation the role belongs to.
            and (not g.get("of") or _norm(g["of"]) in {_country_name(p.country), _norm(p.organization)})
        )
        details_tp += ok
        details_fn += not ok
    out["people_details"] = _score(details_tp, 0, details_fn)

    # Sources: name, kind and cue must agree.
    gold_sources = gold.get("sources", [])
    used: set[int] = set()
    tp = fp = 0
    for s in predicted.sources:
        i = next(
            (
                i
                for i, g in enumerate(gold_sources)
                if i not in used
                and _source_name(g["name"], g.get("kind", "")) == _source_name(s.name, s.kind)
                and g.get("kind", "").replace(" ", "_") == s.kind
                and _cues_agree(g.get("cue", s.cue), s.cue)
            ),
            None,
        )
        if i is None:
            fp += 1
        else:
            used.add(i)
            tp += 1
    out["sources"] = _score(tp, fp, len(gold_sources) - len(used))

    # Quotes: the gold gives the opening words; the speaker must be right.
    gold_quotes = gold.get("quotes", [])
    used = set()
    tp = fp = 0
    for q in predicted.quotes:
        text = _norm(q.text)
        i = next((i for i, g in enumerate(gold_quotes) if i not in used and text.startswith(_norm(g["starts"]))), None)
        if i is None:
            fp += 1
        elif _norm(gold_quotes[i]["speaker"]) == _norm(q.speaker_name):
            used.add(i)
            tp += not gold_quotes[i].get("optional")
        elif not gold_quotes[i].get("optional"):
            fp += 1
    required = sum(1 for i, g in enumerate(gold_quotes) if not g.get("optional"))
    out["quotes"] = _score(tp, fp, required - sum(1 for i in used if not gold_quotes[i].get("optional")))

    # Reported earlier: the anchor must be the cue; the target, when the gold names it.
    gold_refs = gold.get("reported_earlier", [])
    used = set()
    tp = fp = 0
    for r in predicted.references:
        slug = (article_slugs or {}).get(r.article_id)
        i = next(
            (
                i
                for i, g in enumerate(gold_refs)
                if i not in used
                and _norm(g["cue"]) == _norm(r.anchor_text)
                and ("points_to_slug" not in g or g["points_to_slug"] == slug)
            ),
            None,
        )
        if i is None:
            fp += 1
        else:
            used.add(i)
            tp += 1
    out["reported_earlier"] = _score(tp, fp, len(gold_refs) - len(used))
    return out


def _country_name(code: str) -> str:
    from .gazetteer import gazetteer_entries

    for e in gazetteer_entries():
        if e.place_kind == "country" and e.country == code:
            return _norm(e.name)
    return ""
