"""
Roles in the admin: a permission matrix (role × admin page or action × GET/POST)
run through the admin with a logged-in user of each role, crafted POSTs
included, against the table the newsroom intends (``INTENDED`` below).

Allowed means the page answers 200 (GET) or the change is made and the admin
redirects (POST); refused means 403 and nothing changed. Anything else counts
as a mismatch too.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

import pytest
import reversion
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import Article, LinkStatus, PersonMention, Section, Suggestion
from entities.models import Organization, Person, Place, Source
from tests.articles.test_admin import form_data
from tests.factories import ArticleFactory, DraftFactory, PersonFactory, SectionFactory, SourceFactory

pytestmark = pytest.mark.django_db

ROLES = ("Reporter", "Editor", "Admin")
R, E, A = ROLES
EVERYONE, DESK, ADMINS = {R, E, A}, {E, A}, {A}


@dataclass
class World:
    """What each case acts on, made fresh for each role and case (and rolled back after)."""

    user: object
    own_draft: Article
    others_draft: Article
    published: Article
    archived: Article
    person: Person
    source: Source

    @classmethod
    def make(cls, user) -> World:
        section = SectionFactory(slug="defence", name="Defence")
        other = get_user_model().objects.create_user("someone-else", is_staff=True)
        with reversion.create_revision():
            published = ArticleFactory(section=section, headline="Published story", body="First version.")
        with reversion.create_revision():
            published.body = "Second version."
            published.save()
        return cls(
            user=user,
            own_draft=DraftFactory(section=section, created_by=user, headline="My draft", body="Draft text."),
            others_draft=DraftFactory(section=section, created_by=other, headline="Their draft"),
            published=published,
            archived=ArticleFactory(section=section, status=Article.Status.ARCHIVED),
            person=PersonFactory(name="Known Person"),
            source=SourceFactory(name="Known Source"),
        )


def admin_url(name: str, *args) -> str:
    return reverse(f"admin:{name}", args=args)


def change_url(article: Article) -> str:
    return admin_url("articles_article_change", article.pk)


def story_form(client: Client, article: Article | None, **changes) -> dict:
    """The POST the change (or add) form would send, with ``changes``; a crafted one if the form is refused."""
    url = change_url(article) if article else admin_url("articles_article_add")
    page = client.get(url)
    data = form_data(page) if page.status_code == 200 and "adminform" in (page.context or {}) else {}
    if article is not None and "version" not in data:
        data["version"] = str(article.version)
    data.update(changes)
    return data


def entity_form(client: Client, admin_name: str, obj=None, **changes) -> dict:
    url = admin_url(f"{admin_name}_change", obj.pk) if obj else admin_url(f"{admin_name}_add")
    page = client.get(url)
    data = form_data(page) if page.status_code == 200 else {}
    data.update(changes)
    return data


def action(name: str, *articles: Article, **extra) -> dict:
    return {"action": name, "_selected_action": [a.pk for a in articles], **extra}


def suggestion(world: World, kind: str, name: str, data: dict) -> Suggestion:
    return Suggestion.objects.create(article=world.own_draft, kind=kind, name=name, key=name.lower(), data=data)


NEW_PERSON = {"role": "Minister of Defence", "organization": "Ministry"}


def suggested_mention(world: World) -> PersonMention:
    return PersonMention.objects.create(article=world.own_draft, person=world.person, status=LinkStatus.SUGGESTED)


def refreshed(obj):
    obj.refresh_from_db()
    return obj


@dataclass
class Case:
    """One cell row of the matrix: a request, and how to tell that it did what it asks."""

    name: str
    method: str
    request: Callable[[Client, World], tuple[str, dict]]
    done: Callable[[World], bool] = lambda world: True


CASES = [
    # Stories.
    Case("story list", "GET", lambda c, w: (admin_url("articles_article_changelist"), {})),
    Case("add story form", "GET", lambda c, w: (admin_url("articles_article_add"), {})),
    Case(
        "add a story",
        "POST",
        lambda c, w: (
            admin_url("articles_article_add"),
            story_form(c, None, headline="A new story", slug="a-new-story", body="Text.", section=w.own_draft.section_id),
        ),
        lambda w: Article.objects.filter(slug="a-new-story", created_by=w.user, status="draft").exists(),
    ),
    Case("own draft's page", "GET", lambda c, w: (change_url(w.own_draft), {})),
    Case(
        "edit own draft",
        "POST",
        lambda c, w: (change_url(w.own_draft), story_form(c, w.own_draft, body="Edited.")),
        lambda w: refreshed(w.own_draft).body == "Edited.",
    ),
    Case(
        "edit someone else's draft",
        "POST",
        lambda c, w: (change_url(w.others_draft), story_form(c, w.others_draft, body="Edited.")),
        lambda w: refreshed(w.others_draft).body == "Edited.",
    ),
    Case(
        "edit a published story",
        "POST",
        lambda c, w: (change_url(w.published), story_form(c, w.published, body="Edited.")),
        lambda w: refreshed(w.published).body == "Edited.",
    ),
    Case(
        "submit own draft for review (form)",
        "POST",
        lambda c, w: (change_url(w.own_draft), story_form(c, w.own_draft, status="review")),
        lambda w: refreshed(w.own_draft).status == "review",
    ),
    Case(
        "publish own draft (form)",
        "POST",
        lambda c, w: (change_url(w.own_draft), story_form(c, w.own_draft, status="published")),
        lambda w: refreshed(w.own_draft).is_published,
    ),
    Case(
        "schedule own draft (form)",
        "POST",
        lambda c, w: (
            change_url(w.own_draft),
            story_form(c, w.own_draft, status="scheduled", go_live_at_0="01/01/2099", go_live_at_1="09:00:00"),
        ),
        lambda w: refreshed(w.own_draft).is_scheduled,
    ),
    Case(
        "action: submit for review",
        "POST",
        lambda c, w: (admin_url("articles_article_changelist"), action("submit_for_review", w.own_draft)),
        lambda w: refreshed(w.own_draft).status == "review",
    ),
    Case(
        "action: publish now",
        "POST",
        lambda c, w: (admin_url("articles_article_changelist"), action("publish_now", w.own_draft)),
        lambda w: refreshed(w.own_draft).is_published,
    ),
    Case(
        "action: unpublish",
        "POST",
        lambda c, w: (admin_url("articles_article_changelist"), action("unpublish", w.published)),
        lambda w: refreshed(w.published).status == "draft",
    ),
    Case(
        "action: archive",
        "POST",
        lambda c, w: (admin_url("articles_article_changelist"), action("archive", w.published)),
        lambda w: refreshed(w.published).status == "archived",
    ),
    Case(
        "action: reopen",
        "POST",
        lambda c, w: (admin_url("articles_article_changelist"), action("reopen", w.archived)),
        lambda w: refreshed(w.archived).status == "draft",
    ),
    Case(
        "action: delete",
        "POST",
        lambda c, w: (admin_url("articles_article_changelist"), action("delete_selected", w.own_draft, post="yes")),
        lambda w: not Article.objects.filter(pk=w.own_draft.pk).exists(),
    ),
    Case(
        "delete own draft",
        "POST",
        lambda c, w: (admin_url("articles_article_delete", w.own_draft.pk), {"post": "yes"}),
        lambda w: not Article.objects.filter(pk=w.own_draft.pk).exists(),
    ),
    Case("story history", "GET", lambda c, w: (admin_url("articles_article_history", w.published.pk), {})),
    Case(
        "revert a published story",
        "POST",
        lambda c, w: (
            admin_url(
                "articles_article_revision",
                w.published.pk,
                reversion.models.Version.objects.get_for_object(w.published).order_by("pk").first().pk,
            ),
            story_form(c, w.published, body="First version."),
        ),
        lambda w: refreshed(w.published).body == "First version.",
    ),
    Case("deleted stories to recover", "GET", lambda c, w: (admin_url("articles_article_recoverlist"), {})),
    Case("preview own draft", "GET", lambda c, w: (admin_url("articles_article_preview", w.own_draft.pk), {})),
    Case(
        "analyse own draft",
        "POST",
        lambda c, w: (admin_url("articles_article_analyse", w.own_draft.pk), {}),
    ),
    Case(
        "accept a link to a known person",
        "POST",
        lambda c, w: (
            admin_url("articles_article_decide", w.own_draft.pk),
            {
                "decision": "accept",
                "item": f"person:{suggested_mention(w).pk}",
            },
        ),
        lambda w: w.own_draft.person_mentions.confirmed().filter(person=w.person).exists(),
    ),
    Case(
        "accept a new person with a role",
        "POST",
        lambda c, w: (
            admin_url("articles_article_decide", w.own_draft.pk),
            {
                "decision": "accept",
                "item": f"new:{suggestion(w, 'person', 'Brand New', NEW_PERSON).pk}",
            },
        ),
        lambda w: Person.objects.filter(name="Brand New").exists(),
    ),
    Case(
        "accept a new source",
        "POST",
        lambda c, w: (
            admin_url("articles_article_decide", w.own_draft.pk),
            {"decision": "accept", "item": f"new:{suggestion(w, 'source', 'New Wire', {'cue': 'New Wire said'}).pk}"},
        ),
        lambda w: Source.objects.filter(name="New Wire").exists(),
    ),
    # The authority file.
    Case("people list", "GET", lambda c, w: (admin_url("entities_person_changelist"), {})),
    Case("add person form", "GET", lambda c, w: (admin_url("entities_person_add"), {})),
    Case(
        "add a person",
        "POST",
        lambda c, w: (admin_url("entities_person_add"), entity_form(c, "entities_person", name="Ona Nauja", slug="ona-nauja")),
        lambda w: Person.objects.filter(slug="ona-nauja").exists(),
    ),
    Case(
        "change a person",
        "POST",
        lambda c, w: (
            admin_url("entities_person_change", w.person.pk),
            entity_form(c, "entities_person", w.person, description="Changed."),
        ),
        lambda w: refreshed(w.person).description == "Changed.",
    ),
    Case(
        "delete a person",
        "POST",
        lambda c, w: (admin_url("entities_person_delete", w.person.pk), {"post": "yes"}),
        lambda w: not Person.objects.filter(pk=w.person.pk).exists(),
    ),
    Case(
        "add an organisation",
        "POST",
        lambda c, w: (
            admin_url("entities_organization_add"),
            entity_form(c, "entities_organization", name="New Org", slug="new-org", kind="government"),
        ),
        lambda w: Organization.objects.filter(slug="new-org").exists(),
    ),
    Case(
        "add a place",
        "POST",
        lambda c, w: (admin_url("entities_place_add"), entity_form(c, "entities_place", name="Naujas", slug="naujas", kind="city")),
        lambda w: Place.objects.filter(slug="naujas").exists(),
    ),
    Case("sources list", "GET", lambda c, w: (admin_url("entities_source_changelist"), {})),
    Case(
        "add a source",
        "POST",
        lambda c, w: (
            admin_url("entities_source_add"),
            entity_form(c, "entities_source", name="New Outlet", slug="new-outlet", kind="news_outlet"),
        ),
        lambda w: Source.objects.filter(slug="new-outlet").exists(),
    ),
    Case(
        "change a source",
        "POST",
        lambda c, w: (
            admin_url("entities_source_change", w.source.pk),
            entity_form(c, "entities_source", w.source, description="Changed."),
        ),
        lambda w: refreshed(w.source).description == "Changed.",
    ),
    Case("sourcing desk", "GET", lambda c, w: (admin_url("entities_source_desk"), {})),
    Case(
        "add a section",
        "POST",
        lambda c, w: (admin_url("articles_section_add"), {"name": "Sport", "slug": "sport", "position": "5"}),
        lambda w: Section.objects.filter(slug="sport").exists(),
    ),
    Case(
        "add a tag",
        "POST",
        lambda c, w: (admin_url("taggit_tag_add"), entity_form(c, "taggit_tag", name="Drones", slug="drones")),
        lambda w: Tag.objects.filter(slug="drones").exists(),
    ),
    # Users and groups.
    Case("users", "GET", lambda c, w: (admin_url("auth_user_changelist"), {})),
    Case(
        "add a user",
        "POST",
        lambda c, w: (
            admin_url("auth_user_add"),
            {"username": "newcomer", "password1": "a-Long-passphrase-42", "password2": "a-Long-passphrase-42",
             "usable_password": "true"},
        ),
        lambda w: get_user_model().objects.filter(username="newcomer").exists(),
    ),
    Case("groups", "GET", lambda c, w: (admin_url("auth_group_changelist"), {})),
]

# The newsroom's intended table: which roles may do each thing.
INTENDED: dict[str, set[str]] = {
    "story list": EVERYONE,
    "add story form": EVERYONE,
    "add a story": EVERYONE,
    "own draft's page": EVERYONE,
    "edit own draft": EVERYONE,
    "edit someone else's draft": DESK,
    "edit a published story": DESK,
    "submit own draft for review (form)": EVERYONE,
    "publish own draft (form)": DESK,
    "schedule own draft (form)": DESK,
    "action: submit for review": EVERYONE,
    "action: publish now": DESK,
    "action: unpublish": DESK,
    "action: archive": DESK,
    "action: reopen": DESK,
    "action: delete": DESK,
    "delete own draft": DESK,
    "story history": EVERYONE,
    "revert a published story": DESK,
    "deleted stories to recover": DESK,
    "preview own draft": EVERYONE,
    "analyse own draft": EVERYONE,
    "accept a link to a known person": EVERYONE,
    "accept a new person with a role": DESK,
    "accept a new source": ADMINS,
    "people list": EVERYONE,
    "add person form": DESK,
    "add a person": DESK,
    "change a person": DESK,
    "delete a person": ADMINS,
    "add an organisation": DESK,
    "add a place": DESK,
    "sources list": EVERYONE,
    "add a source": ADMINS,
    "change a source": ADMINS,
    "sourcing desk": ADMINS,
    "add a section": ADMINS,
    "add a tag": DESK,
    "users": ADMINS,
    "add a user": ADMINS,
    "groups": ADMINS,
}


def outcome(case: Case, client: Client, world: World) -> str:
    """ "allowed", "refused", or what else happened."""
    url, data = case.request(client, world)
    response = client.get(url) if case.method == "GET" else client.post(url, data)
    if response.status_code == 403:
        return "refused"
    if case.method == "GET":
        return "allowed" if response.status_code == 200 else f"answered {response.status_code}"
    if response.status_code == 302 and case.done(world):
        return "allowed"
    errors = ""
    if response.status_code == 200 and response.context:
        errors = str(response.context.get("errors") or "")
    return f"answered {response.status_code} without doing it {errors}".strip()


@pytest.fixture
def staff():
    users = {}
    for role in ROLES:
        user = get_user_model().objects.create_user(role.lower(), is_staff=True)
        user.groups.add(Group.objects.get(name=role))
        users[role] = user
    return users


def test_the_permission_matrix_has_no_mismatch(staff):
    assert set(INTENDED) == {case.name for case in CASES}
    mismatches = []
    cells = 0
    for role, user in staff.items():
        client = Client()
        client.force_login(user)
        for case in CASES:
            with transaction.atomic():
                world = World.make(user)
                got = outcome(case, client, world)
                transaction.set_rollback(True)
            expected = "allowed" if role in INTENDED[case.name] else "refused"
            cells += 1
            if got != expected:
                mismatches.append(f"{role:<9} {case.method:<4} {case.name}: expected {expected}, {got}")
    assert cells == len(CASES) * len(ROLES)
    assert mismatches == [], "\n".join(mismatches)


# What each role is offered.


def test_a_reporter_is_offered_only_draft_and_review_and_the_review_action(staff):
    client = Client()
    client.force_login(staff[R])
    draft = DraftFactory(created_by=staff[R])

    form = client.get(change_url(draft)).context["adminform"].form
    assert [value for value, _ in form.fields["status"].choices] == ["draft", "review"]
    assert "go_live_at" not in form.fields
    actions = client.get(admin_url("articles_article_changelist")).context["action_form"].fields["action"].choices
    assert [name for name, _ in actions if name] == ["submit_for_review"]


def test_an_editor_is_offered_every_step_the_story_can_take(staff):
    client = Client()
    client.force_login(staff[E])
    draft, published = DraftFactory(), ArticleFactory()

    choices = client.get(change_url(draft)).context["adminform"].form.fields["status"].choices
    assert [value for value, _ in choices] == ["draft", "review", "scheduled", "published", "archived"]
    choices = client.get(change_url(published)).context["adminform"].form.fields["status"].choices
    assert [value for value, _ in choices] == ["published", "draft", "archived"]
    actions = client.get(admin_url("articles_article_changelist")).context["action_form"].fields["action"].choices
    assert {name for name, _ in actions if name} == {
        "delete_selected", "submit_for_review", "publish_now", "unpublish", "archive", "reopen"
    }


def test_a_reporter_sees_a_published_story_read_only_without_buttons(staff):
    client = Client()
    client.force_login(staff[R])
    story = ArticleFactory(created_by=staff[R])
    Suggestion.objects.create(article=story, kind="person", name="Someone New", key="someone new")

    page = client.get(change_url(story))

    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="_save"' not in html and 'name="status"' not in html
    assert "Analyse the story" not in html and 'value="accept"' not in html


def test_a_reporter_may_propose_but_not_add_a_new_person(staff):
    """The suggestion waits for an editor: no Accept button, "Accept all" leaves it, a crafted accept is 403."""
    client = Client()
    client.force_login(staff[R])
    draft = DraftFactory(created_by=staff[R])
    new = Suggestion.objects.create(article=draft, kind="person", name="Someone New", key="someone new")
    known = PersonMention.objects.create(article=draft, person=PersonFactory(), status=LinkStatus.SUGGESTED)

    html = client.get(change_url(draft)).content.decode()
    assert "waits for someone who may add it" in html

    response = client.post(admin_url("articles_article_decide", draft.pk), {"decision": "accept_all"}, follow=True)
    assert "1 new entry for the authority file waits for someone who may add to it" in response.content.decode()
    assert refreshed(known).status == LinkStatus.CONFIRMED
    assert refreshed(new).status == LinkStatus.SUGGESTED
    assert not Person.objects.filter(name="Someone New").exists()

    crafted = client.post(admin_url("articles_article_decide", draft.pk), {"decision": "accept", "item": f"new:{new.pk}"})
    assert crafted.status_code == 403
    assert not Person.objects.filter(name="Someone New").exists()


def test_a_reporter_loses_their_draft_to_the_desk_once_submitted(staff):
    client = Client()
    client.force_login(staff[R])
    draft = DraftFactory(created_by=staff[R], body="Mine.")
    assert client.post(change_url(draft), story_form(client, draft, status="review")).status_code == 302
    assert refreshed(draft).status == Article.Status.IN_REVIEW

    response = client.post(change_url(draft), story_form(client, draft, body="Changed after submitting."))

    assert response.status_code == 403
    assert refreshed(draft).body == "Mine."


def test_every_step_through_the_admin_is_logged_with_who_when_and_why(staff):
    client = Client()
    client.force_login(staff[E])
    draft = DraftFactory()
    before = timezone.now()
    client.post(change_url(draft), story_form(client, draft, status="published", transition_comment="Cleared by legal"))
    client.post(admin_url("articles_article_changelist"), action("archive", draft))

    log = list(draft.transitions.order_by("at", "pk"))
    assert [(entry.from_status, entry.to_status) for entry in log] == [("draft", "published"), ("published", "archived")]
    assert all(entry.user == staff[E] and entry.at >= before for entry in log)
    assert log[0].comment == "Cleared by legal"
    page = client.get(change_url(draft)).content.decode()
    assert "Cleared by legal" in page and "status changes" in page.lower()


def test_a_scheduled_story_is_rescheduled_by_a_new_time(staff):
    client = Client()
    client.force_login(staff[E])
    story = ArticleFactory(status=Article.Status.SCHEDULED, published_at=timezone.now() + datetime.timedelta(days=1))

    client.post(
        change_url(story), story_form(client, story, status="scheduled", go_live_at_0="02/01/2099", go_live_at_1="09:00:00")
    )

    story.refresh_from_db()
    assert timezone.localtime(story.published_at).date() == datetime.date(2099, 1, 2)
    assert story.transitions.get().to_status == "scheduled"
