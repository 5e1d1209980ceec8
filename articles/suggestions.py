"""
The story analysis, wired to the database: build the authority index from the
authority file, find candidate earlier stories, store what the analysis
proposes as ``suggested`` links or ``Suggestion`` rows, and accept or reject
them. The analysis itself (``articles.analysis``) is pure and knows nothing of
the database.
"""

from __future__ import annotations

import contextlib
import datetime
import threading
import uuid
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from entities.models import Organization, Person, Place, Source, split_aliases
from newsroom.jobs import enqueue, uses_broker

from . import analysis
from .analysis.text import fold_key
from .link_checks import unsupported_count
from .links import link_type_by_key, link_type_of, link_types, listing_link_type, mention_types
from .models import (
    Article,
    CrossReference,
    LinkStatus,
    Quote,
    SourceAttribution,
    Suggestion,
)
from .querysets import published_q
from .services import bump_version, deferred_rendering
from .story_roles import record_story_role

AUTHORITY_GENERATION_KEY = "newsroom:authority-generation"
# The built matcher and the generation it was built for, when the cache is shared.
MATCHER_KEY = "newsroom:authority-matcher"

# How many earlier stories the "reported earlier" match compares: those sharing
# the most entities with the story, and the most recent ones.
CANDIDATES_BY_ENTITY = 300
CANDIDATES_BY_RECENCY = 100
CANDIDATE_TEXT_CHARS = 3000

_index_lock = threading.Lock()
_index_cache: dict[str, object] = {"generation": None, "index": None}


# -- the authority index ----------------------------------------------------


_batch = threading.local()


def _new_generation() -> None:
    cache.set(AUTHORITY_GENERATION_KEY, uuid.uuid4().hex, None)


def authority_changed() -> None:
    """Tell every process that the authority file changed (shared through the cache)."""
    if getattr(_batch, "depth", 0):
        _batch.pending = True
        return
    _new_generation()
    # Once more when the change is committed: another process may have rebuilt
    # its matcher in between, from the data as it was before the commit.
    transaction.on_commit(_new_generation)
    if uses_broker():
        # A worker builds the new matcher and shares it: web processes only load it.
        # (Without a broker it is built when next needed, by the process needing it.)
        enqueue(rebuild_matcher)


@contextlib.contextmanager
def authority_batch() -> Iterator[None]:
    """Many changes to the authority file, one rebuild of the matcher after them.

    Accepting a story's suggestions creates entities one after another; the
    matcher (seconds to build on a large authority file) is rebuilt once.
    """
    _batch.depth = getattr(_batch, "depth", 0) + 1
    try:
        yield
    finally:
        _batch.depth -= 1
        if not _batch.depth and getattr(_batch, "pending", False):
            _batch.pending = False
            authority_changed()


def authority_entries() -> list[analysis.AuthorityEntry]:
    """Every entity of the authority file as plain data for the matcher."""
    entries: list[analysis.AuthorityEntry] = []
    for pk, name, aliases, country in Person.objects.values_list(
        "pk", "name", "aliases", "nationality__country_code"
    ).iterator(chunk_size=5000):
        entries.append(analysis.AuthorityEntry("person", pk, name, split_aliases(aliases), country=country or ""))
    for pk, name, aliases, country in Organization.objects.values_list(
        "pk", "name", "aliases", "country__country_code"
    ).iterator(chunk_size=5000):
        entries.append(analysis.AuthorityEntry("organization", pk, name, split_aliases(aliases), country=country or ""))
    for pk, name, aliases, kind, code, parent in Place.objects.values_list(
        "pk", "name", "aliases", "kind", "country_code", "parent__name"
    ).iterator(chunk_size=5000):
        entries.append(
            analysis.AuthorityEntry(
                "place", pk, name, split_aliases(aliases), country=code or "", place_kind=kind, parent_name=parent or ""
            )
        )
    for pk, name, aliases, kind, org in Source.objects.values_list(
        "pk", "name", "aliases", "kind", "organization_id"
    ).iterator(chunk_size=5000):
        entries.append(
            analysis.AuthorityEntry("source", pk, name, split_aliases(aliases), source_kind=kind, organization_id=org)
        )
    return entries


def _current_generation() -> str:
    generation = cache.get(AUTHORITY_GENERATION_KEY)
    if generation is None:
        _new_generation()
        generation = cache.get(AUTHORITY_GENERATION_KEY)
    return generation


def _build_and_share(generation: str) -> analysis.AuthorityIndex:
    index = analysis.AuthorityIndex.build(authority_entries())
    if settings.NEWSROOM_SHARE_MATCHER:
        # Seconds to build at 100,000 entities, well under one to load: built once, for every process.
        cache.set(MATCHER_KEY, (generation, index), None)
    return index


def rebuild_matcher() -> None:
    """Job: build the matcher for the authority file as it is now and put it in the shared cache.

    Idempotent: it builds for the current generation; if the authority file
    changes meanwhile, that change queued another rebuild, and processes ignore
    a matcher of an older generation.
    """
    generation = _current_generation()
    index = _build_and_share(generation)
    with _index_lock:
        _index_cache["index"], _index_cache["generation"] = index, generation


def authority_index() -> analysis.AuthorityIndex:
    """The matcher over the authority file for its current generation.

    Kept per process; after a change, loaded from the shared cache where a job
    (``rebuild_matcher``) put it, and built here only when nobody has yet.
    """
    generation = _current_generation()
    with _index_lock:
        if _index_cache["index"] is None or _index_cache["generation"] != generation:
            shared = cache.get(MATCHER_KEY) if settings.NEWSROOM_SHARE_MATCHER else None
            if shared is not None and shared[0] == generation:
                index = shared[1]
            else:
                index = _build_and_share(generation)
            _index_cache["index"], _index_cache["generation"] = index, generation
        return _index_cache["index"]  # type: ignore[return-value]


# -- earlier stories --------------------------------------------------------



# Links that do not say what an earlier story is about: rejected, or gone from its text.
_NOT_IN_STORY = (LinkStatus.REJECTED, LinkStatus.UNSUPPORTED)


class DatabaseReferenceFinder:
    """Earlier published stories to compare a "reported earlier" sentence with."""

    def __init__(self, *, exclude_article_id: int | None = None):
        self.exclude_article_id = exclude_article_id

    def _earlier(self, before: datetime.datetime | None, prefix: str = ""):
        """Published stories before `before`, as a filter on Article or (with prefix "article__") on a link."""
        condition = published_q(prefix)
        if before is not None:
            condition &= Q(**{f"{prefix}published_at__lt": before})
        if self.exclude_article_id:
            condition &= ~Q(**{f"{prefix}pk": self.exclude_article_id})
        return condition

    def candidates(self, *, entity_keys, terms, before, limit) -> list[analysis.Candidate]:
        shared: Counter[int] = Counter()
        by_kind: dict[str, set[int]] = {link_type.key: set() for link_type in mention_types()}
        for kind, pk in entity_keys:
            if kind in by_kind:
                by_kind[kind].add(pk)
        for link_type in mention_types():
            ids = by_kind[link_type.key]
            if not ids:
                continue
            # A join, not `article__in=<subquery>`: SQLite would otherwise walk
            # every earlier story and probe the mention index once per story.
            rows = (
                link_type.model.objects.exclude(status__in=_NOT_IN_STORY)
                .filter(self._earlier(before, "article__"), **{f"{link_type.target_id_field}__in": ids})
                .order_by("-article__published_at")
                .values_list("article_id", flat=True)[: CANDIDATES_BY_ENTITY * 4]
            )
            shared.update(rows)
        chosen = [pk for pk, _ in shared.most_common(min(limit, CANDIDATES_BY_ENTITY))]
        recent = Article.objects.filter(self._earlier(before)).order_by("-published_at")
        chosen += list(recent.values_list("pk", flat=True)[:CANDIDATES_BY_RECENCY])
        return self._load(list(dict.fromkeys(chosen)))

    def _load(self, ids: list[int]) -> list[analysis.Candidate]:
        if not ids:
            return []
        keys: dict[int, set[tuple[str, int]]] = {pk: set() for pk in ids}
        for link_type in mention_types():
            for article_id, entity_id in (
                link_type.model.objects.filter(article_id__in=ids).exclude(status__in=_NOT_IN_STORY)
                .values_list("article_id", link_type.target_id_field)
            ):
                keys[article_id].add((link_type.key, entity_id))
        candidates = []
        for pk, published_at, headline, standfirst, body_text in Article.objects.filter(pk__in=ids).values_list(
            "pk", "published_at", "headline", "standfirst", "body_text"
        ):
            text = f"{headline}\n{standfirst}\n{body_text[:CANDIDATE_TEXT_CHARS]}"
            candidates.append(analysis.Candidate(pk, published_at, text, frozenset(keys[pk])))
        return candidates


# -- running the analysis on a story ----------------------------------------


_REPORT_NOUNS = {
    **{link_type.key: (link_type.noun, link_type.plural) for link_type in link_types()},
    "new person": ("new person", "new people"),
    "new organization": ("new organisation", "new organisations"),
    "new place": ("new place", "new places"),
    "new source": ("new source", "new sources"),
    "withdrawn": ("withdrawn", "withdrawn"),
}


@dataclass
class AnalysisReport:
    """What a run stored (counts of new suggestions by kind), how many links wait as no longer in the
    text, and how much of a very long body the analysis did not read."""

    added: Counter
    unsupported: int = 0
    unread_characters: int = 0

    def __str__(self) -> str:
        parts = [f"{n} {_REPORT_NOUNS.get(kind, (kind, kind))[n != 1]}" for kind, n in sorted(self.added.items())]
        text = ", ".join(parts) or "nothing new"
        if self.unread_characters:
            text += (
                f" (the analysis reads the first {analysis.MAX_ANALYSED_CHARACTERS:,} characters of a story; "
                f"the last {self.unread_characters:,} were not read)"
            )
        return text + (f"; {self.no_longer_in_text}" if self.unsupported else "")

    @property
    def no_longer_in_text(self) -> str:
        n = self.unsupported
        return f"{n} link{'s' if n != 1 else ''} no longer in the text (see the suggestions panel)"

    @property
    def withdrawn_count(self) -> int:
        return self.added["withdrawn"]

    @property
    def new_count(self) -> int:
        return sum(self.added.values()) - self.withdrawn_count

    @property
    def summary(self) -> str:
        """ "3 new suggestions, 1 withdrawn", for the story's history."""
        new, withdrawn = self.new_count, self.withdrawn_count
        text = f"{new} new suggestion{'s' if new != 1 else ''}" if new else "no new suggestions"
        text += f", {withdrawn} withdrawn" if withdrawn else ""
        return text + (f", {self.unsupported} no longer in the text" if self.unsupported else "")


def run_analysis(article: Article) -> analysis.Analysis:
    return analysis.analyse(
        article.headline,
        article.paragraphs,
        index=authority_index(),
        publication=settings.NEWSROOM_PUBLICATION_NAME,
        reference_finder=DatabaseReferenceFinder(exclude_article_id=article.pk),
        published_at=article.published_at or timezone.now(),
    )


def _stored_ids(result: analysis.Analysis) -> dict[str, set[int]]:
    """Which of the entities the analysis matched exist, one query per kind."""
    wanted: dict[str, set[int]] = {"person": set(), "organization": set(), "place": set(), "source": set()}
    entries = [m.entry for m in result.mentions] + [s.entry for s in result.sources] + [q.speaker for q in result.quotes]
    for entry in entries:
        if entry is not None and entry.id is not None:
            wanted[entry.kind].add(entry.id)
    models = {"person": Person, "organization": Organization, "place": Place, "source": Source}
    return {
        kind: set(models[kind].objects.filter(pk__in=ids).values_list("pk", flat=True)) if ids else set()
        for kind, ids in wanted.items()
    }


@transaction.atomic
def analyse_article(article: Article) -> AnalysisReport:
    """Analyse the story and store the proposals for the editor.

    What an editor confirmed or rejected is never touched and never proposed
    again; suggestions the new text no longer supports are withdrawn.
    """
    result = run_analysis(article)
    stored = _stored_ids(result)
    rejected = set(article.suggestions.rejected().values_list("kind", "key"))

    def on_file(entry) -> bool:
        """A known entity still in the database (the matcher may predate a rolled-back change)."""
        return entry is not None and entry.id is not None and entry.id in stored[entry.kind]

    def was_rejected(kind: str, entry) -> bool:
        """Rejected while it was still a new name: it stays rejected once it is on file."""
        return any((kind, fold_key(name)) in rejected for name in (entry.name, *entry.aliases))

    added: Counter = Counter()
    keep: dict[type, set[int]] = {model: set() for model in (*(t.model for t in link_types()), Suggestion)}

    def remember(obj, created: bool, kind: str) -> None:
        keep[type(obj)].add(obj.pk)
        if created:
            added[kind] += 1

    with deferred_rendering():
        for mention in result.mentions:
            if on_file(mention.entry):
                if was_rejected(mention.kind, mention.entry):
                    continue
                link_type = link_type_by_key(mention.kind)
                link, created = link_type.model.objects.get_or_create(
                    article=article,
                    **{link_type.target_id_field: mention.entry.id},
                    defaults={"status": LinkStatus.SUGGESTED, "evidence": mention.evidence},
                )
                remember(link, created, mention.kind)
            else:
                suggestion, created = _propose_new(article, mention.kind, mention.name, _mention_data(mention), mention.evidence)
                remember(suggestion, created, f"new {mention.kind}")

        for source in result.sources:
            if on_file(source.entry):
                if was_rejected("source", source.entry):
                    continue
                link, created = SourceAttribution.objects.get_or_create(
                    article=article,
                    source_id=source.entry.id,
                    kind=_attribution_kind(source.attribution),
                    defaults={"status": LinkStatus.SUGGESTED, "cue": source.cue[:500], "evidence": source.evidence},
                )
                remember(link, created, "source")
            else:
                data = {
                    "source_kind": source.kind,
                    "attribution_kind": _attribution_kind(source.attribution),
                    "cue": source.cue,
                    "organization": source.organization or "",
                }
                suggestion, created = _propose_new(article, "source", source.name, data, source.evidence)
                remember(suggestion, created, "new source")

        paragraphs = article.paragraphs
        known_quotes = {fold_key(q.text): q for q in article.quotes.all()}
        for quote in result.quotes:
            existing = known_quotes.get(fold_key(quote.text))
            if existing is not None:
                keep[Quote].add(existing.pk)
                continue
            created_quote = Quote.objects.create(
                article=article,
                text=quote.text,
                speaker_id=quote.speaker.id if on_file(quote.speaker) else None,
                speaker_name=(quote.speaker_name or "")[:200],
                paragraph=quote.paragraph + 1,
                cue=(quote.cue or "")[:300],
                evidence=paragraphs[quote.paragraph] if quote.paragraph < len(paragraphs) else "",
                status=LinkStatus.SUGGESTED,
            )
            known_quotes[fold_key(quote.text)] = created_quote
            remember(created_quote, True, "quote")

        for reference in result.references:
            if reference.article_id == article.pk:
                continue
            link, created = CrossReference.objects.get_or_create(
                from_article=article,
                to_article_id=reference.article_id,
                relation=CrossReference.Relation.REPORTED_EARLIER,
                defaults={
                    "status": LinkStatus.SUGGESTED,
                    "anchor_text": reference.anchor_text[:300],
                    "evidence": reference.evidence,
                },
            )
            remember(link, created, "reference")

        # Withdraw suggestions the text no longer supports; editors' decisions stay.
        for model, kept in keep.items():
            stale = _of_story(model, article).filter(status=LinkStatus.SUGGESTED).exclude(pk__in=kept)
            withdrawn, _ = stale.delete()
            if withdrawn:
                added["withdrawn"] += withdrawn
    if added:
        bump_version(article.pk)
    # Saving the text already took off what it no longer says; the editor hears of it here too.
    return AnalysisReport(
        added, unsupported=unsupported_count(article), unread_characters=result.unread_characters
    )


def _of_story(model, article):
    """A story's links of one model, or its proposals of new entities."""
    if model is Suggestion:
        return article.suggestions.all()
    return link_type_of(model).of_story(article)


def _mention_data(mention) -> dict:
    data = {
        "role": mention.role,
        "country": mention.country,
        "organization": mention.organization,
        "place_kind": mention.place_kind,
        "parent_name": mention.parent,
    }
    return {key: value for key, value in data.items() if value}


def _attribution_kind(kind: str) -> str:
    return kind if kind in SourceAttribution.Kind.values else SourceAttribution.Kind.OTHER


def _propose_new(article: Article, kind: str, name: str, data: dict, evidence: str) -> tuple[Suggestion, bool]:
    suggestion, created = Suggestion.objects.get_or_create(
        article=article,
        kind=kind,
        key=fold_key(name)[:300],
        defaults={"name": name[:300], "data": data, "evidence": evidence},
    )
    if not created and suggestion.status == LinkStatus.SUGGESTED and suggestion.data != data:
        suggestion.data = data
        suggestion.save(update_fields=["data"])
    return suggestion, created


# -- the editor's decisions -------------------------------------------------

_PEOPLE_FIRST = Case(When(kind=Suggestion.Kind.PERSON, then=Value(0)), default=Value(1), output_field=IntegerField())


def _known(model, kind: str, name: str):
    """An entity already on file under this name or another spelling of it."""
    exact = model.objects.filter(name__iexact=name).first()
    if exact is not None:
        return exact
    ids = [entry.id for entry in authority_index().lookup(name, kind) if entry.id is not None]
    return model.objects.filter(pk__in=ids).first() if ids else None


def _gazetteer_place(name: str, *, kind: str = "", country: str = ""):
    for entry in authority_index().lookup(name, "place"):
        if (not kind or entry.place_kind == kind) and (not country or entry.country == country):
            return entry
    return None


def ensure_place(name: str, *, kind: str = "", country: str = "", parent_name: str = "") -> Place:
    """The place on file, or a new one with its kind and parent country from the gazetteer."""
    place = _known(Place, "place", name)
    if place is not None:
        return place
    entry = _gazetteer_place(name, kind=kind, country=country)
    kind = kind or (entry.place_kind if entry else "") or Place.Kind.OTHER
    country = country or (entry.country if entry else "")
    parent_name = parent_name or (entry.parent_name if entry else "")
    parent = None
    if parent_name and fold_key(parent_name) != fold_key(name):
        parent = ensure_place(parent_name, kind=Place.Kind.COUNTRY, country=country)
    return Place.objects.create(
        name=entry.name if entry else name,
        kind=kind if kind in Place.Kind.values else Place.Kind.OTHER,
        parent=parent,
        country_code=country if kind == Place.Kind.COUNTRY else "",
    )


def ensure_country(code: str) -> Place | None:
    if not code:
        return None
    place = Place.objects.filter(kind=Place.Kind.COUNTRY, country_code=code).first()
    if place is not None:
        return place
    for entry in authority_index().entries:
        if entry.kind == "place" and entry.place_kind == "country" and entry.country == code:
            return ensure_place(entry.name, kind=Place.Kind.COUNTRY, country=code)
    return None


_ORGANIZATION_KIND_WORDS = (
    ("alliance", ("nato", "alliance", "european union", "united nations")),
    ("military", ("army", "forces", "brigade", "battalion", "command", "navy", "air force", "pentagon", "guard")),
    ("media", ("broadcaster", "radio", "television", "news")),
    ("government", ("ministry", "council", "government", "parliament", "seimas", "saeima", "riigikogu", "office",
                    "agency", "department", "service")),
)


def _organization_kind(name: str) -> str:
    folded = fold_key(name)
    for kind, words in _ORGANIZATION_KIND_WORDS:
        if any(word in folded for word in words):
            return kind
    return Organization.Kind.OTHER


def ensure_organization(name: str, *, country: str = "") -> Organization:
    organization = _known(Organization, "organization", name)
    if organization is None:
        organization = Organization.objects.create(
            name=name, kind=_organization_kind(name), country=ensure_country(country)
        )
    return organization


def _confirm(article: Article, entity, evidence: str = "", **extra):
    """Confirm the story's mention of ``entity`` (created if need be)."""
    link_type = listing_link_type(type(entity))
    link, _ = link_type.model.objects.update_or_create(
        article=article, **{link_type.target_field: entity}, defaults={"status": LinkStatus.CONFIRMED, **extra}
    )
    if evidence and not link.evidence:
        link.evidence = evidence
        link.save(update_fields=["evidence"])
    return link


@transaction.atomic
def accept_suggestion(suggestion: Suggestion):
    """Create (or find) the proposed entity and confirm its link to the story."""
    article, data = suggestion.article, suggestion.data
    with deferred_rendering(), authority_batch():
        if suggestion.kind == Suggestion.Kind.PERSON:
            entity = _known(Person, "person", suggestion.name)
            if entity is None:
                entity = Person.objects.create(name=suggestion.name, nationality=ensure_country(data.get("country", "")))
            if data.get("role"):
                organization = ensure_organization(data["organization"]) if data.get("organization") else None
                # Dated by the story and public only once a story carrying it is.
                record_story_role(entity, article, title=data["role"], organization=organization, data=data)
            _confirm(article, entity, suggestion.evidence)
            # Quotes the analysis gave to this name now have their speaker.
            for quote in article.quotes.filter(speaker__isnull=True).exclude(speaker_name=""):
                if fold_key(quote.speaker_name) in {fold_key(n) for n in entity.names}:
                    quote.speaker = entity
                    quote.save(update_fields=["speaker"])
        elif suggestion.kind == Suggestion.Kind.ORGANIZATION:
            entity = ensure_organization(suggestion.name, country=data.get("country", ""))
            _confirm(article, entity, suggestion.evidence)
        elif suggestion.kind == Suggestion.Kind.PLACE:
            entity = ensure_place(
                suggestion.name,
                kind=data.get("place_kind", ""),
                country=data.get("country", ""),
                parent_name=data.get("parent_name", ""),
            )
            _confirm(article, entity, suggestion.evidence)
        else:
            entity = _known(Source, "source", suggestion.name)
            if entity is None:
                organization = ensure_organization(data["organization"]) if data.get("organization") else None
                kind = data.get("source_kind") or Source.Kind.NEWS_OUTLET
                entity = Source.objects.create(
                    name=suggestion.name,
                    kind=kind if kind in Source.Kind.values else Source.Kind.OTHER,
                    organization=organization,
                )
            SourceAttribution.objects.update_or_create(
                article=article,
                source=entity,
                kind=data.get("attribution_kind") or SourceAttribution.Kind.OTHER,
                defaults={"status": LinkStatus.CONFIRMED, "cue": (data.get("cue") or "")[:500],
                          "evidence": suggestion.evidence},
            )
        suggestion.status = LinkStatus.CONFIRMED
        suggestion.save(update_fields=["status"])
        bump_version(article.pk)
    return entity


def reject_suggestion(suggestion: Suggestion) -> None:
    """Kept, not deleted: re-analysis never proposes a rejected suggestion again."""
    suggestion.status = LinkStatus.REJECTED
    suggestion.save(update_fields=["status"])
    bump_version(suggestion.article_id)


def set_link_status(link, status: str) -> None:
    """Confirm or reject a suggested link; the save re-renders the story."""
    if status == LinkStatus.CONFIRMED:
        link.full_clean()
    link.status = status
    link.save(update_fields=["status", "updated_at"])
    bump_version(link_type_of(link).story_id(link))


@transaction.atomic
def accept_all(article: Article, *, may_accept: Callable[[Suggestion], bool] | None = None) -> int:
    """Accept every open suggestion of the story; returns how many were accepted.

    ``may_accept`` keeps the new entries its user may not create waiting for
    someone who may (see ``workflow.may_accept``).
    """
    accepted = 0
    with deferred_rendering(), authority_batch():
        # New people first, so the quotes that name them get their speaker.
        for suggestion in article.suggestions.suggested().order_by(_PEOPLE_FIRST, "pk"):
            if may_accept is not None and not may_accept(suggestion):
                continue
            accept_suggestion(suggestion)
            accepted += 1
        for link_type in link_types():
            for link in link_type.of_story(article).suggested():
                set_link_status(link, LinkStatus.CONFIRMED)
                accepted += 1
    return accepted


# Proposals of new entities, as the admin addresses them ("new:<pk>"); links go by their type's key.
NEW_ENTITY_KEY = "new"


def open_suggestions(article: Article) -> dict[str, list]:
    """Everything awaiting the editor's decision, by kind (each link type's key, then "new")."""
    groups = {link_type.key: list(link_type.of_story(article).suggested()) for link_type in link_types()}
    groups[NEW_ENTITY_KEY] = list(article.suggestions.suggested())
    return groups


def suggestion_item(article: Article, token: str):
    """The open proposal a token names, or a ValidationError saying why there is none."""
    kind, _, pk = token.partition(":")
    link_type = link_type_by_key(kind)
    if (link_type is None and kind != NEW_ENTITY_KEY) or not pk.isdigit():
        raise ValidationError("There is no such suggestion.")
    items = article.suggestions.all() if link_type is None else link_type.of_story(article)
    item = items.filter(pk=int(pk), status=LinkStatus.SUGGESTED).first()
    if item is None:
        raise ValidationError("That suggestion was already decided or withdrawn; the list below is current.")
    return item


def decide(item, *, accept: bool) -> None:
    if isinstance(item, Suggestion):
        accept_suggestion(item) if accept else reject_suggestion(item)
    else:
        set_link_status(item, LinkStatus.CONFIRMED if accept else LinkStatus.REJECTED)


# -- rejections survive reverts ----------------------------------------------

def rejected_links(article_id) -> list[tuple[type, dict]]:
    """The story's rejected links as plain values, to put back after a revert."""
    rows = []
    for link_type in link_types():
        model = link_type.model
        for link in model.objects.rejected().filter(**{link_type.story_id_field: article_id}):
            rows.append((model, {field.attname: getattr(link, field.attname) for field in model._meta.concrete_fields}))
    return rows


def restore_rejections(rows: list[tuple[type, dict]]) -> None:
    """Each link rejected before a revert is rejected after it: re-created if the revert deleted it.

    Saved (not updated) so the links join the revert's revision and the story re-renders.
    """
    for model, values in rows:
        link_type = link_type_of(model)
        owner = link_type.story_id_field
        link = model.objects.filter(pk=values["id"]).first() or model.objects.filter(
            **{owner: values[owner]}, **{field: values[field] for field in link_type.identity}
        ).first()
        if link is None:
            model(**values).save(force_insert=True)
        elif link.status != LinkStatus.REJECTED:
            link.status = LinkStatus.REJECTED
            link.save(update_fields=["status", "updated_at"])
