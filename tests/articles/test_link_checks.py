"""Links follow the text: what a story's text stops saying leaves every public surface in the same save,
and waits for the editor under "No longer in the text" with Keep / Remove."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from reversion.models import Version

from articles.analysis.support import TextEvidence
from articles.link_checks import keep_link, remove_link, unsupported_links
from articles.models import Article, LinkStatus, PersonMention, Quote, SourceAttribution
from articles.suggestions import analyse_article
from tests.articles.test_admin import change_url, form_data
from tests.factories import (
    ArticleFactory,
    CrossReferenceFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    SourceAttributionFactory,
    SourceFactory,
)
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

KEPT = "Lithuania's defence ministry confirmed the plan on Monday, The Gaze reported earlier."
GOING = '"We are ready for the exercise," said Defence Minister Laurynas Kasčiūnas, according to LRT.'
BODY = f"{KEPT}\n{GOING}\nThe drill will take place near Vilnius."


@pytest.fixture
def story():
    """A published story whose every link rests on its text; the second paragraph carries a quote,
    its speaker, and an attribution, and nothing else names them."""
    earlier = ArticleFactory(headline="Ministry plans drill", published_at=timezone.now() - datetime.timedelta(days=5))
    article = ArticleFactory(headline="Lithuania prepares a drill", body=BODY)
    person = PersonFactory(name="Laurynas Kasčiūnas", slug="kasciunas")
    PersonMentionFactory(article=article, person=person)
    PlaceMentionFactory(article=article, place=PlaceFactory(name="Lithuania", kind="country", slug="lithuania"))
    PlaceMentionFactory(article=article, place=PlaceFactory(name="Vilnius", slug="vilnius"))
    SourceAttributionFactory(article=article, source=SourceFactory(name="LRT", slug="lrt"), cue="according to LRT")
    QuoteFactory(article=article, text="We are ready for the exercise", speaker=person)
    CrossReferenceFactory(from_article=article, to_article=earlier, anchor_text="The Gaze reported earlier")
    return Article.objects.get(pk=article.pk)


def statuses(article) -> dict[str, str]:
    article = Article.objects.get(pk=article.pk)
    return {
        **{m.person.name: m.status for m in article.person_mentions.all()},
        **{m.place.name: m.status for m in article.place_mentions.all()},
        **{a.source.name: a.status for a in article.attributions.all()},
        "quote": article.quotes.get().status,
        "reference": article.outgoing_references.get().status,
    }


def test_removing_a_paragraph_takes_its_quote_speaker_and_source_off_every_public_surface(client, story):
    page = client.get(story.get_absolute_url()).content.decode()
    assert "We are ready for the exercise" in page and "/people/kasciunas/" in page
    assert client.get("/people/kasciunas/").status_code == 200

    story.body = f"{KEPT}\nThe drill will take place near Vilnius."
    story.save()  # a plain save, as a shell or an import would do

    assert statuses(story) == {
        "Laurynas Kasčiūnas": LinkStatus.UNSUPPORTED,
        "LRT": LinkStatus.UNSUPPORTED,
        "quote": LinkStatus.UNSUPPORTED,
        "Lithuania": LinkStatus.CONFIRMED,
        "Vilnius": LinkStatus.CONFIRMED,
        "reference": LinkStatus.CONFIRMED,
    }
    page = client.get(story.get_absolute_url()).content.decode()
    assert "We are ready for the exercise" not in page
    assert "/people/kasciunas/" not in page and "/sources/lrt/" not in page
    assert "/places/vilnius/" in page  # what the text still says stays
    api = client.get(reverse("api_article_detail", args=[story.slug])).json()
    assert api["quotes"] == [] and api["people"] == [] and api["sources"] == []
    assert [p["slug"] for p in api["places"]] == ["lithuania", "vilnius"]
    assert len(api["reported_earlier"]) == 1
    # Entity pages, their feed and the API filters no longer count this story.
    assert client.get("/people/kasciunas/").status_code == 404
    assert client.get("/sources/lrt/").status_code == 404
    assert client.get(reverse("feed_person", args=["kasciunas"])).status_code == 404
    assert client.get(reverse("api_article_list"), {"person": "kasciunas"}).status_code == 400  # unknown to readers
    assert "/people/kasciunas/" not in sitemap_text(client)
    # The stored body was rendered again in that save.
    assert "/people/kasciunas/" not in Article.objects.get(pk=story.pk).body_html


@pytest.mark.parametrize(
    "body",
    [
        # A possessive, an adjective, a surname after the full name, no diacritics, another spelling.
        "Lithuania's minister, Laurynas Kasciunas, spoke. Kasčiūnas left. Near Vilnius.",
        "Lithuanian troops and minister Laurynas Kasčiūnas arrived near Vilnius.",
        "Minister L. Kasčiūnas of LT spoke near Vilnius.",
    ],
)
def test_every_way_the_analysis_names_an_entity_keeps_it(story, body):
    person = story.person_mentions.get().person
    person.aliases = "L. Kasčiūnas"
    person.save()
    country = story.place_mentions.get(place__name="Lithuania").place
    country.aliases = "LT"
    country.save()
    story = Article.objects.get(pk=story.pk)
    story.headline = "A drill"
    story.body = body
    story.save()
    found = statuses(story)
    assert found["Laurynas Kasčiūnas"] == found["Lithuania"] == found["Vilnius"] == LinkStatus.CONFIRMED


def test_links_the_old_text_did_not_support_are_the_editors_and_stay(story):
    # An editor linked a place the story never names (it is what the story is about).
    hand_added = PlaceMentionFactory(article=story, place=PlaceFactory(name="Pabradė"))
    story.body = story.body.replace("near Vilnius", "in the east")
    story.save()
    hand_added.refresh_from_db()
    assert hand_added.status == LinkStatus.CONFIRMED
    assert statuses(story)["Vilnius"] == LinkStatus.UNSUPPORTED


def test_an_anchor_and_a_cue_that_are_gone_take_their_links_with_them(story):
    story.body = story.body.replace("The Gaze reported earlier", "officials said").replace("according to LRT", "")
    story.save()
    found = statuses(story)
    assert found["reference"] == found["LRT"] == LinkStatus.UNSUPPORTED
    assert found["quote"] == LinkStatus.CONFIRMED


def test_a_change_of_headline_or_standfirst_is_a_change_of_text(story):
    mention = OrganizationMentionFactory(article=story, organization__name="NATO")
    story.standfirst = "NATO watches."
    story.save()
    story.standfirst = "Allies watch."
    story.save()
    mention.refresh_from_db()
    assert mention.status == LinkStatus.UNSUPPORTED


def test_words_that_come_back_bring_their_links_back(story):
    story.body = KEPT
    story.save()
    assert statuses(story)["quote"] == LinkStatus.UNSUPPORTED
    story.body = BODY
    story.save()
    assert set(statuses(story).values()) == {LinkStatus.CONFIRMED}
    assert "/people/kasciunas/" in Article.objects.get(pk=story.pk).body_html


def test_a_speaker_only_the_quote_supported_follows_the_quote():
    speaker = PersonFactory(name="Inga Berzina")
    article = ArticleFactory(body='"The border is calm," she told reporters.\nOther news.')
    QuoteFactory(article=article, text="The border is calm", speaker=speaker)  # the speaker's mention follows
    mention = PersonMention.objects.get(article=article, person=speaker)
    assert mention.status == LinkStatus.CONFIRMED

    article.body = "Other news."
    article.save()
    mention.refresh_from_db()
    assert mention.status == LinkStatus.UNSUPPORTED
    # Removing the quote removes the mention that rested on it alone.
    remove_link(Quote.objects.get(article=article))
    assert not PersonMention.objects.filter(pk=mention.pk).exists()


def test_keep_confirms_the_link_and_the_same_text_does_not_flag_it_again(client, story):
    story.body = KEPT
    story.save()
    quote = Quote.objects.get(article=story)
    keep_link(quote)
    # Kept with it: the speaker, who was waiting because of the quote.
    assert statuses(story)["quote"] == statuses(story)["Laurynas Kasčiūnas"] == LinkStatus.CONFIRMED
    # Saved again (a typo fixed elsewhere) and analysed again: the decision stands.
    story = Article.objects.get(pk=story.pk)
    story.headline = "Lithuania prepares its drill"
    story.save()
    report = analyse_article(story)
    assert statuses(story)["quote"] == LinkStatus.CONFIRMED
    assert "We are ready for the exercise" in client.get(story.get_absolute_url()).content.decode()
    assert report.unsupported == 2  # the source and Vilnius still wait


def test_remove_deletes_and_reanalysis_reports_what_waits(story):
    story.body = KEPT
    story.save()
    report = analyse_article(story)
    assert report.unsupported == 4  # the quote, its speaker, the source and Vilnius
    assert "4 links no longer in the text" in str(report)
    attribution = SourceAttribution.objects.get(article=story)
    remove_link(attribution)
    assert not SourceAttribution.objects.filter(pk=attribution.pk).exists()
    assert len(unsupported_links(story)) == 3


def test_comparison_ignores_case_diacritics_whitespace_quotes_and_dashes():
    text = TextEvidence.of("Headline", "", "„We are   ready – now“, said Kasčiūnas. It’s done.")
    assert text.says('"we are ready - now"')
    assert text.says("WE ARE READY—NOW")
    assert text.says("said Kasciunas")
    assert text.says("It's done")
    assert not text.says("we are ready for war")
    assert not text.says("are rea")  # words, not pieces of words


# Through the admin: the panel and the inline forms.


def decide(client, article, token, decision):
    return client.post(
        reverse("admin:articles_article_decide", args=[article.pk]), {"item": token, "decision": decision}, follow=True
    )


def test_the_panel_lists_what_the_text_no_longer_says_and_keep_and_remove_are_revisions(admin_client, story):
    data = form_data(admin_client.get(change_url(story)))
    data["body"] = f"{KEPT}\nThe drill will take place near Vilnius."
    response = admin_client.post(change_url(story), data, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "3 links no longer in the text" in page  # the analysis' report, after the save
    # The save's revision records what left the story with it.
    quote = Quote.objects.get(article=story)
    assert '"status": "unsupported"' in Version.objects.get_for_object(quote).first().serialized_data
    page = admin_client.get(change_url(story)).content.decode()
    assert "No longer in the text (3)" in page
    assert "We are ready for the exercise" in page

    response = decide(admin_client, story, f"quote:{quote.pk}", "keep")
    assert "Kept: " in response.content.decode()
    quote.refresh_from_db()
    assert quote.status == LinkStatus.CONFIRMED
    assert Version.objects.get_for_object(story).first().revision.comment.startswith("Kept (no longer in the text)")

    attribution = SourceAttribution.objects.get(article=story)
    response = decide(admin_client, story, f"source:{attribution.pk}", "remove")
    assert "Removed: LRT" in response.content.decode()
    assert not SourceAttribution.objects.filter(pk=attribution.pk).exists()
    assert "Removed (no longer in the text): LRT" == Version.objects.get_for_object(story).first().revision.comment
    # A decided link cannot be decided twice.
    response = decide(admin_client, story, f"source:{attribution.pk}", "keep")
    assert "already decided" in response.content.decode()


def add_row(data: dict, prefix: str, **fields) -> int:
    index = int(data[f"{prefix}-TOTAL_FORMS"])
    data[f"{prefix}-TOTAL_FORMS"] = str(index + 1)
    data.update({f"{prefix}-{index}-{name}": value for name, value in fields.items()})
    return index


def test_hand_added_links_must_rest_on_words_of_the_text_and_the_input_stays(admin_client, story):
    source = SourceFactory(name="BNS")
    data = form_data(admin_client.get(change_url(story)))
    data["body"] = story.body + "\nThe ministry said so in a statement, BNS reported."
    add_row(data, "attributions", source=source.pk, kind="reported", cue="according to BNS", status="confirmed")
    add_row(data, "quotes", text="We will never surrender", paragraph="1", status="confirmed")
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "“according to BNS” is not in the story&#x27;s text" in page
    assert "This quote is not in the story&#x27;s text" in page
    # Everything the editor typed is still on screen, and nothing was stored.
    assert "The ministry said so in a statement, BNS reported." in page
    assert "We will never surrender" in page
    assert not SourceAttribution.objects.filter(source=source).exists()

    # The same rows, with words the text has (typographic variants, case, spacing): saved.
    data["attributions-1-cue"] = "BNS  REPORTED"
    data["quotes-1-text"] = "“we are ready for the exercise”"
    data["quotes-1-status"] = "suggested"
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 302, response.context["errors"]
    assert SourceAttribution.objects.get(source=source).cue == "BNS  REPORTED"


def test_an_anchor_typed_by_hand_must_be_in_the_text(admin_client, story):
    earlier = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=3))
    data = form_data(admin_client.get(change_url(story)))
    add_row(data, "outgoing_references", to_article=earlier.pk, relation="background",
            anchor_text="as we wrote last week", status="confirmed")
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "“as we wrote last week” is not in the story&#x27;s text" in response.content.decode()
