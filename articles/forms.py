"""
Admin forms for stories: the story form with its optimistic lock (see
``entities.locking``), and the link inlines that validate against the story as
submitted (the words a link rests on must be in its text; "reported earlier"
must point back in time).
"""

from __future__ import annotations

from django import forms
from django.utils.text import Truncator

from entities.locking import OptimisticLockForm

from .link_checks import story_evidence
from .links import link_type_of
from .models import Article, CrossReference, LinkStatus

# What the editor is told when a link's words are not in the story, by the field that holds them.
_NOT_IN_TEXT = {
    "text": "This quote is not in the story's text. Copy its words from the body "
    "(case, accents, spacing, quotation marks and dashes may differ).",
    "cue": "“%(words)s” is not in the story's text. The cue is the story's own words that "
    "credit the source, e.g. “according to LRT”.",
    "anchor_text": "“%(words)s” is not in the story's text. The anchor is the story's own words "
    "that become the link, e.g. “The Gaze reported earlier”.",
}


class ArticleAdminForm(OptimisticLockForm):
    """The story form. ``version`` travels with the page so a stale save is refused.

    Two editors open version 3; the first save stores version 4; the second
    editor's form still says 3 and is refused, with their text left on screen
    and what the first one changed (see ``entities.locking``).
    """

    conflict_noun = "story"

    class Meta:
        model = Article
        fields = [
            "headline",
            "slug",
            "standfirst",
            "body",
            "section",
            "tags",
            "dateline_place",
            "status",
            "published_at",
            "lead_image",
            "lead_image_caption",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 30, "cols": 100}),
            "standfirst": forms.Textarea(attrs={"rows": 3, "cols": 100}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            # Left empty, the model derives it from the headline.
            self.fields["slug"].required = False


class LinkWordsInlineFormSet(forms.BaseInlineFormSet):
    """A link added or changed by hand must rest on words the story has.

    A quote's text, an attribution's cue and a cross-reference's anchor (the
    link type's ``text_field``) must occur in the headline, standfirst or body
    as submitted, compared ignoring case, diacritics, whitespace and
    typographic quote and dash variants. Rows the editor did not touch are
    not checked: a link the new text no longer supports is not an input error,
    it waits in the panel as "no longer in the text".
    """

    def clean(self):
        super().clean()
        field = link_type_of(self.model).text_field
        evidence = None
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            words = (data.get(field) or "").strip()
            if not words or data.get("DELETE") or data.get("status") not in {LinkStatus.CONFIRMED, LinkStatus.SUGGESTED}:
                continue
            if form.instance.pk is not None and field not in form.changed_data:
                continue
            if evidence is None:
                article = self.instance
                evidence = story_evidence(article.headline, article.standfirst, article.body)
            if not evidence.says(words):
                form.add_error(field, _NOT_IN_TEXT[field] % {"words": Truncator(words).chars(80)})


class CrossReferenceInlineFormSet(LinkWordsInlineFormSet):
    """Check the time order of "reported earlier" links against the story as submitted.

    For a story being changed, Django gives each inline form the parent form's
    instance (already filled in with the editor's input) as ``from_article``,
    so the model's ``clean()`` compares with the submitted publication time.
    A new story has no id yet and the model skips that check; do it here.
    """

    def clean(self):
        super().clean()
        if self.instance.pk is not None:
            return
        this = self.instance.published_at
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            earlier, relation = data.get("to_article"), data.get("relation")
            if data.get("DELETE") or not earlier or relation != CrossReference.Relation.REPORTED_EARLIER:
                continue
            if earlier.published_at is None:
                form.add_error(
                    "to_article", f"“{earlier}” has no publication time, so it cannot have been reported earlier."
                )
            elif this is not None and earlier.published_at >= this:
                form.add_error(
                    "to_article",
                    f"“{earlier}” was published after this story ({earlier.published_at:%d %b %Y %H:%M}); "
                    "“reported earlier” must point to an earlier story.",
                )
