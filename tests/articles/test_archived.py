"""
An archived story that was public stays at its address with a clear notice (and
in the API detail), is on no list, and links to it keep working. One archived
before it was ever public stays invisible everywhere (404).
"""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article
from articles.services import article_transition
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    DraftFactory,
    PersonFactory,
    PersonMentionFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db

HEADLINE = "Archived zeppelin story"


@pytest.fixture
def archived():
    section = SectionFactory(name="Defence", slug="defence")
    person = PersonFactory(name="Aldona Vaitkutė")
    story = ArticleFactory(
        headline=HEADLINE, section=section, tags=["Zeppelins"], published_at=timezone.now() - datetime.timedelta(days=9)
    )
    PersonMentionFactory(article=story, person=person)
    # Something else keeps the section, tag and person pages public.
    other = ArticleFactory(section=section, tags=["Zeppelins"])
    PersonMentionFactory(article=other, person=person)
    article_transition(story, to=Article.Status.ARCHIVED, comment="Superseded")
    story.refresh_from_db()
    return story


def test_its_page_answers_with_an_archived_notice_and_its_original_date(client, archived):
    response = client.get(archived.get_absolute_url())
    assert response.status_code == 200
    html = " ".join(response.content.decode().split())
    assert "Archived story." in html
    assert f"Published {timezone.localtime(archived.published_at):%-d %B %Y}" in html


def test_the_api_detail_still_answers(client, archived):
    response = client.get(f"/api/articles/{archived.slug}/")
    assert response.status_code == 200
    assert response.json()["headline"] == HEADLINE


@pytest.mark.parametrize(
    "url",
    ["/", "/section/defence/", "/tag/zeppelins/", "/people/aldona-vaitkute/", "/search/?q=zeppelin",
     "/feeds/latest/", "/sitemap-stories.xml", "/news-sitemap.xml", "/api/articles/"],
)
def test_it_is_on_no_list(client, archived, url):
    response = client.get(url)
    assert response.status_code == 200
    assert HEADLINE not in response.content.decode() and archived.slug not in response.content.decode()


def test_a_later_story_keeps_its_link_to_it(client, archived):
    later = ArticleFactory(body="As we reported earlier, it happened.")
    CrossReferenceFactory(from_article=later, to_article=archived, anchor_text="As we reported earlier")
    later.refresh_from_db()
    assert f'href="{archived.get_absolute_url()}"' in later.body_html


def test_a_story_archived_before_it_was_ever_public_is_a_404(client):
    draft = DraftFactory(headline=HEADLINE)
    article_transition(draft, to=Article.Status.ARCHIVED)
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(f"/api/articles/{draft.slug}/").status_code == 404


def test_a_renamed_archived_story_redirects_from_its_old_address(client, archived):
    old = archived.get_absolute_url()
    archived.slug = "renamed-archive"
    archived.save()
    response = client.get(old)
    assert response.status_code == 301 and response["Location"] == "/stories/renamed-archive/"
