"""
Stories and everything that ties a story to the authority file and to other
stories: bylines, mentions, source attributions, quotes, cross-references and
corrections.

Every link from a story carries a status. The analysis proposes links as
``suggested``; editors confirm or reject them. Only confirmed links are
public, and rejected ones are kept so the analysis never proposes them again.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from taggit.managers import TaggableManager
from taggit.models import TaggedItem

from entities import fields
from entities.limits import DESCRIPTION_MAX_LENGTH, NOTE_MAX_LENGTH, limited
from entities.models import Organization, Person, Place, Role, Source, ascii_slug
from images.models import Image

from .analysis.text import fold_text
from .inline_images import find_inline_images, malformed_lines
from .querysets import GOING_LIVE, ArticleQuerySet
from .rendering import paragraphs_of

# The condition of the partial indexes on stories: the statuses that can be public.
LIVE = Q(status__in=GOING_LIVE)
# ... and on links: only confirmed links are public. An entity's page, filter and
# sitemap entry read (entity, story) pairs from these indexes alone.
CONFIRMED = Q(status="confirmed")

HEADLINE_MAX_LENGTH = 255
# What readers read: a change to these after the story was public is an update.
TEXT_FIELDS = frozenset({"headline", "standfirst", "body"})
# A story changed within this long of going live has not been "updated" for readers.
UPDATE_GRACE = datetime.timedelta(minutes=5)
# About 16,000 words: far past the longest long read, and a save of that much
# text (Markdown, sanitising, linking, the analysis) stays within seconds.
BODY_MAX_LENGTH = 100_000
STANDFIRST_MAX_LENGTH = 1_000


class Section(models.Model):
    name = fields.NameField(max_length=100, unique=True)
    slug = models.SlugField(max_length=100, unique=True)
    description = fields.TextField(blank=True, validators=[limited(DESCRIPTION_MAX_LENGTH)])
    position = models.PositiveSmallIntegerField(default=0, help_text="Order on the front page.")

    class Meta:
        ordering = ["position", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("section_detail", args=[self.slug])


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "review", "In review"
        SCHEDULED = "scheduled", "Scheduled"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    headline = fields.NameField(max_length=HEADLINE_MAX_LENGTH)
    slug = models.SlugField(
        max_length=255,
        unique=True,
        help_text="The story's address. Changing it keeps the old address working (it redirects).",
    )
    standfirst = fields.TextField(
        blank=True, validators=[limited(STANDFIRST_MAX_LENGTH)], help_text="The summary under the headline."
    )
    body = fields.TextField(
        validators=[limited(BODY_MAX_LENGTH)],
        help_text="One paragraph per line; light Markdown (*italic*, **bold**, [links](url)). "
        "A photo from the library: [image:42] on a line of its own, or [image:42 A caption for this story]."
    )
    body_html = fields.TextField(editable=False, blank=True)
    body_text = fields.TextField(editable=False, blank=True)
    # Headline, standfirst and body folded to lower-case ASCII, so a search for
    # "Klaipeda" finds "Klaipėda" on every database.
    search_document = fields.TextField(editable=False, blank=True)
    section = models.ForeignKey(Section, on_delete=models.PROTECT, related_name="articles")
    tags = TaggableManager(blank=True)
    # Status and the publication times change only through the workflow
    # (``services.article_transition``): the admin, its actions and the import
    # command all call it, and it logs each change as an ``ArticleTransition``.
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True)
    published_at = models.DateTimeField(
        "first published",
        null=True,
        blank=True,
        db_index=True,
        help_text="When readers could first see the story; never changes once that moment has passed. "
        "Until then, the planned time of a scheduled story.",
    )
    republish_at = models.DateTimeField(
        null=True,
        blank=True,
        help_text="When a story that was public before goes back on the site (its first publication time stays).",
    )
    updated_at = models.DateTimeField(
        "updated",
        null=True,
        blank=True,
        help_text="When the text (headline, standfirst, body) last changed after the story was first public.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Any save, including status changes and link decisions: for the desk, not for readers.
    modified_at = models.DateTimeField("last saved", auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles_created",
        help_text="The story's owner: a reporter may edit only their own drafts.",
    )
    dateline_place = models.ForeignKey(
        Place, null=True, blank=True, on_delete=models.PROTECT, related_name="datelined_articles"
    )
    lead_image = models.ForeignKey(
        Image,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="lead_for_articles",
        verbose_name="lead photo",
        help_text="From the photo library; its alt text is required before the story goes live.",
    )
    lead_image_caption = models.CharField(
        "lead photo caption", max_length=500, blank=True, help_text="Leave empty to use the library's caption."
    )
    # What the story page shows besides its own columns (links, titles, coverage,
    # corrections), computed when any of it changes: see ``articles.page_parts``.
    page_parts = models.JSONField(editable=False, null=True, blank=True)
    # Optimistic locking: a save based on an older version is refused, so two
    # editors never silently overwrite each other.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(fields=["status", "published_at"]),
            # Every public list (front page, feeds, sitemaps, API, search by date) walks the
            # stories that can be live in publication order, newest first, and stops after a page.
            # On PostgreSQL it also carries what the rest of the visibility test and the sitemap's
            # "last changed" read, so counting the live archive (API list, sitemap index) never
            # touches the wide story rows: 50 ms -> 10 ms at 100,000 stories. Other databases ignore ``include``.
            models.Index(
                fields=["published_at", "id"],
                include=["republish_at", "updated_at"],
                condition=LIVE,
                name="article_live_by_date",
            ),
            models.Index(fields=["section", "published_at", "id"], condition=LIVE, name="article_live_by_section"),
        ]
        permissions = [("publish_article", "Can publish, schedule, unpublish, archive and reopen stories")]

    def __str__(self):
        return self.headline

    def save(self, *args, **kwargs):
        if self.status in GOING_LIVE:
            # Whatever the path (form, action, import, shell): no photo goes live without alt text.
            self.check_photos_can_go_live()
        if not self.slug:
            self.slug = unique_article_slug(self.headline, exclude_pk=self.pk)
        self.search_document = search_document_of(self.headline, self.standfirst, self.body)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and TEXT_FIELDS & set(update_fields):
            # The pre-save handler may stamp ``updated_at`` for a text change.
            kwargs["update_fields"] = {*update_fields, "search_document", "updated_at"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("article_detail", args=[self.slug])

    def clean(self):
        self.check_inline_images()
        if self.status in GOING_LIVE:
            self.check_photos_can_go_live()

    def check_inline_images(self) -> None:
        """Every ``[image:N]`` line names a photo in the library."""
        errors = [f"“{line}” is not a photo line: write [image:42] or [image:42 A caption]." for line in
                  malformed_lines(self.body)]
        wanted = {placed.image_id for placed in find_inline_images(self.body)}
        known = set(Image.objects.filter(pk__in=wanted).values_list("pk", flat=True)) if wanted else set()
        errors += [f"There is no photo {image_id} in the library." for image_id in sorted(wanted - known)]
        if errors:
            raise ValidationError({"body": errors})

    def photos(self) -> list[tuple[str, Image]]:
        """The photos the story shows, as (field, photo): the lead photo, then those in the body."""
        shown = [("lead_image", self.lead_image)] if self.lead_image_id else []
        wanted = [placed.image_id for placed in find_inline_images(self.body)] if "[" in self.body else []
        if wanted:
            in_body = Image.objects.in_bulk(wanted)
            shown += [("body", in_body[image_id]) for image_id in dict.fromkeys(wanted) if image_id in in_body]
        return shown

    def check_photos_can_go_live(self) -> None:
        """Readers who cannot see a photo get its alt text: a story goes live only when every photo has one."""
        errors: dict[str, list[str]] = {}
        for field, photo in self.photos():
            if not photo.alt_text:
                where = "the lead photo" if field == "lead_image" else f"photo {photo.pk} in the body"
                errors.setdefault(field, []).append(
                    f"“{photo}” ({where}) has no alt text. Write what it shows in the photo library "
                    "before the story goes live."
                )
        if errors:
            raise ValidationError(errors)

    @property
    def goes_live_at(self):
        """When readers can see the story (past or future), or None if it is not set to go live."""
        if self.status not in GOING_LIVE or self.published_at is None:
            return None
        return max(self.published_at, self.republish_at or self.published_at)

    @property
    def is_published(self) -> bool:
        return self.goes_live_at is not None and self.goes_live_at <= timezone.now()

    @property
    def is_scheduled(self) -> bool:
        return self.goes_live_at is not None and self.goes_live_at > timezone.now()

    @property
    def has_been_public(self) -> bool:
        """Whether readers have seen the story: its first publication time is fixed from then on."""
        return self.published_at is not None and self.published_at <= timezone.now()

    @property
    def is_archived_record(self) -> bool:
        """Archived after being public: still at its address, with an "archived" notice."""
        return self.status == self.Status.ARCHIVED and self.has_been_public

    @property
    def stage(self) -> str:
        """The status as readers live it: a scheduled story whose time has come is published, and the reverse."""
        if self.status in GOING_LIVE:
            return self.Status.PUBLISHED if self.is_published else self.Status.SCHEDULED
        return self.status

    @property
    def last_updated_at(self):
        """When readers' text last changed: its update, or its first publication (the API's ``updated_at``)."""
        return self.updated_at or self.published_at

    @property
    def was_updated(self) -> bool:
        """Whether readers should see an "Updated" time: the text changed after it went out.

        A fix in the first minutes after publication is not an update for readers.
        """
        if self.updated_at is None or self.published_at is None:
            return False
        return self.updated_at - self.published_at > UPDATE_GRACE

    @property
    def paragraphs(self) -> list[str]:
        return paragraphs_of(self.body)

    @property
    def tagged_items(self) -> models.QuerySet:
        """The story's tag rows: followed by its revisions, so a revision holds (and restores) its tags."""
        from django.contrib.contenttypes.models import ContentType

        return TaggedItem.objects.filter(content_type=ContentType.objects.get_for_model(Article), object_id=self.pk)

    def byline_names(self) -> list[str]:
        return [byline.name for byline in self.bylines.all()]


def search_document_of(headline: str, standfirst: str, body: str) -> str:
    return fold_text("\n".join((headline, standfirst, body)))


def unique_article_slug(headline: str, *, exclude_pk=None) -> str:
    base = ascii_slug(headline, 240) or "story"
    candidate, n = base, 2
    taken = Article.objects.exclude(pk=exclude_pk) if exclude_pk else Article.objects.all()
    while taken.filter(slug=candidate).exists() or ArticleSlugHistory.objects.filter(slug=candidate).exclude(
        article_id=exclude_pk
    ).exists():
        candidate, n = f"{base}-{n}", n + 1
    return candidate


class InlineImage(models.Model):
    """A library photo placed in a story's body; kept in step with the body on every render."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="inline_images")
    image = models.ForeignKey(Image, on_delete=models.PROTECT, related_name="inline_in_articles")

    class Meta:
        verbose_name = "photo in the body"
        verbose_name_plural = "photos in the body"
        constraints = [models.UniqueConstraint(fields=["article", "image"], name="unique_inline_image")]

    def __str__(self):
        return f"{self.image} in “{self.article}”"


class ArticleSlugHistory(models.Model):
    """A former address of a story; requests for it are redirected permanently."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    slug = models.SlugField(max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "former address"
        verbose_name_plural = "former addresses"

    def __str__(self):
        return self.slug


class ArticleTransition(models.Model):
    """One step of a story through the workflow: who moved it, when, from what, to what, and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="transitions")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    from_status = models.CharField(max_length=20, choices=Article.Status.choices)
    to_status = models.CharField(max_length=20, choices=Article.Status.choices)
    goes_live_at = models.DateTimeField(
        null=True, blank=True, help_text="For a story set to go live: the time it goes (or went) live."
    )
    comment = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = "status change"

    def __str__(self):
        return f"{self.get_from_status_display()} → {self.get_to_status_display()}"


class Byline(models.Model):
    class Credit(models.TextChoices):
        REPORTING = "reporting", "Reporting"
        WRITING = "writing", "Writing"
        ADDITIONAL_REPORTING = "additional_reporting", "Additional reporting"
        PHOTOS = "photos", "Photos"
        EDITING = "editing", "Editing"
        TRANSLATION = "translation", "Translation"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines")
    name = fields.NameField(max_length=200)
    credit = models.CharField(max_length=30, choices=Credit.choices, default=Credit.REPORTING)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["article", "name", "credit"], name="unique_byline_credit"),
        ]

    def __str__(self):
        return f"{self.name} ({self.get_credit_display().lower()})"


class LinkStatus(models.TextChoices):
    SUGGESTED = "suggested", "Suggested"
    CONFIRMED = "confirmed", "Confirmed"
    REJECTED = "rejected", "Rejected"
    # Was confirmed, but the story's text no longer says it: off the public
    # site until the editor keeps or removes it (see ``articles.link_checks``).
    UNSUPPORTED = "unsupported", "No longer in the text"


class LinkQuerySet(models.QuerySet):
    def confirmed(self):
        return self.filter(status=LinkStatus.CONFIRMED)

    def suggested(self):
        return self.filter(status=LinkStatus.SUGGESTED)

    def rejected(self):
        return self.filter(status=LinkStatus.REJECTED)

    def unsupported(self):
        return self.filter(status=LinkStatus.UNSUPPORTED)

    def of_published_articles(self, now=None):
        from .querysets import published_q

        return self.filter(published_q("article__", now))


class StoryLink(models.Model):
    """A link from a story to something, as proposed by the analysis or added by an editor.

    The keys to the authority file PROTECT: an entity that stories link to is
    merged into another (``articles.merging``), never deleted from under them."""

    status = models.CharField(
        max_length=12, choices=LinkStatus.choices, default=LinkStatus.CONFIRMED, db_index=True
    )
    evidence = fields.TextField(blank=True, help_text="The sentence that supports the link.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def is_confirmed(self) -> bool:
        return self.status == LinkStatus.CONFIRMED


class PersonMention(StoryLink):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="person_mentions")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "person"], name="unique_person_mention")]
        indexes = [models.Index(fields=["person", "article"], condition=CONFIRMED, name="personmention_public")]

    def __str__(self):
        return f"{self.person} in “{self.article}”"


class OrganizationMention(StoryLink):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="organization_mentions")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="mentions")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "organization"], name="unique_organization_mention")
        ]
        indexes = [models.Index(fields=["organization", "article"], condition=CONFIRMED, name="orgmention_public")]

    def __str__(self):
        return f"{self.organization} in “{self.article}”"


class PlaceMention(StoryLink):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="place_mentions")
    place = models.ForeignKey(Place, on_delete=models.PROTECT, related_name="mentions")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "place"], name="unique_place_mention")]
        indexes = [models.Index(fields=["place", "article"], condition=CONFIRMED, name="placemention_public")]

    def __str__(self):
        return f"{self.place} in “{self.article}”"


class SourceAttribution(StoryLink):
    class Kind(models.TextChoices):
        ACCORDING_TO = "according_to", "According to"
        AS_REPORTED_BY = "as_reported_by", "As reported by"
        REPORTED = "reported", "Reported"
        PRESS_RELEASE = "press_release", "Press release"
        STATEMENT = "statement", "Statement"
        INTERVIEW = "interview", "Interview"
        DOCUMENT = "document", "Document"
        SOCIAL_MEDIA = "social_media", "Social media post"
        OTHER = "other", "Other"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="attributions")
    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="attributions")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.ACCORDING_TO)
    cue = fields.CharField(max_length=500, blank=True, help_text="The words in the story, e.g. “according to LRT”.")
    url = models.URLField(blank=True, help_text="The source's own page for this claim, if any.")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["article", "source", "kind"], name="unique_source_attribution")
        ]
        indexes = [models.Index(fields=["source", "article"], condition=CONFIRMED, name="attribution_public")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.source}"


class Quote(StoryLink):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="quotes")
    text = fields.TextField(validators=[limited(NOTE_MAX_LENGTH)])
    speaker = models.ForeignKey(Person, null=True, blank=True, on_delete=models.PROTECT, related_name="quotes")
    speaker_name = fields.NameField(
        max_length=200, blank=True, help_text="The speaker as the analysis read it, until the person is known."
    )
    paragraph = models.PositiveSmallIntegerField(default=0, help_text="Paragraph number, from 1.")
    cue = fields.CharField(max_length=300, blank=True, help_text="E.g. “Kasčiūnas stated”.")

    class Meta:
        ordering = ["paragraph", "pk"]
        # A person page's latest quotes.
        indexes = [models.Index(fields=["speaker", "article"], condition=CONFIRMED, name="quote_public")]

    def __str__(self):
        return f"“{self.text[:60]}”"


class CrossReference(StoryLink):
    class Relation(models.TextChoices):
        REPORTED_EARLIER = "reported_earlier", "Reported earlier"
        FOLLOW_UP = "follow_up", "Follow-up of"
        BACKGROUND = "background", "Background"
        CORRECTION_OF = "correction_of", "Correction of"

    from_article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="outgoing_references")
    to_article = models.ForeignKey(
        Article, on_delete=models.CASCADE, related_name="incoming_references", verbose_name="earlier story"
    )
    relation = models.CharField(max_length=20, choices=Relation.choices, default=Relation.REPORTED_EARLIER)
    anchor_text = fields.CharField(
        max_length=300,
        blank=True,
        help_text="The words in this story's body that become the link, e.g. “The Gaze reported earlier”.",
    )

    class Meta:
        verbose_name = "cross-reference"
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_article=F("to_article")),
                name="cross_reference_not_to_itself",
                violation_error_message="A story cannot refer to itself.",
            ),
            models.UniqueConstraint(
                fields=["from_article", "to_article", "relation"],
                name="unique_cross_reference",
                violation_error_message="This story already has that link to that story.",
            ),
        ]

    def __str__(self):
        return f"{self.from_article} → {self.to_article} ({self.get_relation_display().lower()})"

    def clean(self):
        super().clean()
        if self.from_article_id and self.from_article_id == self.to_article_id:
            raise ValidationError({"to_article": "A story cannot refer to itself."})
        if self.relation == self.Relation.REPORTED_EARLIER and self.from_article_id and self.to_article_id:
            earlier, this = self.to_article.published_at, self.from_article.published_at
            if earlier is None:
                raise ValidationError(
                    {"to_article": f"“{self.to_article}” has no publication time, so it cannot have been reported earlier."}
                )
            if this is not None and earlier >= this:
                raise ValidationError(
                    {
                        "to_article": f"“{self.to_article}” was published after this story "
                        f"({timezone.localtime(earlier):%d %b %Y %H:%M}); "
                        "“reported earlier” must point to an earlier story."
                    }
                )


class Correction(models.Model):
    class Kind(models.TextChoices):
        CORRECTION = "correction", "Correction"
        CLARIFICATION = "clarification", "Clarification"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="corrections")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.CORRECTION)
    text = fields.TextField(validators=[limited(NOTE_MAX_LENGTH)])
    created_at = models.DateTimeField(default=timezone.now, help_text="When the note was published.")

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} of {self.created_at:%d %b %Y}"


class Suggestion(models.Model):
    """A proposal from the story analysis that needs something new in the authority file.

    Links to entities the newsroom already knows are proposed directly as
    ``suggested`` link rows; this holds what does not exist yet (a new person
    with their role, a new organisation, place or source). Accepting it creates
    the entity and the confirmed link; a rejected one is kept, by ``key``, so
    re-analysis never proposes it again.
    """

    class Kind(models.TextChoices):
        PERSON = "person", "New person"
        ORGANIZATION = "organization", "New organisation"
        PLACE = "place", "New place"
        SOURCE = "source", "New source"

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="suggestions")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    name = fields.NameField(max_length=300)
    key = fields.CharField(max_length=300, help_text="The folded name, so spellings don't duplicate.")
    data = models.JSONField(default=dict, blank=True, help_text="Role, country, kind, cue… as proposed.")
    evidence = fields.TextField(blank=True)
    status = models.CharField(max_length=12, choices=LinkStatus.choices, default=LinkStatus.SUGGESTED, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LinkQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["article", "kind", "key"], name="unique_suggestion"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.name}"


class StoryRole(models.Model):
    """A role read in a story (accepted from its analysis): which story it came from.

    A role is public once a story that carries it is published; until then no
    public surface shows it, so accepting a suggestion on an embargoed story
    announces no appointment. Roles the desk enters in the authority file have
    no such row and are public at once (see ``querysets.public_role_q``). The
    story is nulled, not the row deleted, when the story is deleted: the role
    stays one that came from a story, and no published story carries it.
    """

    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="carried_by")
    article = models.ForeignKey(Article, null=True, on_delete=models.SET_NULL, related_name="carried_roles")
    dated_by_story = models.BooleanField(
        default=True, help_text="The role's dates are the story's own date (it gave none): they move with the story."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = "role from a story"
        constraints = [models.UniqueConstraint(fields=["role", "article"], name="unique_story_role")]

    def __str__(self):
        return f"{self.role} (from “{self.article}”)"


class StoryAnalysis(models.Model):
    """Where the story analysis of a story stands: it runs in a job after each save (``articles.tasks``).

    ``requested_at`` says which request the state answers: a job finishing
    after a newer save has asked again leaves the story "pending".
    """

    class Status(models.TextChoices):
        PENDING = "pending", "pending"
        DONE = "done", "done"
        FAILED = "failed", "failed"

    article = models.OneToOneField(Article, on_delete=models.CASCADE, primary_key=True, related_name="analysis")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True)
    requested_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    # What the run stored ("2 people, 1 source"), or why it failed.
    summary = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = "story analysis"
        verbose_name_plural = "story analyses"

    def __str__(self):
        return f"analysis of “{self.article}”: {self.status}"


def published_links(model: type) -> models.QuerySet:
    """Confirmed links of published stories to entities of ``model``: what makes such an entity public."""
    from .links import listing_link_type

    return listing_link_type(model).model.objects.confirmed().of_published_articles()


def confirmed_link_targets(model: type) -> models.QuerySet:
    """The ``model`` entities some story links with a confirmed link, published or not: a superset of the public ones."""
    from .links import listing_link_type

    link_type = listing_link_type(model)
    return link_type.model.objects.confirmed().order_by().values(link_type.target_id_field).distinct()


def public_entities(model: type) -> models.QuerySet:
    """The ``model`` entities readers may see: those a published story links (the others' pages are 404)."""
    from .links import listing_link_type

    linked = published_links(model).values(listing_link_type(model).target_id_field)
    return model.objects.filter(pk__in=linked)


def is_public(model: type, ref: str) -> models.Exists:
    """An annotation: whether the ``model`` entity at ``ref`` has a page readers may see.

    Computed in a page's own query, so a page links a related entity (a parent,
    a country, a role's organisation) only when that link does not lead to a 404.
    """
    from .links import listing_link_type

    field = listing_link_type(model).target_field
    return models.Exists(published_links(model).filter(**{field: models.OuterRef(ref)}))
