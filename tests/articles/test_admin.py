"""The newsroom admin for stories: lists, validation, locking, revisions, actions."""

import datetime
import re
import zoneinfo
from unittest import mock

import pytest
from django.conf import settings
from django.db import connection
from django.db.models.fields.files import FieldFile
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from taggit.forms import TagWidget

from articles import services
from articles.models import Article, CrossReference, LinkStatus
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    DraftFactory,
    PersonFactory,
    PersonMentionFactory,
    SectionFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:articles_article_changelist")


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def form_data(response) -> dict:
    """The POST an editor's browser would send for the form as displayed (story + every inline)."""
    data = {}

    def add(form):
        for bound in form:
            value = bound.value()
            if isinstance(bound.field.widget, TagWidget):
                value = bound.field.widget.format_value(value)
            if value is None or value is False or isinstance(value, FieldFile):
                continue
            if value is True:
                value = "on"
            if isinstance(value, datetime.datetime):
                value = timezone.localtime(value)
                data[f"{bound.html_name}_0"] = f"{value:%d/%m/%Y}"
                data[f"{bound.html_name}_1"] = f"{value:%H:%M:%S}"
                continue
            data[bound.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data


def split_datetime(prefix: str, value: datetime.datetime) -> dict:
    value = timezone.localtime(value)
    return {f"{prefix}_0": f"{value:%d/%m/%Y}", f"{prefix}_1": f"{value:%H:%M:%S}"}


def add_cross_reference(data: dict, to_article, relation=CrossReference.Relation.REPORTED_EARLIER) -> dict:
    prefix = "outgoing_references"
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": str(index + 1),
            f"{prefix}-{index}-to_article": str(to_article.pk),
            f"{prefix}-{index}-relation": relation,
            f"{prefix}-{index}-anchor_text": "reported earlier",
            f"{prefix}-{index}-status": LinkStatus.CONFIRMED,
        }
    )
    return data


def error_text(response) -> str:
    return response.content.decode()


# The change list.


def make_stories(count: int) -> None:
    sections = [SectionFactory(), SectionFactory()]
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=30))
    for n in range(count):
        story = ArticleFactory(section=sections[n % 2], tags=["defence", f"tag-{n}"])
        PersonMentionFactory.create_batch(2, article=story)
        PersonMentionFactory(article=story, status=LinkStatus.SUGGESTED)
        SourceAttributionFactory(article=story)
        CrossReferenceFactory(from_article=story, to_article=earlier)


def changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(CHANGELIST)
    assert response.status_code == 200
    return len(captured)


def test_change_list_uses_the_same_queries_for_3_and_30_stories(admin_client, django_assert_num_queries):
    """The list costs a fixed number of queries: counts and sections come with the rows."""
    make_stories(3)
    changelist_queries(admin_client)  # warm the content-type cache
    with_three = changelist_queries(admin_client)
    make_stories(27)
    with django_assert_num_queries(with_three):
        response = admin_client.get(CHANGELIST)
    assert response.context["cl"].result_count == 32


def test_change_list_counts_only_confirmed_links(admin_client):
    story = ArticleFactory(headline="Counted story")
    PersonMentionFactory.create_batch(2, article=story)
    PersonMentionFactory(article=story, status=LinkStatus.REJECTED)
    SourceAttributionFactory.create_batch(3, article=story)
    SourceAttributionFactory(article=story, status=LinkStatus.SUGGESTED)
    CrossReferenceFactory(from_article=story)

    page = admin_client.get(CHANGELIST).content.decode()

    assert '<td class="field-people_count">2</td>' in page
    assert '<td class="field-source_count">3</td>' in page
    assert '<td class="field-reference_count">1</td>' in page


def test_change_list_links_to_the_public_page_of_published_stories_only(admin_client):
    published = ArticleFactory()
    draft = DraftFactory()
    page = admin_client.get(CHANGELIST).content.decode()
    assert f'href="{published.get_absolute_url()}"' in page
    assert f'href="/stories/{draft.slug}/"' not in page


def test_change_list_filters_by_tag_and_searches_the_body(admin_client):
    tagged = ArticleFactory(headline="Tagged story", tags=["nato"])
    ArticleFactory(headline="Other story", body="About the Baltic Sea.")

    by_tag = admin_client.get(CHANGELIST, {"tag": "nato"})
    assert list(by_tag.context["cl"].result_list) == [tagged]
    assert "nato" in by_tag.content.decode()  # offered as a filter choice

    found = admin_client.get(CHANGELIST, {"q": "Baltic"})
    assert [a.headline for a in found.context["cl"].result_list] == ["Other story"]


# Validation keeps the editor's input.


def test_cross_reference_to_itself_is_refused_and_the_edit_stays_on_screen(admin_client):
    story = ArticleFactory(body="Old body.")
    data = form_data(admin_client.get(change_url(story)))
    data["body"] = "A brand new body the editor typed."
    add_cross_reference(data, story, relation=CrossReference.Relation.BACKGROUND)

    response = admin_client.post(change_url(story), data)

    assert response.status_code == 200
    page = error_text(response)
    assert "A story cannot refer to itself." in page
    assert "A brand new body the editor typed." in page
    story.refresh_from_db()
    assert story.body == "Old body."
    assert not CrossReference.objects.exists()


def test_the_form_cannot_move_a_public_story_s_first_publication_time(admin_client):
    """The time is the workflow's: a posted ``published_at`` is not a field of the form and changes nothing."""
    now = timezone.now()
    story = ArticleFactory(published_at=now - datetime.timedelta(hours=1), body="Old body.")
    data = form_data(admin_client.get(change_url(story)))
    data.update(split_datetime("published_at", now - datetime.timedelta(hours=3)))
    data["body"] = "Edited body text."

    assert admin_client.post(change_url(story), data).status_code == 302

    story.refresh_from_db()
    assert story.body == "Edited body text."
    assert story.published_at == now - datetime.timedelta(hours=1)


def test_reported_earlier_is_checked_against_the_time_publishing_now_gives(admin_client):
    """A draft published in the same save as its link to a story that goes out tomorrow is refused, input kept."""
    story = DraftFactory(body="Old body.")
    later = ArticleFactory(headline="Published tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))
    data = form_data(admin_client.get(change_url(story)))
    data.update({"status": "published", "body": "Edited body text."})
    add_cross_reference(data, later)

    response = admin_client.post(change_url(story), data)

    assert response.status_code == 200
    page = error_text(response)
    assert "“reported earlier” must point to an earlier story" in page
    assert "Edited body text." in page
    story.refresh_from_db()
    assert (story.status, story.published_at, story.body) == (Article.Status.DRAFT, None, "Old body.")
    assert not CrossReference.objects.exists()


def test_reported_earlier_to_a_later_story_is_refused_for_a_new_story(admin_client):
    section = SectionFactory()
    later = ArticleFactory(headline="Published tomorrow", published_at=timezone.now() + datetime.timedelta(days=1))
    data = form_data(admin_client.get(reverse("admin:articles_article_add")))
    data.update(
        {
            "headline": "A new story",
            "slug": "a-new-story",
            "body": "New body.",
            "section": section.pk,
            "status": "published",
        }
    )
    data.update(split_datetime("published_at", timezone.now() - datetime.timedelta(minutes=5)))
    add_cross_reference(data, later)

    response = admin_client.post(reverse("admin:articles_article_add"), data)

    assert response.status_code == 200
    assert "“reported earlier” must point to an earlier story" in error_text(response)
    assert not Article.objects.filter(slug="a-new-story").exists()


def test_valid_cross_reference_is_saved_and_linked_in_the_body_with_one_render(admin_client):
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    story = ArticleFactory(body="As we reported earlier, the drill went ahead.")
    data = form_data(admin_client.get(change_url(story)))
    add_cross_reference(data, earlier)
    for n in range(5):
        person = PersonFactory()
        data.update(
            {
                "person_mentions-TOTAL_FORMS": str(n + 1),
                f"person_mentions-{n}-person": person.pk,
                f"person_mentions-{n}-status": LinkStatus.CONFIRMED,
            }
        )

    with mock.patch.object(services, "render_article", wraps=services.render_article) as render:
        response = admin_client.post(change_url(story), data)

    assert response.status_code == 302, response.context and response.context["errors"]
    assert render.call_count == 1  # six saved links, one re-render
    story.refresh_from_db()
    assert f'href="{earlier.get_absolute_url()}"' in story.body_html
    assert story.person_mentions.count() == 5


# Two editors on one story.


def test_second_editor_saving_a_stale_story_is_refused_and_keeps_their_text(admin_client, client, admin_user):
    story = ArticleFactory(headline="Original headline", body="Original body.")
    client.force_login(admin_user)
    first = form_data(admin_client.get(change_url(story)))
    second = form_data(client.get(change_url(story)))
    first["headline"] = "First editor's headline"
    second["body"] = "Second editor's careful body text."

    assert admin_client.post(change_url(story), first).status_code == 302
    response = client.post(change_url(story), second)

    assert response.status_code == 200
    page = error_text(response)
    assert "Someone else saved this story after you opened it (admin at" in page
    assert "Your text is still below" in page
    assert "Second editor&#x27;s careful body text." in page or "Second editor's careful body text." in page
    story.refresh_from_db()
    assert story.headline == "First editor's headline"
    assert story.body == "Original body."
    assert story.version == 2


def test_each_save_increments_the_version(admin_client):
    story = ArticleFactory()
    for expected in (2, 3):
        data = form_data(admin_client.get(change_url(story)))
        data["headline"] = f"Headline {expected}"
        assert admin_client.post(change_url(story), data).status_code == 302
        story.refresh_from_db()
        assert story.version == expected


# Revisions.


def test_a_revision_can_be_viewed_and_restored(admin_client):
    story = DraftFactory(headline="First headline")
    for headline in ("Second headline", "Third headline"):
        data = form_data(admin_client.get(change_url(story)))
        data["headline"] = headline
        assert admin_client.post(change_url(story), data).status_code == 302

    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk]))
    assert history.status_code == 200
    revisions = [entry["url"] for entry in history.context["action_list"]]
    assert len(revisions) == 2
    oldest = revisions[-1]  # latest first

    revert_form = admin_client.get(oldest)
    assert revert_form.status_code == 200
    assert "Second headline" in revert_form.content.decode()
    story.refresh_from_db()
    assert story.headline == "Third headline"  # viewing changes nothing

    response = admin_client.post(oldest, form_data(revert_form))
    assert response.status_code == 302
    story.refresh_from_db()
    assert story.headline == "Second headline"
    assert story.version == 4  # the number moves on, never back to the old revision's


def test_recover_list_offers_a_deleted_story(admin_client):
    story = DraftFactory(headline="Deleted by mistake")
    data = form_data(admin_client.get(change_url(story)))
    admin_client.post(change_url(story), data)
    admin_client.post(reverse("admin:articles_article_delete", args=[story.pk]), {"post": "yes"})
    assert not Article.objects.filter(pk=story.pk).exists()

    response = admin_client.get(reverse("admin:articles_article_recoverlist"))
    assert response.status_code == 200
    assert "Deleted by mistake" in response.content.decode()


# Actions.


def test_actions_publish_unpublish_and_archive(admin_client):
    draft = DraftFactory()
    editor_version = draft.version

    admin_client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.is_published
    assert draft.version == editor_version + 1  # an editor's open form is now stale
    assert admin_client.get(draft.get_absolute_url()).status_code == 200

    admin_client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT
    assert not draft.is_published

    admin_client.post(CHANGELIST, {"action": "archive", "_selected_action": [draft.pk]})
    draft.refresh_from_db()
    assert draft.status == Article.Status.ARCHIVED


def test_publish_now_keeps_the_time_of_an_already_visible_story(admin_client):
    story = ArticleFactory()
    original = story.published_at
    admin_client.post(CHANGELIST, {"action": "publish_now", "_selected_action": [story.pk]})
    story.refresh_from_db()
    assert story.published_at == original


def test_story_autocomplete_for_cross_references_finds_stories(admin_client):
    target = ArticleFactory(headline="Drill in Pabradė")
    response = admin_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "crossreference", "field_name": "to_article", "term": "Drill"},
    )
    assert response.status_code == 200
    assert [r["id"] for r in response.json()["results"]] == [str(target.pk)]


def test_source_page_lists_its_attributions_with_their_stories(admin_client):
    source = SourceFactory(name="LRT")
    story = ArticleFactory(headline="Story citing LRT")
    SourceAttributionFactory(article=story, source=source, cue="according to LRT")
    page = admin_client.get(reverse("admin:entities_source_change", args=[source.pk])).content.decode()
    assert "Story citing LRT" in page
    assert change_url(story) in page
    assert "according to LRT" in page


def test_change_form_shows_every_link_and_former_addresses(admin_client):
    story = ArticleFactory(slug="first-address")
    story.slug = "second-address"
    story.save()
    PersonMentionFactory(article=story, person=PersonFactory(name="Laurynas Kasčiūnas"))
    SourceAttributionFactory(article=story, source=SourceFactory(name="BNS"), cue="according to BNS")
    CrossReferenceFactory(from_article=story, anchor_text="reported earlier")

    response = admin_client.get(change_url(story))

    page = response.content.decode()
    assert response.status_code == 200
    for text in ("Laurynas Kasčiūnas", "according to BNS", "reported earlier", "first-address"):
        assert text in page
    assert 'name="version" value="1"' in page


def test_restoring_a_revision_links_entities_at_their_current_address(admin_client):
    """The restored story's HTML is rendered anew, not the old revision's stored links."""
    person = PersonFactory(name="Laurynas Kasčiūnas", slug="old-address")
    story = DraftFactory(body="Laurynas Kasčiūnas visited the troops.")
    PersonMentionFactory(article=story, person=person)
    for body in ("Laurynas Kasčiūnas visited the troops in Rukla.", "Rewritten."):
        data = form_data(admin_client.get(change_url(story)))
        data["body"] = body
        assert admin_client.post(change_url(story), data).status_code == 302
    person.slug = "new-address"
    person.save()
    first_revision = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).context[
        "action_list"
    ][-1]["url"]

    response = admin_client.post(first_revision, form_data(admin_client.get(first_revision)))

    assert response.status_code == 302
    story.refresh_from_db()
    assert story.body == "Laurynas Kasčiūnas visited the troops in Rukla."
    assert 'href="/people/new-address/"' in story.body_html


def test_change_form_offers_view_on_site_only_for_published_stories(admin_client):
    published, draft = ArticleFactory(), DraftFactory()
    assert "View on site" in admin_client.get(change_url(published)).content.decode()
    assert "View on site" not in admin_client.get(change_url(draft)).content.decode()


def test_delete_selected_removes_stories_with_their_links(admin_client):
    story = ArticleFactory()
    PersonMentionFactory.create_batch(2, article=story)
    CrossReferenceFactory(from_article=story)

    response = admin_client.post(
        CHANGELIST, {"action": "delete_selected", "_selected_action": [story.pk], "post": "yes"}
    )

    assert response.status_code == 302
    assert not Article.objects.filter(pk=story.pk).exists()


# What the change list says about visibility.

VILNIUS = zoneinfo.ZoneInfo("Europe/Vilnius")
CHRISTMAS_2099 = datetime.datetime(2099, 12, 25, 9, 0, tzinfo=VILNIUS)


def status_cells(page: str) -> list[str]:
    return re.findall(r'<td class="field-visibility">(.*?)</td>', page)


def test_change_list_says_when_a_scheduled_story_goes_live(admin_client):
    """A "published" story with a future time is not live: the list says when it will be."""
    ArticleFactory(headline="Christmas story", status=Article.Status.PUBLISHED, published_at=CHRISTMAS_2099)
    ArticleFactory(
        headline="Planned story", status=Article.Status.SCHEDULED, published_at=CHRISTMAS_2099 + datetime.timedelta(days=1)
    )
    live = ArticleFactory(headline="Live story")
    DraftFactory(headline="Draft story")

    cells = status_cells(admin_client.get(CHANGELIST).content.decode())

    assert "Scheduled — goes live 25 Dec 2099, 09:00" in cells
    assert "Scheduled — goes live 26 Dec 2099, 09:00" in cells
    assert "Draft" in cells
    assert f'Published · <a href="{live.get_absolute_url()}"' in " ".join(cells)
    assert not any(cell.startswith("Published") and "2099" in cell for cell in cells)


def test_change_list_filters_by_visibility_and_sorts_by_status(admin_client):
    scheduled = ArticleFactory(status=Article.Status.PUBLISHED, published_at=CHRISTMAS_2099)
    live = ArticleFactory()
    draft = DraftFactory()

    def listed(**params):
        response = admin_client.get(CHANGELIST, params)
        assert response.status_code == 200
        return list(response.context["cl"].result_list)

    assert listed(visibility="live") == [live]
    assert listed(visibility="scheduled") == [scheduled]
    assert listed(visibility="not_published") == [draft]
    page = admin_client.get(CHANGELIST).content.decode()
    assert "By visibility" in page and "Scheduled (future)" in page
    by_status = listed(o="3")
    assert [a.status for a in by_status] == sorted(a.status for a in by_status)


def test_change_list_leads_with_the_headline_and_short_column_titles(admin_client):
    story = ArticleFactory(headline="Lithuania buys air defence systems from Norway")
    page = admin_client.get(CHANGELIST).content.decode()

    assert f'<th class="field-headline"><a href="{change_url(story)}">{story.headline}</a></th>' in page
    columns = re.findall(r'<th scope="col" class="[^"]*column-(\w+)[^"]*">', page)
    assert columns == ["headline", "section", "visibility", "published", "people_count", "source_count", "reference_count", "analysis_state"]
    titles = re.findall(r'<div class="text"><a href="[^"]*">([^<]+)</a></div>', page)
    assert titles == ["Headline", "Section", "Status", "Published", "People", "Sources", "Links", "Analysis"]
    # The count columns are kept narrow, by a stylesheet (the Content-Security-Policy allows no inline style).
    assert "/static/css/admin_story_list.css" in page
    assert "#result_list td.field-people_count" in (settings.BASE_DIR / "static/css/admin_story_list.css").read_text()


# Autocomplete for cross-references.


def story_autocomplete(client, term: str) -> list[str]:
    response = client.get(
        reverse("admin:autocomplete"),
        {"app_label": "articles", "model_name": "crossreference", "field_name": "to_article", "term": term},
    )
    assert response.status_code == 200
    return [result["text"] for result in response.json()["results"]]


def test_story_autocomplete_searches_headlines_and_addresses_not_bodies(admin_client):
    ArticleFactory(headline="Drill ends", body="Troops trained in Pabradė.")
    ArticleFactory(headline="Pabradė range expands", slug="range-expands")
    ArticleFactory(headline="Range news", slug="pabrade-news")

    assert sorted(story_autocomplete(admin_client, "Pabrad")) == ["Pabradė range expands", "Range news"]
    # The change list's search still reads the bodies.
    found = admin_client.get(CHANGELIST, {"q": "Pabradė"}).context["cl"].result_list
    assert "Drill ends" in [story.headline for story in found]


def test_story_autocomplete_offers_published_stories_first(admin_client):
    now = timezone.now()
    DraftFactory(headline="Radar plan (draft)")
    ArticleFactory(headline="Radar plan (scheduled)", status=Article.Status.PUBLISHED, published_at=CHRISTMAS_2099)
    ArticleFactory(headline="Radar plan (last year)", published_at=now - datetime.timedelta(days=365))
    ArticleFactory(headline="Radar plan (last week)", published_at=now - datetime.timedelta(days=7))

    results = story_autocomplete(admin_client, "Radar plan")

    assert results[:2] == ["Radar plan (last week)", "Radar plan (last year)"]
    assert set(results[2:]) == {"Radar plan (draft)", "Radar plan (scheduled)"}


def test_story_autocomplete_does_not_count_links(admin_client):
    story = ArticleFactory(headline="Counted nowhere")
    PersonMentionFactory(article=story)
    with CaptureQueriesContext(connection) as captured:
        assert story_autocomplete(admin_client, "Counted") == ["Counted nowhere"]
    sql = " ".join(query["sql"] for query in captured)
    assert "articles_personmention" not in sql and "articles_crossreference" not in sql


# Entity pages.


def test_source_page_shows_story_times_in_the_newsroom_time_zone(admin_client):
    source = SourceFactory(name="LRT")
    story = ArticleFactory(published_at=datetime.datetime(2026, 10, 8, 10, 15, tzinfo=datetime.UTC))
    SourceAttributionFactory(article=story, source=source)

    page = admin_client.get(reverse("admin:entities_source_change", args=[source.pk])).content.decode()

    assert "8 Oct 2026, 13:15" in page  # Vilnius, summer time
    assert "+00:00" not in page and "10:15" not in page
