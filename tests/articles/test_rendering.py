"""The stored body: Markdown, sanitised, with links to earlier stories and entity pages."""

import datetime

import pytest
from django.utils import timezone

from articles.models import Article, LinkStatus
from articles.rendering import LinkTarget, annotate, body_to_safe_html
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    DraftFactory,
    PersonFactory,
    PersonMentionFactory,
)


def test_script_in_body_is_removed_and_markdown_kept():
    html = body_to_safe_html('Hello *there*.\n<script>alert("x")</script>\n<a href="javascript:evil()">x</a>')
    assert "<script" not in html and "alert" not in html
    assert "javascript:" not in html
    assert "<em>there</em>" in html
    assert html.count("<p>") == 2


def test_annotate_links_first_occurrence_only_and_never_inside_links():
    html = '<p>NATO met. <a href="/x">NATO again</a> and NATO.</p>'
    out = annotate(html, [LinkTarget(phrases=("NATO",), url="/organizations/nato/")])
    assert out == '<p><a href="/organizations/nato/">NATO</a> met. <a href="/x">NATO again</a> and NATO.</p>'


def test_annotate_keeps_escaping():
    out = annotate("<p>Smith &amp; Sons &lt;b&gt;</p>", [LinkTarget(phrases=("Sons",), url="/s/")])
    assert out == '<p>Smith &amp; <a href="/s/">Sons</a> &lt;b&gt;</p>'


@pytest.mark.django_db
def test_reported_earlier_anchor_links_to_earlier_story():
    earlier = ArticleFactory(headline="Minister asks Sweden to join air policing",
                             published_at=timezone.now() - datetime.timedelta(days=5))
    later = ArticleFactory(body="The Gaze reported earlier that the minister asked for jets.\n"
                                "<script>steal()</script>")
    CrossReferenceFactory(from_article=later, to_article=earlier, anchor_text="The Gaze reported earlier")
    later.refresh_from_db()
    assert f'<a href="{earlier.get_absolute_url()}"' in later.body_html
    assert ">The Gaze reported earlier</a> that the minister" in later.body_html
    assert "<script" not in later.body_html and "steal()" not in later.body_html


@pytest.mark.django_db
def test_renamed_earlier_story_does_not_leave_a_dead_link():
    earlier = ArticleFactory(slug="old-address", published_at=timezone.now() - datetime.timedelta(days=5))
    later = ArticleFactory(body="As we reported, it happened.")
    CrossReferenceFactory(from_article=later, to_article=earlier, anchor_text="As we reported")
    earlier.slug = "new-address"
    earlier.save()
    later.refresh_from_db()
    assert 'href="/stories/new-address/"' in later.body_html
    assert "old-address" not in later.body_html


@pytest.mark.django_db
def test_link_to_unpublished_story_renders_as_plain_text():
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=5))
    later = ArticleFactory(body="As we reported, it happened.")
    CrossReferenceFactory(from_article=later, to_article=earlier, anchor_text="As we reported")
    earlier.status = Article.Status.DRAFT
    earlier.save()
    later.refresh_from_db()
    assert "<a " not in later.body_html
    assert "As we reported, it happened." in later.body_html


@pytest.mark.django_db
def test_draft_target_is_never_linked():
    draft = DraftFactory()
    later = ArticleFactory(body="As we reported, it happened.")
    CrossReferenceFactory(from_article=later, to_article=draft, anchor_text="As we reported",
                          relation="background")
    later.refresh_from_db()
    assert draft.get_absolute_url() not in later.body_html


@pytest.mark.django_db
def test_first_mention_of_confirmed_person_links_to_their_page_and_follows_renames():
    person = PersonFactory(name="Laurynas Kasčiūnas", aliases="Kasčiūnas")
    article = ArticleFactory(body="Laurynas Kasčiūnas spoke.\nKasčiūnas spoke again.")
    mention = PersonMentionFactory(article=article, person=person)
    article.refresh_from_db()
    assert article.body_html.count(f'href="{person.get_absolute_url()}"') == 1
    person.slug = "kasciunas-laurynas"
    person.save()
    article.refresh_from_db()
    assert 'href="/people/kasciunas-laurynas/"' in article.body_html
    mention.status = LinkStatus.REJECTED
    mention.save()
    article.refresh_from_db()
    assert "/people/" not in article.body_html


@pytest.mark.django_db
def test_suggested_mentions_are_not_linked():
    person = PersonFactory(name="Mikko Laine")
    article = ArticleFactory(body="Mikko Laine spoke.")
    PersonMentionFactory(article=article, person=person, status=LinkStatus.SUGGESTED)
    article.refresh_from_db()
    assert "<a " not in article.body_html


@pytest.mark.django_db
def test_story_moved_earlier_than_its_scheduled_target_drops_the_link(client):
    """B links scheduled A, which goes live first; publishing B now must not show A's headline early."""
    now = timezone.now()
    target = ArticleFactory(headline="Embargoed: new brigade commander named",
                            published_at=now + datetime.timedelta(days=1))
    story = ArticleFactory(body="As we reported, the brigade has a new commander.",
                           published_at=now + datetime.timedelta(days=2))
    CrossReferenceFactory(from_article=story, to_article=target, anchor_text="As we reported", relation="background")
    story.refresh_from_db()
    assert target.get_absolute_url() in story.body_html  # fine while both wait

    story.published_at = now - datetime.timedelta(minutes=1)
    story.save()
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Embargoed" not in page and target.get_absolute_url() not in page
    assert client.get(f"/api/articles/{story.slug}/").json()["body_html"].count("<a ") == 0
