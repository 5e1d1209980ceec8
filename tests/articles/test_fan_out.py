"""The re-render fan-out: a change other stories show is saved at once and their HTML follows in jobs."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, LinkStatus, PersonMention
from articles.services import render_article
from entities.models import Person
from tests.articles.test_admin import form_data
from tests.factories import ArticleFactory, CrossReferenceFactory, PersonFactory, PersonMentionFactory, SectionFactory

pytestmark = pytest.mark.django_db


def stories_mentioning(person: Person, count: int) -> list[int]:
    """``count`` published stories confirming a mention of ``person``, made in bulk (their HTML not yet rendered)."""
    section = SectionFactory()
    now = timezone.now()
    first = Article.objects.count()
    Article.objects.bulk_create(
        Article(
            headline=f"Bulk story {first + n}",
            slug=f"bulk-story-{first + n}",
            body=f"{person.name} spoke in Vilnius.\nA second paragraph.",
            body_html="<p>not rendered</p>",
            section=section,
            status=Article.Status.PUBLISHED,
            published_at=now - datetime.timedelta(minutes=n + 1),
        )
        for n in range(count)
    )
    ids = list(Article.objects.filter(slug__startswith="bulk-story-").values_list("pk", flat=True))
    PersonMention.objects.bulk_create(
        PersonMention(article_id=pk, person=person, status=LinkStatus.CONFIRMED) for pk in ids
    )
    return ids


def rename(admin_client, person: Person, name: str, slug: str):
    """The editor's rename: a new name and address; the old spelling (which the stories use) becomes an alias."""
    url = reverse("admin:entities_person_change", args=[person.pk])
    data = {**form_data(admin_client.get(url)), "name": name, "slug": slug, "aliases": person.name}
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return len(queries)


def links_to(slug: str) -> int:
    return Article.objects.filter(body_html__contains=f'href="/people/{slug}/"').count()


def test_a_rename_saves_at_once_and_re_renders_its_stories_in_batches_of_500(admin_client, job_queue):
    person = PersonFactory(name="Laurynas Kasčiūnas")
    ids = stories_mentioning(person, 501)

    rename(admin_client, person, "Laurynas Kasčiūnas-Minister", "laurynas-kasciunas-new")

    # The save rendered none of them: two re-render jobs wait, of 500 stories and of 1.
    rerenders = [job for job in job_queue.jobs if job.func_name == "articles.tasks.rerender_stories"]
    assert [len(job.args[0]) for job in rerenders] == [500, 1]
    assert links_to("laurynas-kasciunas-new") == 0
    job_queue.run()
    assert links_to("laurynas-kasciunas-new") == len(ids) == 501
    assert job_queue.count == 0


def test_the_rename_save_costs_the_same_queries_for_12_stories_as_for_1200(admin_client, job_queue):
    few, many = PersonFactory(name="Ona Few"), PersonFactory(name="Jonas Many")
    stories_mentioning(few, 12)
    stories_mentioning(many, 1200)
    assert rename(admin_client, few, "Ona Fewer", "ona-fewer") == rename(admin_client, many, "Jonas More", "jonas-more")


def test_without_a_broker_the_stories_follow_the_rename_once_the_save_commits(admin_client):
    person = PersonFactory(name="Gabrielius Landsbergis")
    stories_mentioning(person, 30)
    rename(admin_client, person, "G. Landsbergis", "g-landsbergis")
    assert links_to("g-landsbergis") == 30
    assert Article.objects.filter(body_html="<p>not rendered</p>").count() == 0


def test_running_a_re_render_job_twice_gives_the_same_html(job_queue):
    from articles.tasks import rerender_stories

    story = ArticleFactory(body="Ona Šimonytė spoke.")
    PersonMentionFactory(article=story, person=PersonFactory(name="Ona Šimonytė"))
    rerender_stories([story.pk])
    first = Article.objects.values_list("body_html", flat=True).get(pk=story.pk)
    rerender_stories([story.pk])
    assert Article.objects.values_list("body_html", flat=True).get(pk=story.pk) == first
    assert 'href="/people/ona-simonyte/"' in first


def test_a_linked_storys_new_headline_reaches_the_stories_that_link_it_through_a_job(job_queue):
    earlier = ArticleFactory(headline="Drills begin", published_at=timezone.now() - datetime.timedelta(days=2))
    later = ArticleFactory(body="As we reported earlier, drills began.")
    CrossReferenceFactory(from_article=later, to_article=earlier, anchor_text="reported earlier")
    job_queue.run()
    render_article(later)
    assert "Drills begin" in Article.objects.get(pk=later.pk).body_html

    earlier.headline = "Drills begin near Pabradė"
    earlier.save()
    assert [job.args for job in job_queue.jobs if job.func_name == "articles.tasks.rerender_stories"] == [([later.pk],)]
    job_queue.run()
    assert "Drills begin near Pabradė" in Article.objects.get(pk=later.pk).body_html
