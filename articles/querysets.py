"""Read bundles for articles: what each screen selects, said once."""

from __future__ import annotations

from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils import timezone

# The statuses that put a story on the site once its ``published_at`` comes.
GOING_LIVE = ("published", "scheduled")
# A tag or entity on more stories than this is listed by walking the archive newest first (``carried_by``).
WALK_FROM = 500


def published_q(prefix: str = "", now=None) -> Q:
    """Visible to readers: published (or scheduled) and its time has come.

    A scheduled story needs no cron job: it becomes visible the moment its
    ``published_at`` (or, for a story going back on the site, its
    ``republish_at``) passes because every public query asks this.
    """
    now = now or timezone.now()
    return Q(
        **{
            f"{prefix}status__in": GOING_LIVE,
            f"{prefix}published_at__isnull": False,
            f"{prefix}published_at__lte": now,
        }
    ) & (Q(**{f"{prefix}republish_at__isnull": True}) | Q(**{f"{prefix}republish_at__lte": now}))


def scheduled_q(prefix: str = "", now=None) -> Q:
    """Set to go live, with its time still to come: readers cannot see it yet."""
    now = now or timezone.now()
    return Q(**{f"{prefix}status__in": GOING_LIVE}) & (
        Q(**{f"{prefix}published_at__gt": now}) | Q(**{f"{prefix}republish_at__gt": now})
    )


def has_been_public_q(prefix: str = "", now=None) -> Q:
    """Readers have seen it: its first publication time has passed (and is fixed for good).

    The workflow sets ``published_at`` only on stories going live and clears a
    planned time that never came, so a past ``published_at`` means the story was public.
    """
    return Q(**{f"{prefix}published_at__lte": now or timezone.now()})


def archived_record_q(prefix: str = "", now=None) -> Q:
    """Archived after being public: reachable at its address with an "archived" notice, listed nowhere."""
    return Q(**{f"{prefix}status": "archived"}) & has_been_public_q(prefix, now)


def reachable_q(prefix: str = "", now=None) -> Q:
    """A story page readers can open: a published story or an archived record.

    Drafts, scheduled stories and stories archived before they were ever
    public stay invisible (404). An archived record is on no list (front
    page, sections, tags, coverage, feeds, sitemaps, search, API list, entity
    pages): only its address answers, and links to it keep working.
    """
    return published_q(prefix, now) | archived_record_q(prefix, now)


def public_role_q(now=None, prefix: str = "") -> Q:
    """A role readers may see: entered by the desk directly, or carried by a story that is published.

    A role read in a story (see ``StoryRole``) stays off every public surface
    until a story that carries it goes live. ``prefix`` reaches the role from
    another model's query ("roles__").
    """
    from .models import StoryRole

    carried = StoryRole.objects.filter(role=OuterRef(f"{prefix}pk"))
    return Q(~Exists(carried)) | Q(Exists(carried.filter(published_q("article__", now))))


def public_roles(now=None) -> models.QuerySet:
    """Roles readers may see, with their organisation (what a title reads)."""
    from entities.models import Role

    return Role.objects.filter(public_role_q(now)).select_related("organization")


# What a teaser's picture needs of its photo: the rendition plan's inputs and the alt text.
TEASER_PHOTO_FIELDS = (
    "file", "token", "width", "height", "focal_x", "focal_y", "has_alpha", "renditions_key", "alt_text",
)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_q(now=now))

    def scheduled(self, now=None):
        return self.filter(scheduled_q(now=now))

    def not_published(self, now=None):
        return self.exclude(published_q(now=now))

    def reachable(self, now=None):
        """What a story's address may show: published stories and archived records (see ``reachable_q``)."""
        return self.filter(reachable_q(now=now))

    def archived_records(self, now=None):
        return self.filter(archived_record_q(now=now))

    def owned_by(self, user):
        return self.filter(created_by=user)

    def latest_first(self):
        return self.order_by("-published_at", "-pk")

    def in_section(self, section):
        return self.filter(section=section)

    def for_listing(self):
        """One query for a list of story teasers (tags are not shown in lists), their photos joined in."""
        return self.select_related("section", "lead_image").only(
            "headline", "slug", "standfirst", "published_at", "status",
            "section__name", "section__slug", "section__position",
            *(f"lead_image__{field}" for field in TEASER_PHOTO_FIELDS),
        )

    def for_feed(self):
        """A feed item: the teaser plus its tags (categories) and bylines (authors)."""
        return self.for_listing().prefetch_related("tags", "bylines")

    def linked_to(self, entity):
        """Stories with a confirmed link to a person, organisation, place (a mention) or source (an attribution).

        Each story once, however many links it has (see ``carried_by``).
        """
        from .links import listing_link_type

        link_type = listing_link_type(type(entity))
        links = link_type.model.objects.confirmed().filter(**{link_type.target_field: entity})
        return self.carried_by(links, "article_id")

    def tagged(self, tag):
        """Stories carrying ``tag``, each once (see ``carried_by``)."""
        from django.contrib.contenttypes.models import ContentType
        from taggit.models import TaggedItem

        items = TaggedItem.objects.filter(tag=tag, content_type=ContentType.objects.get_for_model(self.model))
        return self.carried_by(items, "object_id")

    def carried_by(self, rows: models.QuerySet, story_field: str):
        """The stories that ``rows`` (links, tagged items) point to with ``story_field``.

        A list of them newest first can be read two ways, and which is cheap
        depends on how many stories carry the tag or entity, which SQLite's
        planner does not know (PostgreSQL's estimates it):

        - a common one (more than ``WALK_FROM`` rows: a country, a much-used tag):
          walk the stories newest first and keep those it carries
          (``EXISTS``): a page is found after a few hundred stories, where
          sorting all of its tens of thousands took a second at 100,000;
        - a rare one: fetch its few stories and sort them (``pk IN``): walking
          the archive for them would read all of it.

        Deciding costs one query that reads at most ``WALK_FROM`` + 1 of ``rows``.
        """
        if rows.order_by()[WALK_FROM : WALK_FROM + 1].exists():
            return self.filter(Exists(rows.filter(**{story_field: OuterRef("pk")})))
        return self.filter(pk__in=rows.values(story_field))

    def for_detail(self, now=None):
        """Everything the story page and the API detail show, in a fixed number of queries."""
        from .models import (
            Byline,
            CrossReference,
            OrganizationMention,
            PersonMention,
            PlaceMention,
            Quote,
            SourceAttribution,
        )

        confirmed = Q(status="confirmed")
        return self.select_related("section", "dateline_place", "lead_image__taken_place").prefetch_related(
            "tags",
            Prefetch("bylines", queryset=Byline.objects.order_by("position", "pk")),
            Prefetch(
                "person_mentions",
                queryset=PersonMention.objects.filter(confirmed)
                .select_related("person")
                # Only roles readers may see give a title: not one an embargoed story brought.
                .prefetch_related(Prefetch("person__roles", queryset=public_roles(now)))
                .order_by("person__name"),
                to_attr="confirmed_people",
            ),
            Prefetch(
                "organization_mentions",
                queryset=OrganizationMention.objects.filter(confirmed).select_related("organization").order_by("organization__name"),
                to_attr="confirmed_organizations",
            ),
            Prefetch(
                "place_mentions",
                queryset=PlaceMention.objects.filter(confirmed).select_related("place").order_by("place__name"),
                to_attr="confirmed_places",
            ),
            Prefetch(
                "attributions",
                queryset=SourceAttribution.objects.filter(confirmed).select_related("source").order_by("pk"),
                to_attr="confirmed_attributions",
            ),
            Prefetch(
                "quotes",
                queryset=Quote.objects.filter(confirmed).select_related("speaker").order_by("paragraph", "pk"),
                to_attr="confirmed_quotes",
            ),
            Prefetch(
                "outgoing_references",
                queryset=CrossReference.objects.filter(confirmed, published_q("to_article__", now))
                .select_related("to_article")
                .order_by("-to_article__published_at"),
                to_attr="earlier_coverage",
            ),
            Prefetch(
                "incoming_references",
                queryset=CrossReference.objects.filter(confirmed, published_q("from_article__", now))
                .select_related("from_article")
                .order_by("-from_article__published_at"),
                to_attr="later_coverage",
            ),
            "corrections",
        )

    def for_page(self):
        """A story page's or API detail's own row: what it shows, with its stored page parts.

        The links, titles, coverage and corrections are in ``page_parts``
        (``articles.page_parts``), so this is one query whatever the story's
        size; the source text and the search document stay in the database.
        """
        return self.select_related("section", "dateline_place", "lead_image__taken_place").defer(
            "body", "search_document", "dateline_place__description", "lead_image__taken_place__description"
        )

    def for_story_page(self):
        """The story page's row: ``for_page()`` without the plain text, and whether its dateline has a public page."""
        from entities.models import Place

        from .models import is_public

        # The dateline links to its place's page only if that page exists (a dateline is not a mention).
        return self.for_page().defer("body_text").annotate(dateline_is_public=is_public(Place, "dateline_place"))

    def search(self, query: str):
        """Full-text search: PostgreSQL's ranking where available, word matching elsewhere."""
        from .search import search_articles

        return search_articles(self, query)
