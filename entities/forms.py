"""Admin forms for the authority file."""

from django import forms
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join

from .locking import OptimisticLockForm
from .models import split_aliases


class EntityAdminForm(OptimisticLockForm):
    """The form of a person, organisation, place or source.

    A stale save is refused (see ``locking``). A name or alias that matches
    one already on file, ignoring case and diacritics ("DELFI", "Delfi"),
    is refused with a link to the existing entry, unless the editor ticks
    "save anyway": it must be a deliberate decision to have two.
    """

    save_anyway = forms.BooleanField(
        required=False,
        widget=forms.HiddenInput,
        label="Save anyway",
        help_text="Tick if this is a different one with the same name.",
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and self._names_changed() and not cleaned.get("save_anyway"):
            same = self._same_names(cleaned)
            if same:
                # Offer the choice now that there is something to decide.
                self.fields["save_anyway"].widget = forms.CheckboxInput()
                self.add_error(None, self._duplicate_message(same))
        return cleaned

    def _names_changed(self) -> bool:
        return self.instance.pk is None or bool({"name", "aliases"} & set(self.changed_data))

    def _same_names(self, cleaned) -> list:
        model = self._meta.model
        names = (cleaned.get("name") or "", *split_aliases(cleaned.get("aliases") or ""))
        return list(model._default_manager.named(*names).exclude(pk=self.instance.pk).order_by("name")[:5])

    def _duplicate_message(self, same):
        opts = self._meta.model._meta
        noun = opts.verbose_name

        def link(entity):
            try:
                return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entity.pk])
            except NoReverseMatch:
                return "#"

        existing = format_html_join(", ", '<a href="{}">{}</a>', ((link(entity), entity.name) for entity in same))
        return format_html(
            "A {} with this name or alias is already on file: {}. Use that one (or add this spelling to its "
            "aliases), or, if this is a different {}, tick “Save anyway”.",
            noun,
            existing,
            noun,
        )
