"""The reader site's pages show what a reader needs, with addresses that keep working."""

import datetime
import re
from unittest import mock

import pytest
from django.db import DatabaseError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, Byline, LinkStatus
from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    DraftFactory,
    ImageFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    RoleFactory,
    SectionFactory,
    SourceAttributionFactory,
    SourceFactory,
)

pytestmark = pytest.mark.django_db


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


@pytest.fixture
def minister():
    """A person who was an MP until March 2024 and has been Minister of Defence since."""
    person = PersonFactory(name="Aldona Vaitkutė")
    RoleFactory(
        person=person,
        title="Member of Parliament",
        start_date=datetime.date(2016, 11, 1),
        end_date=datetime.date(2024, 3, 1),
    )
    RoleFactory(person=person, title="Minister of Defence", start_date=datetime.date(2024, 3, 2))
    return person


def test_healthz_answers_200_when_app_and_database_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("articles.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503


# The story page


def test_story_page_shows_headline_standfirst_byline_times_and_stored_body(client):
    story = ArticleFactory(
        headline="Battalion stays", standfirst="No end date is set.", lead_image=ImageFactory(renditions=False)
    )
    Byline.objects.create(article=story, name="Rūta Petraitė", credit=Byline.Credit.REPORTING, position=0)
    Byline.objects.create(article=story, name="John Smith", credit=Byline.Credit.REPORTING, position=1)
    Byline.objects.create(article=story, name="Ona Jonaitė", credit=Byline.Credit.PHOTOS, position=2)

    response = client.get(story.get_absolute_url())

    html = response.content.decode()
    assert response.status_code == 200
    assert "<title>Battalion stays — The Gaze</title>" in html
    assert html.count("<h1") == 1
    assert "No end date is set." in html
    assert "Reporting by Rūta Petraitė and John Smith; photos by Ona Jonaitė" in html
    assert f'<time datetime="{timezone.localtime(story.published_at).isoformat()}">' in html
    assert story.body_html in html


def test_story_without_a_photo_credits_no_photographer(client):
    """A "photos by" credit under a story that shows no photo credits nothing a reader can see."""
    story = ArticleFactory(headline="No picture here")
    Byline.objects.create(article=story, name="Oskar Lind", credit=Byline.Credit.REPORTING, position=0)
    Byline.objects.create(article=story, name="Oskar Lind", credit=Byline.Credit.PHOTOS, position=1)

    html = client.get(story.get_absolute_url()).content.decode()

    assert '<p class="byline">Reporting by Oskar Lind</p>' in html
    assert "photos by" not in html.lower()


def test_story_with_only_a_photo_credit_and_no_photo_has_no_byline(client):
    story = ArticleFactory()
    Byline.objects.create(article=story, name="Ona Jonaitė", credit=Byline.Credit.PHOTOS, position=0)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Ona Jonaitė" not in html and 'class="byline"' not in html


def test_story_page_uses_the_stored_html_and_processes_no_text(client):
    """The body is rendered on save; a page view shows it as stored and never renders."""
    story = ArticleFactory()
    Article.objects.filter(pk=story.pk).update(body_html="<p>Stored <em>marker</em> paragraph.</p>")
    with (
        mock.patch("articles.services.rendered_body", side_effect=AssertionError("rendered on a page view")),
        mock.patch("articles.rendering.annotate", side_effect=AssertionError("annotated on a page view")),
    ):
        response = client.get(story.get_absolute_url())
    assert "<p>Stored <em>marker</em> paragraph.</p>" in response.content.decode()


def test_story_page_shows_lead_image_with_caption_credit_and_alt(client):
    story = ArticleFactory(lead_image=ImageFactory(credit="Ona Jonaitė"))
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'alt="Soldiers walking beside armoured vehicles"' in html
    assert "<figcaption>" in html and "Troops at the Pabradė range." in html and "Ona Jonaitė" in html


def test_a_story_s_own_caption_replaces_the_library_caption(client):
    story = ArticleFactory(lead_image=ImageFactory(), lead_image_caption="The battalion on its first day at Pabradė.")
    html = client.get(story.get_absolute_url()).content.decode()
    assert "The battalion on its first day at Pabradė." in html and "Troops at the Pabradė range." not in html


def sources_box_lines(html: str) -> list[str]:
    """The Sources box as a reader reads it: one line of text per entry, tags and spacing removed."""
    box = html[html.index('<section class="box sources"') :]
    box = box[box.index("<ul>") : box.index("</ul>")]
    return [" ".join(re.sub(r"<[^>]+>", " ", item).split()) for item in box.split("<li>")[1:]]


def test_story_page_lists_each_source_after_the_words_that_cite_it(client):
    story = ArticleFactory()
    source = SourceFactory(name="LRT")
    SourceAttributionFactory(article=story, source=source, kind="according_to", cue="according to LRT")
    SourceAttributionFactory(article=story, source=SourceFactory(name="Hidden Wire"), status=LinkStatus.SUGGESTED)

    html = client.get(story.get_absolute_url()).content.decode()

    assert f'<a href="{source.get_absolute_url()}">LRT</a>' in html
    assert sources_box_lines(html) == ["According to LRT"]
    assert "Hidden Wire" not in html, "a suggested attribution is not the newsroom's word yet"


def test_a_source_cited_two_ways_is_one_line_naming_both_without_repeating_the_cues(client):
    story = ArticleFactory()
    svt = SourceFactory(name="SVT")
    SourceAttributionFactory(article=story, source=svt, kind="as_reported_by", cue="as reported by SVT")
    SourceAttributionFactory(article=story, source=svt, kind="according_to", cue="According to SVT")
    press = SourceFactory(name="the Lithuanian Ministry of National Defence press service")
    SourceAttributionFactory(article=story, source=press, kind="statement", cue="the ministry said in a statement")

    html = client.get(story.get_absolute_url()).content.decode()

    assert sources_box_lines(html) == [
        "According to and as reported by SVT",
        "Statement from the Lithuanian Ministry of National Defence press service",
    ]
    assert html.count(f'href="{svt.get_absolute_url()}"') == 1


def test_story_page_shows_people_organisations_places_quotes_tags_and_corrections(client):
    story = ArticleFactory(tags=["Troops"])
    PersonMentionFactory(article=story, person=PersonFactory(name="Mikko Laine"))
    PersonMentionFactory(article=story, person=PersonFactory(name="Rejected Person"), status=LinkStatus.REJECTED)
    OrganizationMentionFactory(article=story, organization=OrganizationFactory(name="NATO"))
    PlaceMentionFactory(article=story, place=PlaceFactory(name="Pabradė"))
    QuoteFactory(article=story, text="We stay as long as needed", speaker=PersonFactory(name="Lina Speaker"))
    CorrectionFactory(article=story, text="The exercise was in May.", created_at=at(2025, 3, 4))

    html = client.get(story.get_absolute_url()).content.decode()

    for shown in ("Mikko Laine", "NATO", "Pabradė", "We stay as long as needed", "Lina Speaker", "Troops"):
        assert shown in html
    assert "Rejected Person" not in html
    assert 'href="/tag/troops/"' in html
    assert "The exercise was in May." in html and "4 March 2025" in html


def test_story_page_shows_a_persons_title_as_of_publication(client, minister):
    story = ArticleFactory(published_at=at(2025, 1, 10))
    PersonMentionFactory(article=story, person=minister)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Minister of Defence" in html
    assert "Member of Parliament" not in html


def test_story_from_before_the_appointment_shows_the_earlier_title(client, minister):
    story = ArticleFactory(published_at=at(2023, 6, 1))
    PersonMentionFactory(article=story, person=minister)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Member of Parliament" in html
    assert "Minister of Defence" not in html


def test_earlier_story_lists_the_later_one_under_later_coverage(client):
    earlier = ArticleFactory(headline="Ministry orders air defence", published_at=at(2025, 1, 1))
    later = ArticleFactory(headline="Air defence arrives", published_at=at(2025, 2, 1))
    CrossReferenceFactory(from_article=later, to_article=earlier)

    earlier_html = client.get(earlier.get_absolute_url()).content.decode()
    later_html = client.get(later.get_absolute_url()).content.decode()

    assert "Later coverage" in earlier_html
    assert f'<a href="{later.get_absolute_url()}">Air defence arrives</a>' in earlier_html
    assert "Earlier coverage" in later_html
    assert f'<a href="{earlier.get_absolute_url()}">Ministry orders air defence</a>' in later_html


def test_old_slug_redirects_permanently_to_the_current_address(client):
    story = ArticleFactory(slug="first-address")
    story.slug = "second-address"
    story.save()
    response = client.get("/stories/first-address/")
    assert response.status_code == 301
    assert response["Location"] == "/stories/second-address/"


def test_unknown_story_is_404_with_a_helpful_page(client):
    response = client.get("/stories/no-such-story/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'href="/search/"' in response.content.decode()


def test_server_error_page_renders_without_a_request_or_database():
    """Django renders 500.html with an empty context when something broke."""
    html = render_to_string("500.html")
    assert "Something went wrong" in html and '<html lang="en">' in html


# Lists


def test_front_page_leads_with_the_newest_story_and_groups_the_rest_by_section(client):
    news = SectionFactory(name="News", slug="news", position=0)
    sport = SectionFactory(name="Sport", slug="sport", position=1)
    now = timezone.now()
    ArticleFactory(section=sport, headline="Old sport", published_at=now - datetime.timedelta(hours=5))
    ArticleFactory(section=news, headline="Older news", published_at=now - datetime.timedelta(hours=4))
    ArticleFactory(section=sport, headline="Newest sport", published_at=now - datetime.timedelta(hours=1))

    response = client.get("/")

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["lead"].headline == "Newest sport"
    groups = [
        (section.name, [story.headline for story in stories]) for section, stories in response.context["section_groups"]
    ]
    assert groups == [("News", ["Older news"]), ("Sport", ["Old sport"])]
    assert html.index("Newest sport") < html.index("Older news") < html.index("Old sport")


def test_lists_are_paginated_and_a_missing_page_is_404(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 2
    section = SectionFactory(slug="news")
    now = timezone.now()
    for hours in range(5):
        ArticleFactory(
            section=section, headline=f"Story {hours}", published_at=now - datetime.timedelta(hours=hours + 1)
        )

    second = client.get("/section/news/?page=2")

    assert [story.headline for story in second.context["page"]] == ["Story 2", "Story 3"]
    assert 'href="?page=3"' in second.content.decode()
    assert client.get("/section/news/?page=4").status_code == 404
    assert client.get("/section/news/?page=nonsense").status_code == 404
    assert client.get("/?page=99").status_code == 404


def test_section_and_tag_pages_list_their_stories_and_404_when_unknown(client):
    section = SectionFactory(name="Defence", slug="defence")
    in_section = ArticleFactory(section=section, headline="In the section", tags=["Air defence"])
    ArticleFactory(headline="Elsewhere")

    section_html = client.get("/section/defence/").content.decode()
    tag_html = client.get(f"/tag/{in_section.tags.get().slug}/").content.decode()

    assert "In the section" in section_html and "Elsewhere" not in section_html
    assert "<h1>Defence</h1>" in section_html
    assert "In the section" in tag_html and "Elsewhere" not in tag_html
    assert client.get("/section/nothing-here/").status_code == 404
    assert client.get("/tag/nothing-here/").status_code == 404


def test_tag_with_diacritics_has_a_working_page(client):
    story = ArticleFactory(headline="About the minister", tags=["Kasčiūnas"])
    tag = story.tags.get()
    html = client.get(story.get_absolute_url()).content.decode()
    response = client.get(reverse("tag_detail", args=[tag.slug]))
    assert reverse("tag_detail", args=[tag.slug]) in html
    assert response.status_code == 200 and "About the minister" in response.content.decode()


def test_header_navigation_lists_every_section(client):
    SectionFactory(name="Defence", slug="defence", position=1)
    SectionFactory(name="Baltics", slug="baltics", position=0)
    html = client.get("/").content.decode()
    nav = html[html.index('<nav class="sections-nav"') :]
    assert nav.index('href="/section/baltics/"') < nav.index('href="/section/defence/"')
    assert '<a class="skip-link" href="#content">' in html and '<main id="content"' in html


# Entity pages


def test_person_page_shows_roles_confirmed_stories_and_quotes(client, minister):
    story = ArticleFactory(headline="Minister speaks")
    PersonMentionFactory(article=story, person=minister)
    QuoteFactory(article=story, speaker=minister, text="We will not step back")
    suggested = ArticleFactory(headline="Only a suggestion")
    PersonMentionFactory(article=suggested, person=minister, status=LinkStatus.SUGGESTED)

    html = client.get(minister.get_absolute_url()).content.decode()

    assert "<h1>Aldona Vaitkutė</h1>" in html
    assert "Member of Parliament" in html and "Minister of Defence" in html and "1 Nov 2016" in html
    assert "Minister speaks" in html and "We will not step back" in html
    assert "Only a suggestion" not in html


def test_organization_place_and_source_pages_show_the_entity_and_its_stories(client):
    ministry = OrganizationFactory(name="Ministry of Defence", wikidata_id="Q123")
    press = OrganizationFactory(name="Press service", parent=ministry)
    country = PlaceFactory(name="Lithuania")
    source = SourceFactory(name="LRT", kind="news_outlet")
    story = ArticleFactory(headline="Ministry statement")
    OrganizationMentionFactory(article=story, organization=press)
    OrganizationMentionFactory(article=ArticleFactory(headline="Ministry budget"), organization=ministry)
    PlaceMentionFactory(article=story, place=country)
    SourceAttributionFactory(article=story, source=source, cue="as reported by LRT")

    press_html = client.get(press.get_absolute_url()).content.decode()
    place_html = client.get(country.get_absolute_url()).content.decode()
    source_html = client.get(source.get_absolute_url()).content.decode()
    ministry_html = client.get(ministry.get_absolute_url()).content.decode()

    assert "Ministry statement" in press_html and f'href="{ministry.get_absolute_url()}"' in press_html
    assert "https://www.wikidata.org/wiki/Q123" in ministry_html
    assert "Ministry statement" not in ministry_html, "a mention of the press service is not one of the ministry"
    assert "Ministry statement" in place_html
    assert "Ministry statement" in source_html and "as reported by LRT" in source_html
    assert "News outlet" in source_html
    for url in ("/people/nobody/", "/organizations/nobody/", "/places/nowhere/", "/sources/nothing/"):
        assert client.get(url).status_code == 404


def test_source_page_lists_a_story_once_per_attribution_kind_without_duplicating_stories(client):
    source = SourceFactory(name="BNS")
    story = ArticleFactory(headline="Twice attributed")
    SourceAttributionFactory(article=story, source=source, kind="according_to", cue="according to BNS")
    SourceAttributionFactory(article=story, source=source, kind="reported", cue="BNS reported")
    response = client.get(source.get_absolute_url())
    assert [a.cue for a in response.context["page"]] == ["according to BNS", "BNS reported"]


# Search


def test_search_finds_published_stories_by_words_and_filters(client):
    defence = SectionFactory(name="Defence", slug="defence")
    ArticleFactory(section=defence, headline="Javelin missiles delivered early", standfirst="A faster delivery.")
    ArticleFactory(headline="Javelin in athletics", standfirst="A sports story.")
    ArticleFactory(headline="Unrelated budget story")

    everywhere = client.get("/search/", {"q": "javelin"})
    in_defence = client.get("/search/", {"q": "javelin", "section": "defence"})

    assert {s.headline for s in everywhere.context["page"]} == {
        "Javelin missiles delivered early",
        "Javelin in athletics",
    }
    assert [s.headline for s in in_defence.context["page"]] == ["Javelin missiles delivered early"]
    html = in_defence.content.decode()
    assert "1 story" in html and "A faster delivery." in html
    assert 'name="published_after"' in html and 'name="tag"' in html


def test_search_says_how_many_stories_matched(client):
    for n in range(3):
        ArticleFactory(headline=f"Drone story {n}")
    html = client.get("/search/", {"q": "drone"}).content.decode()
    assert "3 stories for “drone”" in " ".join(html.split())


def test_a_common_word_searches_the_newest_matches_of_what_the_other_filters_leave(client, monkeypatch):
    # A search ranks the newest SEARCH_WINDOW matches (here 3) instead of counting and
    # ranking every story that has the word; the page says so. The section is filtered
    # first, so a section's own older matches are still found.
    from articles import search

    monkeypatch.setattr(search, "SEARCH_WINDOW", 3)
    now = timezone.now()
    defence = SectionFactory(name="Defence", slug="defence")
    for hours in range(1, 6):
        ArticleFactory(headline=f"Drone news {hours}", published_at=now - datetime.timedelta(hours=hours))
    older_in_defence = [
        ArticleFactory(section=defence, headline=f"Drone defence {days}", published_at=now - datetime.timedelta(days=days))
        for days in (2, 3)
    ]
    DraftFactory(headline="Drone draft")

    everywhere = client.get("/search/", {"q": "drone"})
    assert {story.headline for story in everywhere.context["page"]} == {"Drone news 1", "Drone news 2", "Drone news 3"}
    html = " ".join(everywhere.content.decode().split())
    assert "The newest 3 stories for “drone”" in html and "Narrow the search" in html

    in_defence = client.get("/search/", {"q": "drone", "section": "defence"})
    assert {story.pk for story in in_defence.context["page"]} == {story.pk for story in older_in_defence}
    assert "2 stories for “drone”" in " ".join(in_defence.content.decode().split())

    api = client.get("/api/articles/", {"q": "drone", "section": "defence"}).json()
    assert api["count"] == 2 and {item["headline"] for item in api["results"]} == {"Drone defence 2", "Drone defence 3"}


def test_search_without_results_says_nothing_matched_the_query(client):
    ArticleFactory(headline="Drone story")
    html = " ".join(client.get("/search/", {"q": "zeppelin"}).content.decode().split())
    assert "No stories matched “zeppelin”." in html
    assert "0 stories" not in html


def test_empty_search_shows_the_form_without_results(client):
    ArticleFactory(headline="Anything")
    response = client.get("/search/")
    assert response.status_code == 200
    assert response.context["page"] is None
    assert 'name="q"' in response.content.decode()


def test_search_results_paginate_and_keep_the_query(client, settings):
    settings.NEWSROOM_PAGE_SIZE = 1
    ArticleFactory(headline="Drone one")
    ArticleFactory(headline="Drone two")
    html = client.get("/search/", {"q": "drone"}).content.decode()
    assert "q=drone&amp;page=2" in html


def test_title_follows_the_newsrooms_local_date_of_publication(client, settings):
    """Published at 00:30 in Vilnius on the day of the appointment (still the day before in UTC)."""
    settings.TIME_ZONE = "Europe/Vilnius"
    person = PersonFactory(name="New Minister")
    RoleFactory(person=person, title="Member of Parliament", start_date=None, end_date=datetime.date(2024, 3, 1))
    RoleFactory(person=person, title="Minister of Defence", start_date=datetime.date(2024, 3, 2))
    story = ArticleFactory(published_at=datetime.datetime(2024, 3, 1, 22, 30, tzinfo=datetime.UTC))
    PersonMentionFactory(article=story, person=person)
    html = client.get(story.get_absolute_url()).content.decode()
    assert "Minister of Defence" in html and "Member of Parliament" not in html


def test_search_by_date_range_and_tag(client):
    now = timezone.now()
    ArticleFactory(headline="Last week", published_at=now - datetime.timedelta(days=7), tags=["Drones"])
    ArticleFactory(headline="Yesterday", published_at=now - datetime.timedelta(days=1), tags=["Drones"])
    ArticleFactory(headline="Yesterday untagged", published_at=now - datetime.timedelta(days=1))
    since = (now - datetime.timedelta(days=3)).date().isoformat()

    response = client.get("/search/", {"published_after": since, "tag": "drones"})

    assert [story.headline for story in response.context["page"]] == ["Yesterday"]


def test_search_with_a_bad_date_explains_the_error_instead_of_failing(client):
    response = client.get("/search/", {"published_after": "last tuesday"})
    assert response.status_code == 200
    assert response.context["page"] is None
    assert response.context["form"].errors["published_after"]
    assert 'class="form-errors"' in response.content.decode()
