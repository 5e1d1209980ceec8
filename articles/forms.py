"""
Admin forms for stories: the story form with its optimistic lock (see
``entities.locking``) and its workflow step, and the link inlines that
validate against the story as submitted (the words a link rests on must be
in its text; "reported earlier" must point back in time from the story's
first publication).
"""

from __future__ import annotations

import datetime

from django import forms
from django.contrib.admin import widgets
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from django.utils.text import Truncator

from entities.fields import NoInvisibleCharactersValidator
from entities.locking import OptimisticLockForm

from .link_checks import story_evidence
from .links import link_type_of
from .models import Article, CrossReference, LinkStatus
from .querysets import GOING_LIVE
from .workflow import check_step, first_publication_after, steps_for

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

    ``status`` and ``go_live_at`` are not the model's fields: they ask for a
    step of the workflow, which ``ArticleAdmin`` hands to
    ``services.article_transition`` once the story is saved. The choices are
    the steps this user may take with this story (``workflow.steps_for``);
    ``ArticleAdmin.get_form`` says who the user is.
    """

    conflict_noun = "story"
    status = forms.ChoiceField(label="Move to", required=False)
    go_live_at = forms.SplitDateTimeField(
        label="Goes live at",
        required=False,
        widget=widgets.AdminSplitDateTime,
        help_text="For “Schedule”: when readers will see the story. The first publication time never changes "
        "once the story has been public.",
    )
    transition_comment = forms.CharField(
        label="Note for the log", required=False, max_length=500, help_text="Why the status changes (optional)."
    )

    workflow_user = None  # set by ArticleAdmin.get_form

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
        if "status" in self.fields:
            # The current stage means "no change" (for a scheduled story, a new
            # time in "goes live at" reschedules it).
            stage = Article.Status(self.instance.stage)
            steps = steps_for(self.workflow_user, self.instance) if self.workflow_user else []
            self.fields["status"].choices = [
                (stage.value, f"{stage.label} (as now)"),
                *((to, verb) for to, verb in steps if to != stage),
            ]
            self.fields["status"].initial = stage.value
        if "go_live_at" in self.fields and self.instance.is_scheduled:
            self.fields["go_live_at"].initial = self.instance.goes_live_at

    def clean(self):
        cleaned = super().clean()  # the optimistic lock
        self._check_step(cleaned)
        return cleaned

    def _check_step(self, cleaned: dict) -> None:
        """The requested step must exist and its time make sense; the input stays on screen if not.

        Notes the first publication time the story will have, for the
        "reported earlier" links checked in the same save.
        """
        self.instance.first_publication_after_save = self.instance.published_at
        step = self.requested_step
        if step is None:
            return
        to, at, _ = step
        try:
            check_step(self.workflow_user, self.instance, to, at=at)
        except ValidationError as error:
            field = "go_live_at" if error.code == "schedule_time" and "go_live_at" in self.fields else "status"
            self.add_error(field, error)
        except PermissionDenied as error:
            self.add_error("status", str(error))
        else:
            self.instance.first_publication_after_save = first_publication_after(
                self.instance, to, at, timezone.now()
            )

    def _post_clean(self):
        super()._post_clean()
        # With the editor's input on the story now: a story goes live only with every photo's alt text.
        step = self.requested_step
        if step is not None and step[0] in GOING_LIVE and self.instance.status not in GOING_LIVE:
            try:
                self.instance.check_photos_can_go_live()
            except ValidationError as error:
                self._update_errors(error)

    @property
    def requested_step(self) -> tuple[str, datetime.datetime | None, str] | None:
        """(status, time, comment) the editor asked for, or None to leave the status as it is."""
        to = self.cleaned_data.get("status")
        at = self.cleaned_data.get("go_live_at") if to == Article.Status.SCHEDULED else None
        if not to or (to == self.instance.stage and (to != Article.Status.SCHEDULED or self._same_time(at))):
            return None
        return to, at, self.cleaned_data.get("transition_comment", "")

    def _same_time(self, at: datetime.datetime | None) -> bool:
        """Whether ``at`` is the scheduled time as the form shows it (to the second)."""
        current = self.instance.goes_live_at
        return at is not None and current is not None and at == current.replace(microsecond=0)

    def clean_tags(self):
        """A tag is a name readers see and click: held to the same rule as other names."""
        tags = self.cleaned_data.get("tags") or []
        check = NoInvisibleCharactersValidator()
        for tag in tags:
            try:
                check(tag)
            except ValidationError as error:
                raise ValidationError(f"The tag “{tag}”: {' '.join(error.messages)}", code=error.code) from None
        return tags


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
    """Check the time order of "reported earlier" links against the story as it will be.

    The story form notes the first publication time the story will have once
    its requested step is taken (``first_publication_after_save``): "Publish
    now" makes it now, "Schedule" the scheduled time, and once a story has
    been public its time is fixed. A link to a story not published before
    that is refused here, with the editor's input kept.
    """

    def clean(self):
        super().clean()
        this = getattr(self.instance, "first_publication_after_save", self.instance.published_at)
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
                    f"“{earlier}” was published after this story "
                    f"({timezone.localtime(earlier.published_at):%d %b %Y %H:%M}); "
                    "“reported earlier” must point to an earlier story.",
                )
