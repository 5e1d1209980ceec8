"""The suggestions panel: the analysis proposes, the editor accepts or rejects, one click each."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, CrossReference, LinkStatus, PersonMention, Quote, Suggestion
from entities.models import Person, Role
from tests.articles.test_admin import change_url, form_data
from tests.factories import ArticleFactory, PersonFactory, SectionFactory

pytestmark = pytest.mark.django_db

BODY = (
    "Minister of Defence Tarmo Kask said on Monday that Estonia would buy coastal radars, according to ERR.\n"
    '"The radars close the last gap on our northern coast," Kask stated.\n'
    "Ilmar Saar, the chief of the navy, welcomed the decision."
)


def decide(client, article, token, decision):
    return client.post(
        reverse("admin:articles_article_decide", args=[article.pk]), {"item": token, "decision": decision}, follow=True
    )


def open_story(client, article):
    response = client.get(change_url(article))
    assert response.status_code == 200
    return response


@pytest.fixture
def story(admin_client):
    """A story written in the admin: saving it runs the analysis."""
    section = SectionFactory()
    Person.objects.create(name="Ilmar Saar")
    response = admin_client.post(
        reverse("admin:articles_article_add"),
        {
            **{k: v for k, v in form_data(admin_client.get(reverse("admin:articles_article_add"))).items()},
            "headline": "Estonia to buy coastal radars",
            "slug": "estonia-to-buy-coastal-radars",
            "body": BODY,
            "section": section.pk,
            "status": "draft",
        },
        follow=True,
    )
    assert response.status_code == 200, response.content
    return Article.objects.get(slug="estonia-to-buy-coastal-radars")


def test_saving_a_new_story_proposes_people_sources_and_quotes(admin_client, story):
    response = open_story(admin_client, story)
    page = response.content.decode()
    assert "Suggestions from the story analysis" in page
    # A known person is proposed as a suggested link, with the sentence as evidence.
    known = PersonMention.objects.get(article=story, person__name="Ilmar Saar")
    assert known.status == LinkStatus.SUGGESTED
    assert "welcomed the decision" in page
    # A new person with the role the text gives, the source and the quote.
    new_person = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    assert new_person.data["role"] == "Minister of Defence"
    assert Suggestion.objects.filter(article=story, kind="source", name="ERR").exists()
    assert "The radars close the last gap" in page
    # Nothing suggested is public: the body has no links yet.
    assert "<a " not in Article.objects.get(pk=story.pk).body_html


def test_accepting_a_new_person_creates_them_with_role_links_the_body_and_gives_the_quote_a_speaker(
    admin_client, story
):
    suggestion = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    response = decide(admin_client, story, f"new:{suggestion.pk}", "accept")
    assert "Accepted: New person: Tarmo Kask" in response.content.decode()
    person = Person.objects.get(name="Tarmo Kask")
    assert Role.objects.get(person=person).title == "Minister of Defence"
    assert PersonMention.objects.get(article=story, person=person).status == LinkStatus.CONFIRMED
    assert Quote.objects.get(article=story).speaker == person
    story.refresh_from_db()
    assert f'href="{person.get_absolute_url()}"' in story.body_html


def test_rejected_is_never_proposed_again_and_confirmed_is_never_removed(admin_client, story):
    known = PersonMention.objects.get(article=story, person__name="Ilmar Saar")
    decide(admin_client, story, f"person:{known.pk}", "reject")
    source = Suggestion.objects.get(article=story, kind="source")
    decide(admin_client, story, f"new:{source.pk}", "accept")

    response = admin_client.post(reverse("admin:articles_article_analyse", args=[story.pk]), follow=True)
    assert "Analysis done" in response.content.decode()
    known.refresh_from_db()
    assert known.status == LinkStatus.REJECTED
    assert PersonMention.objects.filter(article=story, person__name="Ilmar Saar").count() == 1
    assert story.attributions.get().status == LinkStatus.CONFIRMED
    assert "Ilmar Saar" not in [row["label"] for group in response.context["suggestion_groups"]
                                for row in group["rows"]]


def test_accept_all_confirms_everything_and_empties_the_panel(admin_client, story):
    response = admin_client.post(
        reverse("admin:articles_article_decide", args=[story.pk]), {"decision": "accept_all"}, follow=True
    )
    assert "Accepted" in response.content.decode()
    assert response.context["suggestion_groups"] == []
    assert not story.suggestions.suggested().exists()
    assert not story.person_mentions.suggested().exists()
    assert set(story.person_mentions.values_list("person__name", flat=True)) == {"Tarmo Kask", "Ilmar Saar"}


def test_a_decided_suggestion_cannot_be_decided_twice(admin_client, story):
    suggestion = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    decide(admin_client, story, f"new:{suggestion.pk}", "reject")
    response = decide(admin_client, story, f"new:{suggestion.pk}", "accept")
    assert "already decided" in response.content.decode()
    assert not Person.objects.filter(name="Tarmo Kask").exists()


def test_decisions_need_a_post(admin_client, story):
    assert admin_client.get(reverse("admin:articles_article_analyse", args=[story.pk])).status_code == 403


def test_accepting_makes_an_open_form_stale(admin_client, story):
    """An editor whose form was open before the accept cannot put the old statuses back."""
    stale = form_data(open_story(admin_client, story))
    suggestion = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    decide(admin_client, story, f"new:{suggestion.pk}", "accept")
    response = admin_client.post(change_url(story), stale)
    assert response.status_code == 200
    assert "Someone else saved this story" in response.content.decode()


def test_analysis_proposes_the_earlier_story_it_reported(admin_client):
    earlier = ArticleFactory(
        headline="Estonia plans radar network on the northern coast",
        body="Estonia plans a network of coastal radars on its northern coast, the defence ministry said.",
        published_at=timezone.now() - datetime.timedelta(days=20),
    )
    later = ArticleFactory(
        body="The Gaze reported earlier that Estonia planned a network of coastal radars on its northern coast.",
        status=Article.Status.DRAFT,
        published_at=None,
    )
    admin_client.post(reverse("admin:articles_article_analyse", args=[later.pk]))
    reference = CrossReference.objects.get(from_article=later)
    assert reference.to_article == earlier and reference.status == LinkStatus.SUGGESTED
    assert reference.anchor_text == "The Gaze reported earlier"
    page = open_story(admin_client, later).content.decode()
    assert "Reported earlier" in page and earlier.headline in page


def test_unrelated_person_factory_story_has_no_panel_items(admin_client):
    story = ArticleFactory(body="Nothing of note happened.")
    PersonFactory()
    response = open_story(admin_client, story)
    assert response.context["suggestion_groups"] == []
    assert "Nothing awaits a decision" in response.content.decode()
