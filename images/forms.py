"""The library's upload form: a refused file is a form error naming the reason, never a 500."""

from __future__ import annotations

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .models import Image
from .processing import ACCEPTED_FORMATS, sanitise_upload


class ImageAdminForm(forms.ModelForm):
    class Meta:
        model = Image
        fields = [
            "file", "title", "caption", "alt_text", "credit", "credit_person", "credit_source",
            "focal_x", "focal_y", "taken_on", "taken_place", "show_taken",
        ]
        widgets = {
            "caption": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "focal_x": forms.NumberInput(attrs={"min": 0, "max": 100, "class": "focal-point-x"}),
            "focal_y": forms.NumberInput(attrs={"min": 0, "max": 100, "class": "focal-point-y"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            # A hint for the file picker only; the content is what is checked.
            accept = ",".join(f"image/{name.lower()}" for name in ACCEPTED_FORMATS)
            self.fields["file"].widget.attrs["accept"] = accept.replace("image/jpeg", "image/jpeg,.jpg,.jpeg")

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if isinstance(upload, UploadedFile):
            # Checked and re-encoded once, here; the model stores this clean copy.
            return sanitise_upload(upload)
        return upload
