"""Each change readers must see purges exactly the cached pages that show it (the page cache in Redis).

Every test: a reader loads pages (the second load is a cache hit, so they are
cached), the newsroom changes something, and the reader then gets the new
page, while a page that does not show the change is still served from the cache.
"""

import datetime
import time

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import article_transition
from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    DraftFactory,
    PersonFactory,
    PersonMentionFactory,
    ScheduledFactory,
    SectionFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("redis_page_cache")]


def load(reader, url: str):
    response = reader.get(url)
    assert response.status_code in (200, 404), url
    return response


def cached(reader, *urls: str) -> None:
    """Load each page until it is served from the cache."""
    for url in urls:
        load(reader, url)
        assert load(reader, url)["X-Page-Cache"] == "hit", url


def still_cached(reader, url: str) -> bool:
    return reader.get(url).get("X-Page-Cache") == "hit"


@pytest.fixture
def newsroom(committed):
    with committed():
        world, business = SectionFactory(name="World"), SectionFactory(name="Business")
        story = ArticleFactory(headline="Frigate arrives in Klaipėda", section=world)
        other = ArticleFactory(headline="Port tariffs rise", section=business)
    return {"world": world, "business": business, "story": story, "other": other}


def test_a_cached_page_is_served_without_the_database(reader, newsroom, django_assert_num_queries):
    url = newsroom["story"].get_absolute_url()
    first = load(reader, url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        again = reader.get(url)
    assert again["X-Page-Cache"] == "hit"
    assert again.content == first.content


def test_publishing_a_story_puts_it_on_the_lists_it_joins(reader, newsroom, committed):
    draft = DraftFactory(headline="Minister visits the brigade", section=newsroom["world"])
    world, business = newsroom["world"].get_absolute_url(), newsroom["business"].get_absolute_url()
    unrelated = newsroom["other"].get_absolute_url()
    cached(reader, "/", world, business, unrelated, "/feeds/latest/", "/api/articles/")
    assert b"Minister visits the brigade" not in load(reader, "/").content

    with committed():
        article_transition(draft, to=Article.Status.PUBLISHED)

    for url in ("/", world, "/feeds/latest/", "/api/articles/"):
        assert "Minister visits the brigade" in load(reader, url).content.decode(), url
    assert load(reader, draft.get_absolute_url()).status_code == 200
    # Precision: the other section and a story the new one does not link are still cached.
    assert still_cached(reader, business)
    assert still_cached(reader, unrelated)


def test_updating_a_story_shows_the_new_headline_everywhere_it_shows(reader, newsroom, committed):
    story = newsroom["story"]
    url, unrelated = story.get_absolute_url(), newsroom["other"].get_absolute_url()
    cached(reader, url, "/", newsroom["world"].get_absolute_url(), unrelated)

    with committed():
        story.headline = "Frigate leaves Klaipėda early"
        story.save()

    for page in (url, "/", newsroom["world"].get_absolute_url()):
        assert "Frigate leaves Klaipėda early" in load(reader, page).content.decode(), page
    assert still_cached(reader, unrelated)


def test_a_correction_shows_at_once(reader, newsroom, committed):
    url, unrelated = newsroom["story"].get_absolute_url(), newsroom["other"].get_absolute_url()
    cached(reader, url, unrelated)

    with committed():
        CorrectionFactory(article=newsroom["story"], text="The frigate is Danish, not Dutch.")

    assert "The frigate is Danish, not Dutch." in load(reader, url).content.decode()
    assert still_cached(reader, unrelated)


def test_unpublishing_takes_the_story_off_its_page_and_every_list(reader, newsroom, committed):
    story = newsroom["story"]
    url, unrelated = story.get_absolute_url(), newsroom["other"].get_absolute_url()
    cached(reader, url, "/", newsroom["world"].get_absolute_url(), "/api/articles/", unrelated)

    with committed():
        article_transition(story, to=Article.Status.DRAFT)

    assert load(reader, url).status_code == 404
    for page in ("/", newsroom["world"].get_absolute_url(), "/api/articles/"):
        assert "Frigate arrives" not in load(reader, page).content.decode(), page
    assert still_cached(reader, unrelated)


def test_archiving_takes_the_story_off_the_lists_and_marks_its_page(reader, newsroom, committed):
    story = newsroom["story"]
    url, unrelated = story.get_absolute_url(), newsroom["other"].get_absolute_url()
    cached(reader, url, "/", unrelated)

    with committed():
        article_transition(story, to=Article.Status.ARCHIVED)

    assert "Frigate arrives" not in load(reader, "/").content.decode()
    assert "Archived story" in load(reader, url).content.decode()
    assert still_cached(reader, unrelated)


def test_a_scheduled_story_shows_when_its_time_comes(reader, newsroom, committed):
    with committed():
        ScheduledFactory(
            headline="Exercise begins at dawn",
            section=newsroom["world"],
            published_at=timezone.now() + datetime.timedelta(seconds=2),
        )
    first = load(reader, "/")
    assert "Exercise begins at dawn" not in first.content.decode()
    # Neither the cache nor a browser or CDN keeps the page past the story's time.
    assert "max-age=1" in first["Cache-Control"] or "max-age=2" in first["Cache-Control"]
    assert "s-maxage=1" in first["Cache-Control"] or "s-maxage=2" in first["Cache-Control"]
    assert load(reader, "/")["X-Page-Cache"] == "hit"

    time.sleep(2.2)

    assert "Exercise begins at dawn" in load(reader, "/").content.decode()


def test_renaming_a_person_updates_the_pages_that_name_them(reader, newsroom, committed):
    with committed():
        person = PersonFactory(name="Laurynas Kasčiūnas")
        PersonMentionFactory(article=newsroom["story"], person=person)
    url, unrelated = newsroom["story"].get_absolute_url(), newsroom["other"].get_absolute_url()
    cached(reader, url, person.get_absolute_url(), unrelated)

    with committed():
        person.name = "Laurynas Kasciunas-Jonaitis"
        person.save()

    assert "Kasciunas-Jonaitis" in load(reader, url).content.decode()
    assert "Kasciunas-Jonaitis" in load(reader, person.get_absolute_url()).content.decode()
    assert still_cached(reader, unrelated)


def test_confirming_a_link_puts_the_story_on_the_entity_page(reader, newsroom, committed):
    with committed():
        person = PersonFactory(name="Mikko Laine")
        PersonMentionFactory(article=newsroom["other"], person=person)
    page = person.get_absolute_url()
    cached(reader, page, newsroom["story"].get_absolute_url())

    with committed():
        PersonMentionFactory(article=newsroom["story"], person=person)

    assert "Frigate arrives" in load(reader, page).content.decode()
    assert "Mikko Laine" in load(reader, newsroom["story"].get_absolute_url()).content.decode()


def test_changing_a_linked_story_updates_the_stories_that_link_it(reader, newsroom, committed):
    with committed():
        earlier = ArticleFactory(
            headline="Frigate sails from Den Helder", published_at=timezone.now() - datetime.timedelta(days=2)
        )
        CrossReferenceFactory(from_article=newsroom["story"], to_article=earlier)
    url, unrelated = newsroom["story"].get_absolute_url(), newsroom["other"].get_absolute_url()
    cached(reader, url, earlier.get_absolute_url(), unrelated)
    # The earlier story lists the new one as later coverage.
    assert "Frigate arrives" in load(reader, earlier.get_absolute_url()).content.decode()

    with committed():
        earlier.headline = "Frigate sails from Den Helder with two escorts"
        earlier.save()
        newsroom["story"].headline = "Frigate docks in Klaipėda"
        newsroom["story"].save()

    assert "with two escorts" in load(reader, url).content.decode()
    assert "Frigate docks in Klaipėda" in load(reader, earlier.get_absolute_url()).content.decode()
    assert still_cached(reader, unrelated)


def test_editing_a_draft_purges_nothing(reader, newsroom, committed):
    with committed():
        draft = DraftFactory(section=newsroom["world"])
    pages = ("/", newsroom["world"].get_absolute_url(), newsroom["story"].get_absolute_url())
    cached(reader, *pages)

    with committed():
        draft.headline = "Still a draft"
        draft.save()

    for page in pages:
        assert still_cached(reader, page), page


def test_with_a_queue_a_renamed_tag_reaches_cached_story_pages_when_its_job_has_run(
    reader, newsroom, committed, job_queue
):
    # With a broker, the save only collects the stories; the job stores their new parts and
    # purges their pages itself (a reader in between may have cached the old parts again).
    story, unrelated = newsroom["story"], newsroom["other"]
    with committed():
        story.tags.add("naval drills")
    job_queue.run()
    url = story.get_absolute_url()
    cached(reader, url, unrelated.get_absolute_url())

    from taggit.models import Tag

    tag = Tag.objects.get(name="naval drills")
    with committed():
        tag.name = "Baltic naval drills"
        tag.save()
    assert [job.func_name for job in job_queue.jobs] == ["articles.tasks.refresh_stories_parts"]
    cached(reader, url)  # the old parts, cached again before the job ran
    assert "Baltic naval drills" not in load(reader, url).content.decode()

    with committed():  # a worker's transaction commits
        job_queue.run()

    assert "Baltic naval drills" in load(reader, url).content.decode()
    assert still_cached(reader, unrelated.get_absolute_url())


def test_a_page_served_while_a_purge_runs_is_not_kept_past_the_purge(reader, newsroom, committed, monkeypatch):
    # A process keeps its last pages while no purge runs anywhere; a reader served between the
    # purge's first step and its new versions must not leave that process holding the old page.
    from django.core.cache import caches

    story = newsroom["story"]
    url = story.get_absolute_url()
    cached(reader, url)
    cache = caches["default"]
    set_many = cache.set_many
    served_meanwhile = []

    def a_reader_comes_first(data, *args, **kwargs):
        served_meanwhile.append(load(reader, url)["X-Page-Cache"])
        return set_many(data, *args, **kwargs)

    monkeypatch.setattr(cache, "set_many", a_reader_comes_first)
    with committed():
        story.headline = "Frigate leaves Klaipėda early"
        story.save()
    monkeypatch.undo()

    assert served_meanwhile == ["hit"]  # the old page: the purge had not happened yet
    assert "Frigate leaves Klaipėda early" in load(reader, url).content.decode()


def test_a_process_keeps_a_bounded_number_of_pages(settings):
    from newsroom.pagecache import _LocalPages

    settings.NEWSROOM_PAGE_CACHE_LOCAL_PAGES = 2
    pages = _LocalPages()
    for n in range(3):
        pages.put(f"page-{n}", 7, {"n": n})
    assert pages.get("page-0", 7) is None
    assert pages.get("page-2", 7) == {"n": 2}
    assert pages.get("page-2", 8) is None  # a purge ran since


def test_a_purge_made_by_another_process_reaches_this_one_within_its_local_window(
    reader, newsroom, committed, settings
):
    from django.core.cache import caches

    from newsroom import pagecache

    settings.NEWSROOM_PAGE_CACHE_LOCAL_SECONDS = 0.5
    story = newsroom["story"]
    url = story.get_absolute_url()
    cached(reader, url)
    before = caches["default"].get(pagecache._GENERATION)
    with committed():
        story.headline = "Frigate leaves Klaipėda early"
        story.save()
    # Another web process made that purge: this one read the generation just before it.
    pagecache._local._generation = (before, time.monotonic())

    assert "Frigate leaves Klaipėda early" not in load(reader, url).content.decode()
    time.sleep(0.6)
    assert "Frigate leaves Klaipėda early" in load(reader, url).content.decode()


def test_renaming_a_section_updates_the_menu_of_every_cached_page(reader, newsroom, committed):
    with committed():
        person = PersonFactory(name="Mikko Laine")
        PersonMentionFactory(article=newsroom["other"], person=person)
    pages = [person.get_absolute_url(), newsroom["story"].get_absolute_url(), "/"]
    cached(reader, *pages)

    with committed():
        newsroom["business"].name = "Economy"
        newsroom["business"].save()

    for url in pages:
        assert ">Economy<" in load(reader, url).content.decode(), url
