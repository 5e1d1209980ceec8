"""
Revisions you can read: any two revisions of a story compared (fields side by
side, the body as a readable diff, links, tags and bylines added and removed),
and restoring is itself a revision.
"""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from articles.models import LinkStatus
from tests.articles.test_admin import change_url, form_data
from tests.factories import ArticleFactory, DraftFactory, PersonFactory

pytestmark = pytest.mark.django_db


def save(client, story, **changes):
    data = form_data(client.get(change_url(story)))
    extra = changes.pop("extra", {})
    data.update(changes)
    data.update(extra)
    response = client.post(change_url(story), data)
    assert response.status_code == 302, response.context and response.context["errors"]


def add_row(data_prefix: str, index: int, **fields) -> dict:
    return {f"{data_prefix}-{index}-{name}": value for name, value in fields.items()}


def versions(story):
    return list(Version.objects.get_for_object(story).order_by("pk"))


def compare_url(story, old, new):
    return reverse("admin:articles_article_compare", args=[story.pk]) + f"?from={old.pk}&to={new.pk}"


@pytest.fixture
def edited(admin_client):
    """A story saved twice: the second save rewrote a sentence, the headline, and added a person, a tag, a byline."""
    person = PersonFactory(name="Ilmar Saar")
    story = DraftFactory(headline="Radars ordered", body="Estonia ordered radars.\nThey arrive in May.")
    save(admin_client, story, tags="defence")
    data = form_data(admin_client.get(change_url(story)))
    save(
        admin_client,
        story,
        headline="Radars ordered for the coast",
        body="Estonia ordered two coastal radars.\nThey arrive in May.\nIlmar Saar signed the deal.",
        tags="defence, radars",
        extra={
            "person_mentions-TOTAL_FORMS": str(int(data["person_mentions-TOTAL_FORMS"]) + 1),
            **add_row("person_mentions", int(data["person_mentions-TOTAL_FORMS"]), person=person.pk,
                      status=LinkStatus.CONFIRMED),
            "bylines-TOTAL_FORMS": str(int(data["bylines-TOTAL_FORMS"])),
            **add_row("bylines", int(data["bylines-TOTAL_FORMS"]) - 1, name="Rita Reporter", credit="reporting",
                      position="0"),
        },
    )
    return story


def test_two_revisions_side_by_side(admin_client, edited):
    old, new = versions(edited)[:2]
    response = admin_client.get(compare_url(edited, old, new))
    assert response.status_code == 200
    comparison = response.context["comparison"]

    headline = next(row for row in comparison.fields if row.label == "Headline")
    assert (headline.old, headline.new, headline.changed) == ("Radars ordered", "Radars ordered for the coast", True)
    assert not next(row for row in comparison.fields if row.label == "Section").changed

    diff = str(comparison.body_diff)
    assert '<p class="diff-changed">Estonia ordered <ins>two coastal</ins> radars.</p>' in diff
    assert '<p class="diff-same">They arrive in May.</p>' in diff
    assert '<p class="diff-added"><ins>Ilmar Saar signed the deal.</ins></p>' in diff

    changes = {group.title: group for group in comparison.links}
    assert changes["People"].added == ["Ilmar Saar"] and changes["People"].removed == []
    assert changes["Tags"].added == ["radars"] and changes["Tags"].unchanged == 1
    assert changes["Bylines"].added == ["Rita Reporter (reporting)"]
    assert "Added: Ilmar Saar" in response.content.decode()


def test_the_order_the_revisions_are_chosen_in_does_not_matter(admin_client, edited):
    old, new = versions(edited)[:2]
    response = admin_client.get(compare_url(edited, new, old))
    assert response.context["comparison"].old.version == old


def test_history_offers_the_comparison(admin_client, edited):
    page = admin_client.get(reverse("admin:articles_article_history", args=[edited.pk])).content.decode()
    assert reverse("admin:articles_article_compare", args=[edited.pk]) in page
    assert page.count('name="from"') == 2


def test_restoring_is_itself_a_revision_and_brings_back_links_and_tags(admin_client, edited):
    old, new = versions(edited)[:2]
    revert_url = reverse("admin:articles_article_revision", args=[edited.pk, old.pk])
    response = admin_client.post(revert_url, form_data(admin_client.get(revert_url)))
    assert response.status_code == 302

    edited.refresh_from_db()
    assert edited.headline == "Radars ordered"
    assert list(edited.tags.names()) == ["defence"]
    assert not edited.person_mentions.exists()
    restored = versions(edited)[-1]
    assert len(versions(edited)) == 3 and "Reverted" in restored.revision.get_comment()
    comparison = admin_client.get(compare_url(edited, old, restored)).context["comparison"]
    assert not comparison.body_changed and not any(group.any for group in comparison.links)
    assert not any(row.changed for row in comparison.fields if row.label in {"Headline", "Standfirst"})


def test_a_reporter_reads_the_comparison_but_is_offered_no_restore(client, admin_client):
    story = ArticleFactory()
    save(admin_client, story, body="One.")
    save(admin_client, story, body="Two.")
    reporter = get_user_model().objects.create_user("reporter", is_staff=True)
    reporter.groups.add(Group.objects.get(name="Reporter"))
    client.force_login(reporter)
    old, new = versions(story)
    response = client.get(compare_url(story, old, new))
    assert response.status_code == 200
    assert response.context["may_restore"] is False and "Restore the older revision" not in response.content.decode()


def test_a_revision_of_another_story_is_a_404(admin_client, edited):
    other = ArticleFactory()
    save(admin_client, other, body="Other text.")
    old = versions(edited)[0]
    assert admin_client.get(compare_url(edited, old, versions(other)[0])).status_code == 404
