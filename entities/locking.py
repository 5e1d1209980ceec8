"""
Optimistic locking for admin forms: the one rule for stories and the authority file.

A versioned record carries a ``version`` number that travels with the form as
a hidden field. Saving claims the number the editor opened: a conditional
no-op ``UPDATE ... WHERE version = <opened>`` that both checks it and takes the
row's write lock until the transaction ends, so a concurrent save of the same
record waits there and then finds the number moved on. The loser's form is
refused with what changed since they opened it (fields, who, when, read from
the django-reversion history) and shows their own input again.

It lives here, in the authority file's app, because stories build on entities
(``articles -> entities``) and both use it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils import dateformat, timezone
from django.utils.text import capfirst
from reversion.models import Version

# How far back the history is read to find the revision the editor opened.
HISTORY_LOOKBACK = 50


@dataclass(frozen=True)
class Conflict:
    """What happened to a record between opening its form and saving it."""

    deleted: bool = False
    changed_fields: tuple[str, ...] = ()
    # (who, when) of each save since, oldest first; who is "" when unknown.
    saves: tuple[tuple[str, datetime.datetime], ...] = ()
    # True when the opened revision was found, so ``changed_fields`` are what
    # others changed; otherwise they are where the stored record differs from
    # the submitted form.
    known_base: bool = False


def claim_version(model: type[models.Model], pk, submitted: int | None) -> bool:
    """Lock the row and say whether it still has the version the editor opened."""
    if submitted is None:
        return False
    return bool(model._default_manager.filter(pk=pk, version=submitted).update(version=submitted))


def _user_name(user) -> str:
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def _comparable(value):
    if isinstance(value, datetime.datetime):
        # The admin edits times to the second: a save that only drops microseconds changed nothing.
        return value.replace(microsecond=0)
    return "" if value is None else value


def find_conflict(instance: models.Model, submitted: int | None, submitted_values: dict) -> Conflict:
    """Compare the stored record with the revision whose version the editor opened.

    ``submitted_values`` (field name -> the editor's value, model instances as
    their keys) names the fields to compare, and is compared with instead when
    the opened revision is not in the history.
    """
    model = type(instance)
    stored = model._default_manager.filter(pk=instance.pk).first()
    if stored is None:
        return Conflict(deleted=True)
    versions = (
        Version.objects.get_for_object_reference(model, instance.pk)
        .select_related("revision__user")
        .order_by("-pk")[:HISTORY_LOOKBACK]
    )
    later, base = [], None
    for version in versions:
        number = version.field_dict.get("version")
        if number is None:
            continue
        if submitted is not None and number <= submitted:
            base = version
            break
        later.append((_user_name(version.revision.user), version.revision.date_created))
    saves = tuple(reversed(later))
    # The record's own time of its last save (a story's ``updated_at`` is for readers, not this).
    last_saved = getattr(stored, "modified_at", None) or getattr(stored, "updated_at", None)
    if not saves and last_saved is not None:
        saves = (("", last_saved),)
    changed = []
    for name, mine in submitted_values.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not field.concrete or field.many_to_many:
            continue
        now = _comparable(getattr(stored, field.attname))
        if base is not None:
            if field.attname in base.field_dict and _comparable(base.field_dict[field.attname]) != now:
                changed.append(name)
        elif _comparable(mine) != now:
            changed.append(name)
    return Conflict(changed_fields=tuple(changed), saves=saves, known_base=base is not None)


def _when(moment: datetime.datetime) -> str:
    local = timezone.localtime(moment)
    return dateformat.format(local, "H:i" if local.date() == timezone.localdate() else "j M Y, H:i")


def describe_conflict(conflict: Conflict, *, noun: str, labels: dict[str, str]) -> str:
    """The refusal an editor reads: who saved when, which fields, and that their input is kept."""
    if conflict.deleted:
        return f"This {noun} was deleted after you opened it. Your input is still below; copy what you need."
    by = "; ".join(f"{who} at {_when(when)}" if who else f"at {_when(when)}" for who, when in conflict.saves)
    parts = [
        f"Someone else saved this {noun} after you opened it ({by})."
        if by
        else f"Someone else saved this {noun} after you opened it."
    ]
    fields = ", ".join(labels.get(name, name) for name in conflict.changed_fields)
    if fields:
        parts.append(
            f"Changed: {fields}." if conflict.known_base else f"The saved {noun} differs from yours in: {fields}."
        )
    parts.append(f"Your text is still below; copy what you need, then reload the {noun}.")
    return " ".join(parts)


class OptimisticLockForm(forms.ModelForm):
    """A model form whose save is refused when the record changed after the editor opened it.

    The model needs a non-editable ``version`` field; the admin lists
    ``version`` in its fieldsets (the hidden field travels with the page) and
    ``exclude``s the model field. A successful claim moves the instance to the
    next version, which the save stores.
    """

    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=1)
    # What the message calls the record ("story", "person"); the model's name by default.
    conflict_noun: str = ""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's version is not editable, so a ModelForm would not fill it in.
        self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk is not None:
            submitted = cleaned.get("version")
            if not claim_version(type(self.instance), self.instance.pk, submitted):
                raise ValidationError(self._conflict_message(submitted), code="stale")
            self.instance.version = submitted + 1
        return cleaned

    def _conflict_message(self, submitted: int | None) -> str:
        names = [name for name in self.fields if name != "version"]
        mine = {name: getattr(value, "pk", value) for name, value in self.cleaned_data.items() if name in names}
        conflict = find_conflict(self.instance, submitted, mine)
        labels = {name: str(self.fields[name].label or capfirst(name.replace("_", " "))).lower() for name in names}
        noun = self.conflict_noun or str(self.instance._meta.verbose_name)
        return describe_conflict(conflict, noun=noun, labels=labels)
