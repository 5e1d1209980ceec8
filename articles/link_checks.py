"""
Links follow the text: which of a story's links its text supports, what
happens to those it no longer supports, and the editor's decision on them.

When a story's headline, standfirst or body changes, every confirmed link that
the old text supported and the new text does not (a quote whose words are
gone, an entity no longer named, an attribution whose cue or a
cross-reference whose anchor is gone) becomes ``unsupported``: every public
surface shows confirmed links only, so it leaves the page, the API, feeds and
entity pages in that same save, and waits in the suggestions panel under
"No longer in the text". A link whose words come back is confirmed again.

Only what the text *stops* saying is flagged: a link the old text did not
support either (a place the editor added though the story never names it, a
link the editor kept) is the editor's standing decision.

Called from the story's save signal, so every save (admin, import, shell)
goes through it; the panel's Keep / Remove call ``keep_link``/``remove_link``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from entities.models import split_aliases

from .analysis import AuthorityEntry
from .analysis.support import NameMatcher, TextEvidence
from .links import PERSON, QUOTE, LinkType, link_type_by_key, link_type_of, link_types
from .models import Article, LinkStatus, StoryLink
from .rendering import body_to_safe_html, html_to_text
from .services import bump_version

# The links whose support is checked: public ones, and those waiting for the editor.
_CHECKED = (LinkStatus.CONFIRMED, LinkStatus.UNSUPPORTED)


def body_plain_text(body: str) -> str:
    """The body as readers read it (Markdown and markup gone), for comparing words."""
    return html_to_text(body_to_safe_html(body))


def story_evidence(headline: str, standfirst: str, body: str) -> TextEvidence:
    """What a story's text says: its headline, standfirst and body."""
    return TextEvidence.of(headline, standfirst, body_plain_text(body))


def evidence_of(article: Article) -> TextEvidence:
    return story_evidence(article.headline, article.standfirst, article.body)


def _entry(link_type: LinkType, entity) -> AuthorityEntry:
    return AuthorityEntry(link_type.key, entity.pk, entity.name, split_aliases(entity.aliases))


class StorySupport:
    """Which of a story's links a text supports. One small matcher of the linked entities, asked of any text."""

    def __init__(self, links: dict[LinkType, list[StoryLink]]):
        self.links = links
        self._matcher = NameMatcher(
            _entry(link_type, getattr(link, link_type.target_field))
            for link_type, rows in links.items()
            if link_type.lists_entity
            for link in rows
        )

    def supported(self, evidence: TextEvidence) -> set[tuple[str, int]]:
        """The ``(link type key, pk)`` of each link the text supports."""
        named = self._matcher.named(evidence.text)
        # A quote supports its speaker being in the story, even where the text names them only in the quote's cue.
        speakers = {
            quote.speaker_id for quote in self.links.get(QUOTE, ()) if quote.speaker_id and evidence.says(quote.text)
        }
        supported = set()
        for link_type, rows in self.links.items():
            for link in rows:
                if self._supports(link_type, link, evidence, named, speakers):
                    supported.add((link_type.key, link.pk))
        return supported

    @staticmethod
    def _supports(link_type: LinkType, link: StoryLink, evidence: TextEvidence, named, speakers) -> bool:
        words = link_type.words(link)
        if words:
            return evidence.says(words)
        if link_type.lists_entity:
            target = link_type.target_id(link)
            return (link_type.key, target) in named or (link_type is PERSON and target in speakers)
        return True  # a link that rests on no words (a cross-reference without anchor text)


@dataclass
class TextFollowed:
    """What a change of text did to the story's links."""

    unsupported: list[StoryLink] = field(default_factory=list)
    restored: list[StoryLink] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.unsupported or self.restored)


def links_follow_text(article: Article, before: TextEvidence, after: TextEvidence | None = None) -> TextFollowed:
    """Flag the confirmed links the old text supported and the new one does not; confirm again those it supports.

    Written with ``update()`` (the caller renders the story once) and added to
    the revision being recorded, so the story's history shows what left it.
    """
    after = after or evidence_of(article)
    links = {link_type: list(link_type.of_story(article).filter(status__in=_CHECKED)) for link_type in link_types()}
    support = StorySupport(links)
    was, now = support.supported(before), support.supported(after)
    result = TextFollowed()
    for link_type, rows in links.items():
        for link in rows:
            key = (link_type.key, link.pk)
            if link.status == LinkStatus.CONFIRMED and key in was and key not in now:
                result.unsupported.append(link)
            elif link.status == LinkStatus.UNSUPPORTED and key in now:
                result.restored.append(link)
    _set_status(result.unsupported, LinkStatus.UNSUPPORTED)
    _set_status(result.restored, LinkStatus.CONFIRMED)
    return result


def _set_status(links: list[StoryLink], status: str) -> None:
    by_model: dict[type, list[StoryLink]] = defaultdict(list)
    for link in links:
        by_model[type(link)].append(link)
    now = timezone.now()
    for model, rows in by_model.items():
        model.objects.filter(pk__in=[link.pk for link in rows]).update(status=status, updated_at=now)
        for link in rows:
            link.status, link.updated_at = status, now
            if reversion.is_active():
                reversion.add_to_revision(link)


# -- the editor's decision ----------------------------------------------------


def unsupported_links(article: Article) -> list[tuple[LinkType, StoryLink]]:
    """The story's links that wait under "No longer in the text", in the registry's order."""
    return [(link_type, link) for link_type in link_types() for link in link_type.of_story(article).unsupported()]


def unsupported_count(article: Article) -> int:
    return sum(link_type.of_story(article).unsupported().count() for link_type in link_types())


def unsupported_item(article: Article, token: str) -> StoryLink:
    """The waiting link a panel token ("quote:12") names, or a ValidationError saying why there is none."""
    kind, _, pk = token.partition(":")
    link_type = link_type_by_key(kind)
    if link_type is None or not pk.isdigit():
        raise ValidationError("There is no such link.")
    link = link_type.of_story(article).unsupported().filter(pk=int(pk)).first()
    if link is None:
        raise ValidationError("That link was already decided or is in the text again; the list below is current.")
    return link


def _speaker_mention(quote) -> StoryLink | None:
    """The quote's speaker's mention when it waits too, because only the quote supported it."""
    if not quote.speaker_id:
        return None
    return PERSON.of_story(quote.article_id).unsupported().filter(person_id=quote.speaker_id).first()


@transaction.atomic
def keep_link(link: StoryLink) -> None:
    """The editor keeps the link though the text no longer says it: confirmed again, public again.

    Not flagged again for this text: only what a later edit stops saying is.
    A quote's speaker, waiting because of the quote, is kept with it.
    """
    follower = _speaker_mention(link) if isinstance(link, QUOTE.model) else None
    for kept in filter(None, (link, follower)):
        kept.status = LinkStatus.CONFIRMED
        kept.save(update_fields=["status", "updated_at"])
    bump_version(link_type_of(link).story_id(link))


@transaction.atomic
def remove_link(link: StoryLink) -> None:
    """The editor agrees the link went with its words: it is deleted.

    Deleted rather than rejected: rejecting would stop the analysis from
    proposing it again, and if the words come back it should be proposed.
    A quote's speaker, waiting because of the quote alone, goes with it.
    """
    follower = None
    if isinstance(link, QUOTE.model):
        follower = _speaker_mention(link)
        others = QUOTE.of_story(link.article_id).filter(speaker_id=link.speaker_id, status=LinkStatus.CONFIRMED)
        if follower is not None and others.exclude(pk=link.pk).exists():
            follower = None
    story_id = link_type_of(link).story_id(link)
    for removed in filter(None, (link, follower)):
        removed.delete()
    bump_version(story_id)
