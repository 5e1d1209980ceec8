"""The story analysis as a job: a save never waits for it, the admin shows where it stands."""

from unittest import mock

import pytest
from django.urls import reverse
from rq.job import JobStatus

from articles.models import Article, PersonMention, StoryAnalysis, Suggestion
from articles.tasks import analyse_story, request_analysis
from entities.models import Person
from tests.articles.test_admin import CHANGELIST, change_url, form_data
from tests.articles.test_admin_suggestions import BODY
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def write_story(admin_client):
    add = reverse("admin:articles_article_add")
    data = {
        **form_data(admin_client.get(add)),
        "headline": "Estonia to buy coastal radars",
        "slug": "estonia-to-buy-coastal-radars",
        "body": BODY,
        "section": SectionFactory().pk,
        "status": "draft",
    }
    response = admin_client.post(add, data, follow=True)
    assert response.status_code == 200
    return Article.objects.get(slug="estonia-to-buy-coastal-radars"), response.content.decode()


def test_a_save_queues_the_analysis_and_the_story_shows_it_pending_until_a_worker_runs_it(admin_client, job_queue):
    Person.objects.create(name="Ilmar Saar")
    story, page = write_story(admin_client)

    # Saved, not analysed: the job waits on the queue and the form says so.
    assert "Analysis requested" in page
    assert story.analysis.status == StoryAnalysis.Status.PENDING
    assert not PersonMention.objects.filter(article=story).exists()
    assert "Analysis pending" in admin_client.get(change_url(story)).content.decode()
    assert "articles.tasks.analyse_story" in [job.func_name for job in job_queue.jobs]

    job_queue.run()

    story.analysis.refresh_from_db()
    assert story.analysis.status == StoryAnalysis.Status.DONE
    assert PersonMention.objects.filter(article=story, person__name="Ilmar Saar").exists()
    page = admin_client.get(change_url(story)).content.decode()
    assert "Analysis done" in page and "Ilmar Saar" in page


def test_without_a_broker_the_analysis_is_done_when_the_save_has_committed(admin_client):
    story, _ = write_story(admin_client)
    assert story.analysis.status == StoryAnalysis.Status.DONE
    assert Suggestion.objects.filter(article=story, kind="person", name="Tarmo Kask").exists()


def test_a_failing_analysis_is_shown_failed_and_retried_on_the_queue(job_queue):
    story = ArticleFactory(body=BODY)
    request_analysis(story.pk)
    job_id = job_queue.job_ids[0]
    with mock.patch("articles.tasks.analyse_article", side_effect=RuntimeError("matcher unavailable")):
        job_queue.run()
    assert job_queue.fetch_job(job_id).get_status() == JobStatus.FAILED  # after its retries
    story.analysis.refresh_from_db()
    assert story.analysis.status == StoryAnalysis.Status.FAILED
    assert "matcher unavailable" in story.analysis.summary


def test_running_the_analysis_twice_proposes_each_thing_once():
    story = ArticleFactory(body=BODY)
    analyse_story(story.pk)
    first = sorted(Suggestion.objects.filter(article=story).values_list("kind", "name"))
    analyse_story(story.pk)
    assert sorted(Suggestion.objects.filter(article=story).values_list("kind", "name")) == first
    assert first


def test_a_job_for_an_older_save_leaves_the_newer_request_pending(job_queue):
    story = ArticleFactory(body=BODY)
    request_analysis(story.pk)
    older = job_queue.jobs[0]
    request_analysis(story.pk)
    analyse_story(*older.args, **older.kwargs)
    assert StoryAnalysis.objects.get(article=story).status == StoryAnalysis.Status.PENDING


def test_the_story_list_shows_and_filters_by_where_the_analysis_stands(admin_client, job_queue):
    pending, done, never = (ArticleFactory(headline=h) for h in ("Pending story", "Analysed story", "Never analysed"))
    request_analysis(pending.pk)
    request_analysis(done.pk)
    analyse_story(done.pk)
    StoryAnalysis.objects.filter(article=done).update(status=StoryAnalysis.Status.DONE)

    page = admin_client.get(CHANGELIST).content.decode()
    assert '<td class="field-analysis_state">pending</td>' in page
    assert '<td class="field-analysis_state">done</td>' in page
    listed = admin_client.get(CHANGELIST, {"analysis": "pending"}).content.decode()
    assert "Pending story" in listed and "Analysed story" not in listed and "Never analysed" not in listed
    listed = admin_client.get(CHANGELIST, {"analysis": "never"}).content.decode()
    assert "Never analysed" in listed and "Pending story" not in listed
