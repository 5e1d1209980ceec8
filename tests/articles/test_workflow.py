"""
The workflow service and truthful times: a story's first publication time never
changes once readers have seen it, whatever is done to it; a separate "updated"
time dates changes to its words; every step is logged.
"""

import datetime
from unittest import mock

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, CrossReference
from articles.services import article_transition
from tests.factories import ArticleFactory, CrossReferenceFactory, DraftFactory

pytestmark = pytest.mark.django_db

Status = Article.Status
HOUR = datetime.timedelta(hours=1)


def at_time(moment: datetime.datetime):
    """Run as if it were ``moment`` (the workflow and the visibility rules read ``timezone.now``)."""
    return mock.patch("django.utils.timezone.now", return_value=moment)


def visible(article: Article) -> bool:
    return Article.objects.published().filter(pk=article.pk).exists()


def test_publishing_now_sets_the_first_publication_time_and_logs_the_step():
    story = DraftFactory()
    now = timezone.now()

    entry = article_transition(story, to=Status.PUBLISHED, comment="Cleared", now=now)

    story.refresh_from_db()
    assert (story.status, story.published_at) == (Status.PUBLISHED, now)
    assert (entry.from_status, entry.to_status, entry.comment, entry.at) == ("draft", "published", "Cleared", now)
    assert visible(story)


def test_publish_now_unpublish_republish_and_schedule_never_move_the_first_publication_time():
    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    first = story.published_at

    with pytest.raises(ValidationError):  # already live: refused, nothing moves
        article_transition(story, to=Status.PUBLISHED)
    story.refresh_from_db()
    assert story.published_at == first
    article_transition(story, to=Status.DRAFT)
    article_transition(story, to=Status.PUBLISHED)
    story.refresh_from_db()
    assert story.published_at == first and visible(story)

    article_transition(story, to=Status.DRAFT)
    back_at = timezone.now() + datetime.timedelta(days=1)
    article_transition(story, to=Status.SCHEDULED, at=back_at)
    story.refresh_from_db()
    assert story.published_at == first
    assert not visible(story) and story.goes_live_at == back_at
    with at_time(back_at + HOUR):
        assert visible(story)
        assert Article.objects.get(pk=story.pk).published_at == first

    article_transition(story, to=Status.ARCHIVED, now=back_at + HOUR)
    story.refresh_from_db()
    assert story.published_at == first


def test_publish_now_on_a_live_story_is_refused():
    story = ArticleFactory()
    with pytest.raises(ValidationError, match="cannot be moved to “published”"):
        article_transition(story, to=Status.PUBLISHED)


def test_a_schedule_that_never_came_leaves_no_publication_time():
    """Unscheduled before its time: a draft with no date, never "was public"."""
    story = DraftFactory()
    article_transition(story, to=Status.SCHEDULED, at=timezone.now() + datetime.timedelta(days=2))
    article_transition(story, to=Status.ARCHIVED)
    story.refresh_from_db()
    assert story.published_at is None and not story.has_been_public
    assert not Article.objects.reachable().filter(pk=story.pk).exists()


def test_a_scheduled_story_that_went_live_keeps_its_time_when_unpublished():
    story = DraftFactory()
    goes_live = timezone.now() + HOUR
    article_transition(story, to=Status.SCHEDULED, at=goes_live)
    with at_time(goes_live + HOUR):
        assert visible(story)
        article_transition(story, to=Status.DRAFT)
    story.refresh_from_db()
    assert story.published_at == goes_live
    assert story.transitions.order_by("pk").last().from_status == "published"


def test_scheduling_needs_a_future_time():
    with pytest.raises(ValidationError, match="time in the future"):
        article_transition(DraftFactory(), to=Status.SCHEDULED, at=timezone.now() - HOUR)


def test_a_user_without_the_publish_permission_cannot_publish(django_user_model):
    reporter = django_user_model.objects.create_user("reporter")
    with pytest.raises(PermissionDenied):
        article_transition(DraftFactory(created_by=reporter), to=Status.PUBLISHED, user=reporter)


def test_going_live_before_the_story_it_says_it_reported_earlier_is_refused():
    draft = DraftFactory()
    later = ArticleFactory(published_at=timezone.now() + datetime.timedelta(days=1))
    CrossReferenceFactory(from_article=draft, to_article=ArticleFactory(published_at=timezone.now() - HOUR))
    CrossReference.objects.create(from_article=draft, to_article=later, anchor_text="", status="confirmed")

    with pytest.raises(ValidationError, match="reported earlier"):
        article_transition(draft, to=Status.PUBLISHED)
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT and draft.published_at is None


STEPS = st.lists(
    st.tuples(
        st.sampled_from([Status.DRAFT, Status.IN_REVIEW, Status.SCHEDULED, Status.PUBLISHED, Status.ARCHIVED]),
        st.integers(min_value=1, max_value=72),  # hours to a scheduled time
        st.integers(min_value=0, max_value=72),  # hours that pass before the next step
    ),
    max_size=12,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=STEPS)
def test_once_readers_have_seen_a_story_its_first_publication_time_never_changes(steps):
    """Any sequence of steps, with time passing between them (property-based)."""
    story = DraftFactory()
    clock = timezone.now()
    seen_at = None
    for to, schedule_in, wait in steps:
        with at_time(clock):
            try:
                article_transition(story, to=to, at=clock + datetime.timedelta(hours=schedule_in)
                                   if to == Status.SCHEDULED else None)
            except ValidationError:
                pass
        clock += datetime.timedelta(hours=wait)
        with at_time(clock):
            story.refresh_from_db()
            if visible(story) and seen_at is None:
                seen_at = story.published_at
            if seen_at is not None:
                assert story.published_at == seen_at
            if story.published_at is not None and story.published_at <= clock:
                assert seen_at is not None or story.status in {Status.SCHEDULED, Status.PUBLISHED}
    story.delete()


# The "updated" time.


def test_changing_the_words_of_a_public_story_dates_an_update():
    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    assert story.updated_at is None

    story.body = "A corrected paragraph."
    story.save()

    assert story.updated_at is not None and story.was_updated
    assert abs(story.updated_at - timezone.now()) < datetime.timedelta(seconds=5)


def test_status_changes_and_edits_to_drafts_are_not_updates():
    draft = DraftFactory()
    draft.body = "Still writing."
    draft.save()
    article_transition(draft, to=Status.PUBLISHED)
    draft.refresh_from_db()
    assert draft.updated_at is None

    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    story.lead_image_caption = "A new caption"
    story.save()
    article_transition(story, to=Status.ARCHIVED)
    story.refresh_from_db()
    assert story.updated_at is None


def test_the_update_shows_on_the_page_and_in_the_api(client):
    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Updated" not in page
    assert client.get(f"/api/articles/{story.slug}/").json()["updated_at"] == story.published_at.isoformat().replace(
        "+00:00", "Z"
    )

    story.body = "Rewritten after the vote."
    story.save()

    page = " ".join(client.get(story.get_absolute_url()).content.decode().split())
    assert f'Updated <time datetime="{timezone.localtime(story.updated_at).isoformat()}">' in page
    data = client.get(f"/api/articles/{story.slug}/").json()
    assert data["updated_at"] == story.updated_at.isoformat().replace("+00:00", "Z")
    assert data["published_at"] == story.published_at.isoformat().replace("+00:00", "Z")


# The import command takes the same path.


def test_importing_with_publish_goes_through_the_workflow(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Radar ordered\nEstonia ordered radars.\n", encoding="utf-8")
    call_command("import_stories", str(path), "--publish", "--published-at", "2025-02-03T10:00:00+02:00")
    story = Article.objects.get()
    (entry,) = story.transitions.all()
    assert (entry.from_status, entry.to_status, entry.user) == ("draft", "published", None)
    assert story.published_at == datetime.datetime(2025, 2, 3, 8, tzinfo=datetime.UTC)


def test_importing_with_a_future_time_schedules(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Radar ordered\nEstonia ordered radars.\n", encoding="utf-8")
    call_command("import_stories", str(path), "--publish", "--published-at", "2099-02-03T10:00:00+02:00")
    story = Article.objects.get()
    assert story.is_scheduled and story.transitions.get().to_status == "scheduled"


# Reverting to an old revision restores words and links, never the workflow's state.


def test_a_revert_keeps_the_status_and_first_publication_time_and_dates_an_update(admin_client):
    from django.urls import reverse

    from tests.articles.test_admin import change_url, form_data

    story = DraftFactory(headline="Draft headline", body="First words.")
    data = form_data(admin_client.get(change_url(story)))
    data.update({"body": "Draft words."})
    assert admin_client.post(change_url(story), data).status_code == 302
    data = form_data(admin_client.get(change_url(story)))
    data.update({"body": "Words as published.", "status": "published"})
    assert admin_client.post(change_url(story), data).status_code == 302
    story.refresh_from_db()
    first = story.published_at
    assert story.is_published and story.updated_at is None

    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk]))
    draft_revision = history.context["action_list"][-1]["url"]  # saved as a draft
    revert_form = admin_client.get(draft_revision)
    assert "Draft words." in revert_form.content.decode()
    assert admin_client.post(draft_revision, form_data(revert_form)).status_code == 302

    story.refresh_from_db()
    assert story.body == "Draft words."
    assert (story.status, story.published_at) == (Status.PUBLISHED, first)
    assert story.updated_at is not None and story.updated_at > first
    assert story.transitions.count() == 1  # the revert took no workflow step
