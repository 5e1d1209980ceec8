"""The suggestions panel: the analysis proposes, the editor accepts or rejects, one click each."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, CrossReference, LinkStatus, PersonMention, Quote, Suggestion
from articles.suggestions import open_suggestions
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


# Every decision in the panel is a revision.


def history_comments(client, article) -> list[str]:
    response = client.get(reverse("admin:articles_article_history", args=[article.pk]))
    assert response.status_code == 200
    return [entry["revision"].comment for entry in response.context["action_list"]]


def history_page(client, article) -> str:
    return client.get(reverse("admin:articles_article_history", args=[article.pk])).content.decode()


def test_accepting_and_rejecting_are_listed_in_the_history_with_the_editor(admin_client, admin_user, story):
    new_person = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    known = PersonMention.objects.get(article=story, person__name="Ilmar Saar")

    decide(admin_client, story, f"new:{new_person.pk}", "accept")
    decide(admin_client, story, f"person:{known.pk}", "reject")

    comments = history_comments(admin_client, story)
    assert comments[:2] == ["Rejected suggestion: Ilmar Saar", "Accepted suggestion: Tarmo Kask"]
    page = history_page(admin_client, story)
    assert "Accepted suggestion: Tarmo Kask" in page
    assert admin_user.get_username() in page


def test_accept_all_and_analysis_are_listed_in_the_history(admin_client, story):
    open_count = sum(len(items) for items in open_suggestions(story).values())
    decide_all = admin_client.post(
        reverse("admin:articles_article_decide", args=[story.pk]), {"decision": "accept_all"}, follow=True
    )
    assert decide_all.status_code == 200
    story.refresh_from_db()
    story.body += "\nLaurynas Kasčiūnas, the Lithuanian defence minister, welcomed the plan."
    story.save()
    Person.objects.create(name="Laurynas Kasčiūnas")
    admin_client.post(reverse("admin:articles_article_analyse", args=[story.pk]))

    comments = history_comments(admin_client, story)
    assert comments[0] == "Analysed the story: 1 new suggestion"
    assert comments[1] == f"Accepted all {open_count} suggestions"


def test_a_refused_decision_and_an_analysis_that_finds_nothing_new_leave_no_revision(admin_client, story):
    before = history_comments(admin_client, story)
    suggestion = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    decide(admin_client, story, f"new:{suggestion.pk}", "reject")
    decide(admin_client, story, f"new:{suggestion.pk}", "accept")  # already decided: refused
    admin_client.post(reverse("admin:articles_article_analyse", args=[story.pk]))

    assert history_comments(admin_client, story) == ["Rejected suggestion: Tarmo Kask", *before]


def test_reverting_to_a_revision_before_an_accept_takes_the_accepted_link_back(admin_client, story):
    """The accept's revision holds the story's links, so a revert knows what to undo."""
    known = PersonMention.objects.get(article=story, person__name="Ilmar Saar")
    decide(admin_client, story, f"person:{known.pk}", "accept")
    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).context["action_list"]
    assert history[0]["revision"].comment == "Accepted suggestion: Ilmar Saar"
    before_accept = history[1]["url"]

    response = admin_client.post(before_accept, form_data(admin_client.get(before_accept)))

    assert response.status_code == 302
    # The revert took the link back; the analysis (after the revert's save) proposes it again.
    assert PersonMention.objects.get(article=story, person__name="Ilmar Saar").status == LinkStatus.SUGGESTED


# A revert never undoes a rejection.


def revert_to(client, url):
    response = client.post(url, form_data(client.get(url)))
    assert response.status_code == 302
    return response


def test_a_revert_keeps_a_rejection_made_after_the_revision(admin_client):
    """Reverting to before a person was proposed keeps the rejection: analysis does not propose them again."""
    story = ArticleFactory(headline="Navy welcomes radars", body="Ilmar Saar, the chief of the navy, welcomed it.")
    data = form_data(open_story(admin_client, story))
    data["standfirst"] = "A first revision, before Ilmar Saar was on file."
    assert admin_client.post(change_url(story), data).status_code == 302
    Person.objects.create(name="Ilmar Saar")
    admin_client.post(reverse("admin:articles_article_analyse", args=[story.pk]))
    mention = PersonMention.objects.get(article=story, person__name="Ilmar Saar")
    decide(admin_client, story, f"person:{mention.pk}", "reject")
    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).context["action_list"]
    assert len(history) == 3  # saved, analysed, rejected

    revert_to(admin_client, history[-1]["url"])
    response = admin_client.post(reverse("admin:articles_article_analyse", args=[story.pk]), follow=True)

    labels = [row["label"] for group in response.context["suggestion_groups"] for row in group["rows"]]
    assert "Ilmar Saar" not in labels
    assert PersonMention.objects.get(article=story, person__name="Ilmar Saar").status == LinkStatus.REJECTED
    # The revert's own revision holds the rejection: reverting to it keeps it too.
    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).context["action_list"]
    assert history[0]["revision"].comment.startswith("Reverted to previous version")


def test_a_revert_to_when_the_link_was_only_suggested_keeps_it_rejected(admin_client, story):
    known = PersonMention.objects.get(article=story, person__name="Ilmar Saar")
    decide(admin_client, story, f"person:{known.pk}", "reject")
    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).context["action_list"]

    revert_to(admin_client, history[1]["url"])  # the story as written, Ilmar Saar still a suggestion

    known.refresh_from_db()
    assert known.status == LinkStatus.REJECTED
    page = open_story(admin_client, story)
    labels = [row["label"] for group in page.context["suggestion_groups"] for row in group["rows"]]
    assert "Ilmar Saar" not in labels


def test_a_revert_still_takes_back_confirmed_links_made_after_the_revision(admin_client, story):
    new_person = Suggestion.objects.get(article=story, kind="person", name="Tarmo Kask")
    decide(admin_client, story, f"new:{new_person.pk}", "accept")
    history = admin_client.get(reverse("admin:articles_article_history", args=[story.pk])).context["action_list"]

    revert_to(admin_client, history[-1]["url"])

    # Not confirmed any more: the analysis after the revert only proposes it again (now on file).
    assert list(PersonMention.objects.filter(article=story, person__name="Tarmo Kask").values_list("status", flat=True)) in (
        [],
        [LinkStatus.SUGGESTED],
    )


# What the panel shows.


def test_panel_warns_before_its_buttons_throw_away_unsaved_edits(admin_client, story):
    page = open_story(admin_client, story).content.decode()
    # Every panel form (analyse, accept all, each accept/reject) is hooked...
    assert page.count("data-leaves-story") == 2 + Suggestion.objects.filter(article=story).count() + sum(
        len(items) for kind, items in open_suggestions(story).items() if kind != "new"
    )
    # ...to a script that watches the story form and asks before leaving it: a
    # static file (the Content-Security-Policy allows no inline script).
    assert 'src="/static/js/admin_story_form.js" data-form-id="article_form"' in page
    script = (settings.BASE_DIR / "static" / "js" / "admin_story_form.js").read_text()
    assert "document.getElementById(document.currentScript.dataset.formId)" in script
    assert 'addEventListener("input"' in script and 'addEventListener("change"' in script
    assert 'form[data-leaves-story]' in script
    assert 'window.confirm("The story has unsaved changes. They will be lost. Continue?")' in script


def test_panel_details_read_as_words_not_codes(admin_client):
    story = ArticleFactory(body="Nothing to analyse.")
    Suggestion.objects.create(
        article=story, kind="person", name="Andris Sprūds", key="andris spruds",
        data={"role": "Minister of Defence", "country": "LV"},
    )
    Suggestion.objects.create(
        article=story, kind="source", name="LSM", key="lsm",
        data={"source_kind": "news_outlet", "attribution_kind": "according_to", "cue": "according to LSM"},
    )
    Suggestion.objects.create(
        article=story, kind="place", name="Ādaži", key="adazi", data={"place_kind": "base", "country": "QQ"},
    )

    response = open_story(admin_client, story)
    page = response.content.decode().split('id="suggestions"')[1]

    assert "New person: Andris Sprūds (role: Minister of Defence, country: Latvia)" in page
    assert "New source: LSM (kind: News outlet, attribution: according to, cue: “according to LSM”)" in page
    assert "New place: Ādaži (kind: Military base, country: QQ)" in page  # an unknown code stays a code
    for code in ("news_outlet", "according_to", "source kind", "country: LV"):
        assert code not in page


def test_accept_is_the_primary_button_and_reject_the_secondary_one(admin_client, story):
    page = open_story(admin_client, story).content.decode()
    assert 'value="accept" class="button default">Accept</button>' in page
    assert 'value="reject" class="button secondary">Reject</button>' in page
