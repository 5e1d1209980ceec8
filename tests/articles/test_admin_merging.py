"""Merging and deleting entities in the admin, and the warning before a duplicate is created."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from articles.models import SourceAttribution
from entities.models import Person, Source
from tests.articles.test_admin import form_data
from tests.factories import ArticleFactory, PersonFactory, PersonMentionFactory, SourceAttributionFactory, SourceFactory

pytestmark = pytest.mark.django_db


def url(model: str, view: str, *args) -> str:
    return reverse(f"admin:entities_{model}_{view}", args=args)


@pytest.fixture
def editor(client, django_user_model):
    """May change and add entities, but not delete them (so not merge them either)."""
    user = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    codenames = [f"{action}_{model}" for action in ("view", "add", "change") for model in ("person", "source")]
    user.user_permissions.add(*Permission.objects.filter(codename__in=codenames))
    client.force_login(user)
    return client


# Merging.


def test_an_admin_merges_duplicates_chosen_in_the_list(admin_client):
    delfi, shouting = SourceFactory(name="Delfi"), SourceFactory(name="DELFI")
    stories = [SourceAttributionFactory(source=source).article for source in (delfi, shouting)]
    selection = {"action": "merge_selected", "_selected_action": [delfi.pk, shouting.pk]}

    to_merge_page = admin_client.post(url("source", "changelist"), selection)
    assert to_merge_page.status_code == 302
    page = admin_client.get(to_merge_page["Location"])
    assert page.status_code == 200
    assert "Stories that link it" in page.content.decode()
    assert Source.objects.count() == 2  # choosing is not merging

    response = admin_client.post(to_merge_page["Location"], {"survivor": delfi.pk}, follow=True)

    assert "Merged “DELFI” into “Delfi”: 1 links moved" in response.content.decode()
    assert list(Source.objects.all()) == [delfi]
    for story in stories:
        assert list(story.attributions.values_list("source__name", flat=True)) == ["Delfi"]


def test_merging_one_entity_into_any_other_from_its_own_merge_page(admin_client):
    keep, duplicate = PersonFactory(name="Gabrielius Landsbergis"), PersonFactory(name="G. Landsbergis")
    mention = PersonMentionFactory(person=duplicate)
    page_url = url("person", "merge") + f"?ids={duplicate.pk}"

    offered = admin_client.get(url("person", "change", duplicate.pk)).content.decode()
    assert f'href="{page_url}">Merge into another…' in offered
    page = admin_client.get(page_url)
    assert "Merge into" in page.content.decode()
    assert admin_client.post(page_url, {"survivor": duplicate.pk}).status_code == 200  # not into itself
    assert admin_client.post(page_url, {"survivor": keep.pk}).status_code == 302

    mention.refresh_from_db()
    assert mention.person == keep


def test_an_editor_who_may_not_delete_is_neither_offered_nor_allowed_a_merge(editor):
    one, other = SourceFactory(), SourceFactory()

    assert "merge_selected" not in editor.get(url("source", "changelist")).content.decode()
    assert "Merge into another" not in editor.get(url("source", "change", one.pk)).content.decode()
    assert editor.get(url("source", "merge") + f"?ids={one.pk},{other.pk}").status_code == 403
    assert editor.post(url("source", "merge") + f"?ids={one.pk},{other.pk}", {"survivor": one.pk}).status_code == 403
    editor.post(url("source", "changelist"), {"action": "merge_selected", "_selected_action": [one.pk, other.pk]})
    assert Source.objects.count() == 2


# Deleting.


def test_deleting_a_source_that_stories_cite_is_refused_naming_them_and_offering_a_merge(admin_client):
    source = SourceFactory(name="Delfi")
    cited = SourceAttributionFactory(source=source, article=ArticleFactory(headline="Drills near Rukla")).article

    page = admin_client.get(url("source", "delete", source.pk))
    text = page.content.decode()
    assert "Stories link to this source, so it cannot be deleted" in text
    assert "Drills near Rukla" in text and reverse("admin:articles_article_change", args=[cited.pk]) in text
    assert f"{url('source', 'merge')}?ids={source.pk}" in text

    admin_client.post(url("source", "delete", source.pk), {"post": "yes"})
    assert Source.objects.filter(pk=source.pk).exists()
    assert SourceAttribution.objects.filter(article=cited).exists()  # the citation survives


def test_the_bulk_delete_action_is_refused_too(admin_client):
    linked, unlinked = PersonFactory(), PersonFactory()
    PersonMentionFactory(person=linked, article=ArticleFactory(headline="Linked story"))
    selection = {"action": "delete_selected", "_selected_action": [linked.pk, unlinked.pk]}

    page = admin_client.post(url("person", "changelist"), selection)
    assert "Linked story" in page.content.decode()
    assert "Merge instead" in page.content.decode()
    admin_client.post(url("person", "changelist"), {**selection, "post": "yes"})
    assert Person.objects.count() == 2


def test_an_entity_no_story_links_can_still_be_deleted(admin_client):
    person = PersonFactory()
    assert admin_client.post(url("person", "delete", person.pk), {"post": "yes"}).status_code == 302
    assert not Person.objects.exists()


# Creating a duplicate.


@pytest.mark.parametrize("spelling", ["DELFI", "delfi", "Delfì", "Delfi.lt"])
def test_a_new_source_named_like_one_on_file_is_refused_with_a_link_to_it(editor, spelling):
    delfi = SourceFactory(name="Delfi", aliases="Delfi.lt")
    data = form_data(editor.get(url("source", "add")))
    data.update({"name": spelling, "kind": Source.Kind.NEWS_OUTLET})

    response = editor.post(url("source", "add"), data)

    text = response.content.decode()
    assert response.status_code == 200
    assert "A source with this name or alias is already on file" in text
    assert f'<a href="{url("source", "change", delfi.pk)}">Delfi</a>' in text
    assert 'type="checkbox" name="save_anyway"' in text
    assert spelling in text  # the editor's input is still there
    assert Source.objects.count() == 1

    data["save_anyway"] = "on"
    assert editor.post(url("source", "add"), data).status_code == 302
    assert Source.objects.count() == 2


def test_renaming_into_another_entitys_name_warns_but_other_edits_do_not(editor):
    PersonFactory(name="Laurynas Kasčiūnas")
    other = PersonFactory(name="Someone Else", aliases="Kasciunas L.")
    data = form_data(editor.get(url("person", "change", other.pk)))

    data["description"] = "An adviser."
    assert editor.post(url("person", "change", other.pk), data).status_code == 302

    data = form_data(editor.get(url("person", "change", other.pk)))
    data["aliases"] = "Kasciunas L.\nLaurynas Kasciunas"
    response = editor.post(url("person", "change", other.pk), data)
    assert "A person with this name or alias is already on file" in response.content.decode()


def test_a_fresh_name_is_saved_without_a_question(editor):
    SourceFactory(name="Delfi")
    data = form_data(editor.get(url("source", "add")))
    data.update({"name": "LRT", "kind": Source.Kind.NEWS_OUTLET})
    assert editor.post(url("source", "add"), data).status_code == 302
    assert 'name="save_anyway"' in editor.get(url("source", "add")).content.decode()  # hidden until needed
    assert 'type="checkbox" name="save_anyway"' not in editor.get(url("source", "add")).content.decode()


def test_the_merge_into_field_searches_every_entry_of_its_kind(admin_client):
    PersonFactory(name="Gabrielius Landsbergis")
    duplicate = PersonFactory(name="G. Landsbergis")
    page = admin_client.get(url("person", "merge") + f"?ids={duplicate.pk}").content.decode()
    assert 'data-model-name="personmention"' in page and 'data-field-name="person"' in page

    found = admin_client.get(
        reverse("admin:autocomplete"),
        {"term": "Gabrielius", "app_label": "articles", "model_name": "personmention", "field_name": "person"},
    )
    assert [result["text"] for result in found.json()["results"]] == ["Gabrielius Landsbergis"]
