"""
The photo library: each photo uploaded once, described once (title, caption,
credit, alt text, focal point, where and when it was taken) and reused by any
number of stories; and the renditions made from it.

The stored original is never the uploaded file: ``Image.save`` replaces an
upload with a clean re-encoding (``images.processing``) under a name we make
up, so no user file name, path or metadata reaches storage.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from entities.models import Person, Place, Source

from . import processing, usage
from .renditions import SETS, PlannedRendition, plan_key, plan_set
from .renditions import Source as PlanSource
from .storage import new_token, original_name, originals_storage, renditions_storage


class ImageQuerySet(models.QuerySet):
    def public(self, now=None):
        """Photos readers can see: shown by something published (see ``images.usage``)."""
        return self.filter(usage.visible_q(now or timezone.now()))

    def missing_alt_text(self):
        return self.filter(alt_text="")


class Image(models.Model):
    class Format(models.TextChoices):
        JPEG = "JPEG", "JPEG"
        PNG = "PNG", "PNG"
        WEBP = "WEBP", "WebP"
        GIF = "GIF", "GIF"

    title = models.CharField(max_length=200, help_text="For finding the photo in the library; not shown to readers.")
    file = models.FileField(
        "photo",
        storage=originals_storage,
        max_length=200,
        help_text="JPEG, PNG, WebP or GIF. Location, camera and owner details are removed when it is stored.",
    )
    caption = models.TextField(blank=True, help_text="Shown under the photo. A story may write its own.")
    credit = models.CharField(
        max_length=200,
        blank=True,
        help_text="As printed, e.g. “Ona Jonaitė / The Gaze”. Left empty, the person's or source's name is used.",
    )
    credit_person = models.ForeignKey(
        Person, null=True, blank=True, on_delete=models.SET_NULL, related_name="credited_images",
        verbose_name="photographer", help_text="The photographer, when they are in the authority file.",
    )
    credit_source = models.ForeignKey(
        Source, null=True, blank=True, on_delete=models.SET_NULL, related_name="credited_images",
        verbose_name="source", help_text="The agency, press office or outlet the photo came from.",
    )
    alt_text = models.CharField(
        max_length=300,
        blank=True,
        help_text="What the photo shows, for readers who cannot see it. Required before a story using it goes live.",
    )
    focal_x = models.PositiveSmallIntegerField(
        "focal point across", default=50, validators=[MaxValueValidator(100)],
        help_text="Percent from the left edge: crops keep this point in view.",
    )
    focal_y = models.PositiveSmallIntegerField(
        "focal point down", default=50, validators=[MaxValueValidator(100)], help_text="Percent from the top edge."
    )
    taken_on = models.DateField("date taken", null=True, blank=True)
    taken_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="photos", verbose_name="place taken"
    )
    show_taken = models.BooleanField(
        "show date and place",
        default=False,
        help_text="Print the date and place under the photo. Leave off when where it was taken must stay private.",
    )

    # Filled from the file when it is stored.
    token = models.CharField(max_length=32, unique=True, editable=False)
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    format = models.CharField(max_length=4, choices=Format.choices, editable=False, default=Format.JPEG)
    has_alpha = models.BooleanField(editable=False, default=False)
    file_size = models.PositiveIntegerField(editable=False, default=0)
    # The plan (``renditions.plan_key``) the stored renditions were made for.
    renditions_key = models.CharField(max_length=40, editable=False, blank=True)

    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = "photo"

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.file and not self.file._committed:
            self._store_original()
        if not self.credit:
            self.credit = self.credit_line_from_authority()
        super().save(*args, **kwargs)

    def _store_original(self) -> None:
        """Store a clean re-encoding of the upload under a new random name, never the upload itself."""
        upload = self.file.file
        clean = upload if isinstance(upload, processing.SanitisedOriginal) else processing.sanitise_upload(upload)
        self.token = new_token()
        self.width, self.height, self.format = clean.width, clean.height, clean.format
        self.has_alpha, self.file_size = clean.has_alpha, clean.size
        self.file.save(original_name(self.token, clean.extension), clean, save=False)

    def clean(self):
        super().clean()
        if self.pk and not self.alt_text:
            titles = [use.title for use in usage.uses_of(self.pk) if use.live]
            if titles:
                raise ValidationError(
                    {"alt_text": "Alt text is required: the photo is shown by " + ", ".join(f"“{t}”" for t in titles)
                     + "."}
                )

    def credit_line_from_authority(self) -> str:
        for entity in (self.credit_person, self.credit_source):
            if entity is not None:
                return entity.name
        return ""

    # What pages show.

    @property
    def plan_source(self) -> PlanSource:
        return PlanSource(self.token, self.width, self.height, self.focal_x, self.focal_y, self.has_alpha)

    @property
    def renditions_ready(self) -> bool:
        return bool(self.token) and self.renditions_key == plan_key(self.plan_source)

    def renditions(self, set_name: str) -> list[PlannedRendition]:
        return plan_set(self.plan_source, SETS[set_name])

    def rendition_url(self, rendition: PlannedRendition) -> str:
        return renditions_storage().url(rendition.name)

    @property
    def original_url(self) -> str:
        """The clean original, through the view that serves it only while the photo is public."""
        return reverse("image_original", args=[self.file.name])

    @property
    def taken_line(self) -> str:
        """"Vilnius, 3 March 2025" when the editor chose to show it; otherwise nothing."""
        if not self.show_taken:
            return ""
        place = self.taken_place.name if self.taken_place_id else ""
        parts = [place, date_format(self.taken_on, "j F Y") if self.taken_on else ""]
        return ", ".join(part for part in parts if part)


class Rendition(models.Model):
    """A file made from a photo's original: one size, crop and format of it."""

    image = models.ForeignKey(Image, on_delete=models.CASCADE, related_name="rendition_files")
    file = models.FileField(storage=renditions_storage, max_length=200, unique=True)
    set = models.CharField(max_length=20)
    width = models.PositiveIntegerField()
    height = models.PositiveIntegerField()
    format = models.CharField(max_length=4)
    file_size = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["set", "width", "format"]

    def __str__(self):
        return self.file.name
