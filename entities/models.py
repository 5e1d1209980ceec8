"""
The authority file: the people, organisations, places and sources that stories
are tied to. This app knows nothing about articles; stories reach it through
reverse relations (``person.mentions``, ``source.attributions`` ...).
"""

import datetime

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from unidecode import unidecode

from . import fields
from .folding import fold_key
from .limits import ALIASES_MAX_LENGTH, DESCRIPTION_MAX_LENGTH, NOTE_MAX_LENGTH, limited


def ascii_slug(text: str, max_length: int = 200) -> str:
    """'Laurynas Kasčiūnas' -> 'laurynas-kasciunas': transliterate, then slugify."""
    return slugify(unidecode(text))[:max_length].strip("-")


def unique_slug(model: type[models.Model], text: str, *, exclude_pk=None, max_length: int = 200) -> str:
    """A free address: not another entity's, nor one that redirects to another entity."""
    base = ascii_slug(text, max_length - 6) or model._meta.model_name
    candidate, n = base, 2
    others = model._default_manager.exclude(pk=exclude_pk) if exclude_pk else model._default_manager.all()
    former = EntityFormerSlug.objects.of_model(model)
    if exclude_pk:
        former = former.exclude(object_id=exclude_pk)
    while others.filter(slug=candidate).exists() or former.filter(slug=candidate).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def split_aliases(text: str) -> tuple[str, ...]:
    """The aliases field holds one spelling per line."""
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def name_keys(name: str, aliases: str) -> list[str]:
    """The folded name and aliases (case and diacritics ignored), without repeats."""
    return list(dict.fromkeys(key for key in map(fold_key, (name, *split_aliases(aliases))) if key))


class EntityFormerSlugQuerySet(models.QuerySet):
    def of_model(self, model: type[models.Model]):
        return self.filter(content_type=ContentType.objects.get_for_model(model))


class EntityFormerSlug(models.Model):
    """A former address of an entity (renamed, or merged into another); its page redirects permanently."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    entity = GenericForeignKey("content_type", "object_id")
    slug = models.SlugField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = EntityFormerSlugQuerySet.as_manager()

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"
        constraints = [
            models.UniqueConstraint(fields=["content_type", "slug"], name="unique_entity_former_slug"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return self.slug


class EntityQuerySet(models.QuerySet):
    def search(self, term: str):
        """Match name or any alias, ignoring case (diacritics are folded by the analysis)."""
        return self.filter(models.Q(name__icontains=term) | models.Q(aliases__icontains=term))

    def named(self, *names: str):
        """Entities whose name or an alias is one of ``names``, ignoring case and diacritics."""
        keys = {fold_key(name) for name in names} - {""}
        query = models.Q()
        for key in keys:
            query |= models.Q(name_keys__contains=f"\n{key}\n")
        return self.filter(query) if keys else self.none()


class Entity(models.Model):
    name = fields.NameField(max_length=200)
    slug = models.SlugField(
        max_length=200, unique=True, blank=True, help_text="Leave empty to derive it from the name."
    )
    aliases = fields.NamesField(
        blank=True,
        validators=[limited(ALIASES_MAX_LENGTH)],
        help_text="Other spellings, one per line. Matching ignores case and diacritics.",
    )
    description = fields.TextField(blank=True, validators=[limited(DESCRIPTION_MAX_LENGTH)])
    wikidata_id = models.CharField(
        "Wikidata id",
        max_length=20,
        blank=True,
        validators=[RegexValidator(r"^Q[1-9]\d*$", "A Wikidata id looks like Q37.")],
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Optimistic locking (see ``entities.locking``): a save based on an older
    # version is refused, so two editors never silently overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)
    # The folded name and aliases, one per line between newlines, so a lookup
    # of "DELFI" or "Kasciunas" is a plain LIKE on every database.
    name_keys = models.TextField(editable=False, blank=True)
    former_slugs = GenericRelation(EntityFormerSlug)

    objects = EntityQuerySet.as_manager()

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(type(self), self.name, exclude_pk=self.pk)
        self.name_keys = "\n" + "".join(f"{key}\n" for key in name_keys(self.name, self.aliases))
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and {"name", "aliases"} & set(update_fields):
            kwargs["update_fields"] = {*update_fields, "name_keys"}
        old_slug = None
        if self.pk and (update_fields is None or "slug" in update_fields):
            old_slug = type(self)._default_manager.filter(pk=self.pk).values_list("slug", flat=True).first()
        super().save(*args, **kwargs)
        content_type = ContentType.objects.get_for_model(type(self))
        # This address now belongs to this entity, whatever it was before.
        EntityFormerSlug.objects.filter(content_type=content_type, slug=self.slug).delete()
        if old_slug and old_slug != self.slug:
            # The old address keeps working: it redirects to the new one.
            EntityFormerSlug.objects.update_or_create(
                content_type=content_type, slug=old_slug, defaults={"object_id": self.pk}
            )

    @property
    def alias_list(self) -> list[str]:
        return list(split_aliases(self.aliases))

    @property
    def names(self) -> list[str]:
        """The name and every alias, longest first (longest match wins when linking)."""
        return sorted({self.name, *self.alias_list}, key=len, reverse=True)


class Place(Entity):
    class Kind(models.TextChoices):
        COUNTRY = "country", "Country"
        REGION = "region", "Region"
        CITY = "city", "City"
        SEA = "sea", "Sea or water body"
        BASE = "base", "Military base"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    country_code = models.CharField(
        max_length=2, blank=True, help_text="ISO 3166-1 alpha-2 code, for countries."
    )

    class Meta(Entity.Meta):
        pass

    def get_absolute_url(self):
        return reverse("place_detail", args=[self.slug])


class Organization(Entity):
    class Kind(models.TextChoices):
        GOVERNMENT = "government", "Government body"
        MILITARY = "military", "Military"
        ALLIANCE = "alliance", "Alliance or international body"
        COMPANY = "company", "Company"
        MEDIA = "media", "Media"
        PARTY = "party", "Political party"
        NGO = "ngo", "Non-governmental organisation"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
        help_text="E.g. the ministry a press service belongs to.",
    )
    country = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="organizations"
    )

    class Meta(Entity.Meta):
        pass

    def get_absolute_url(self):
        return reverse("organization_detail", args=[self.slug])


class Person(Entity):
    nationality = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="nationals"
    )

    class Meta(Entity.Meta):
        verbose_name_plural = "people"

    def get_absolute_url(self):
        return reverse("person_detail", args=[self.slug])

    def role_on(self, date: datetime.date | datetime.datetime | None) -> "Role | None":
        """The role the person held on ``date``; uses prefetched ``roles`` when present.

        A moment is read as the newsroom's local date: a story published at
        00:30 in Vilnius shows the title held that day, not the day before in UTC.
        """
        if isinstance(date, datetime.datetime):
            date = (timezone.localtime(date) if timezone.is_aware(date) else date).date()
        held = [role for role in self.roles.all() if role.held_on(date)]
        # The most recently started role wins when two overlap.
        held.sort(key=lambda role: role.start_date or datetime.date.min, reverse=True)
        return held[0] if held else None

    def title_on(self, date) -> str:
        role = self.role_on(date)
        return role.title if role else ""


class Role(models.Model):
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="roles")
    title = fields.NameField(max_length=200, help_text="E.g. “Minister of Defence”.")
    organization = models.ForeignKey(
        Organization, null=True, blank=True, on_delete=models.SET_NULL, related_name="roles"
    )
    start_date = models.DateField(null=True, blank=True, help_text="Empty if unknown.")
    end_date = models.DateField(null=True, blank=True, help_text="Empty while the role is held.")

    class Meta:
        ordering = ["-start_date", "title"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="role_ends_after_it_starts",
                violation_error_message="A role cannot end before it starts.",
            )
        ]

    def __str__(self):
        return f"{self.person}: {self.display_title}"

    @property
    def display_title(self) -> str:
        if self.organization_id and self.organization.name.lower() not in self.title.lower():
            return f"{self.title}, {self.organization.name}"
        return self.title

    def held_on(self, date: datetime.date | None) -> bool:
        if date is None:
            return self.end_date is None
        started = self.start_date is None or self.start_date <= date
        not_ended = self.end_date is None or date <= self.end_date
        return started and not_ended


class Source(Entity):
    class Kind(models.TextChoices):
        NEWS_OUTLET = "news_outlet", "News outlet"
        NEWS_AGENCY = "news_agency", "News agency"
        PRESS_OFFICE = "press_office", "Press office"
        OFFICIAL_DOCUMENT = "official_document", "Official document"
        SOCIAL_MEDIA = "social_media", "Social media account"
        INTERVIEW = "interview", "Interview"
        OTHER = "other", "Other"

    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.NEWS_OUTLET)
    url = models.URLField(blank=True)
    organization = models.ForeignKey(
        Organization,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sources",
        help_text="The organisation behind it, e.g. the ministry of a press service.",
    )
    country = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.SET_NULL, related_name="sources"
    )
    language = fields.CharField(max_length=10, blank=True, help_text="Language code, e.g. lt, en.")
    reliability_note = fields.TextField(
        blank=True, validators=[limited(NOTE_MAX_LENGTH)], help_text="The editors' note on how far to trust it."
    )

    class Meta(Entity.Meta):
        pass

    def get_absolute_url(self):
        return reverse("source_detail", args=[self.slug])
