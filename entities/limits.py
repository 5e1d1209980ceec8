"""How much text a field takes: generous for editors, bounded for everything that reads it.

On multi-line fields a limit is a validator, not ``max_length``: a browser
silently cuts a paste at a textarea's ``maxlength`` and the editor would lose
the rest without knowing. The validator refuses the save and names the limit,
with every character still in the form.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils.deconstruct import deconstructible

DESCRIPTION_MAX_LENGTH = 10_000
ALIASES_MAX_LENGTH = 5_000
NOTE_MAX_LENGTH = 5_000


@deconstructible
class TextLengthValidator(MaxLengthValidator):
    message = "This is %(show_value)s characters long; the limit is %(limit_value)s. Shorten it and save again."

    def __call__(self, value):
        length = len(value)
        if length > self.limit_value:
            # Thousands separated, so "100,000" reads at a glance.
            raise ValidationError(
                self.message,
                code=self.code,
                params={"limit_value": f"{self.limit_value:,}", "show_value": f"{length:,}", "value": value[:20]},
            )


def limited(length: int) -> TextLengthValidator:
    return TextLengthValidator(length)
