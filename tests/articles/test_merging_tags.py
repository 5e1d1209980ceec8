"""Merging tags in the admin: every story ends up carrying the tag that is kept."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from taggit.models import Tag

from articles.merging import tags_merge
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:taggit_tag_changelist")


def stories_tagged(count: int, *names: str):
    return [ArticleFactory(tags=list(names)) for _ in range(count)]


def test_merging_drone_into_drones_leaves_all_ten_stories_with_drones(admin_client):
    """The bug taggit's own action has: the survivor was dropped from the stories that carried it."""
    stories = stories_tagged(5, "drone") + stories_tagged(5, "drones")
    drone, drones = Tag.objects.get(name="drone"), Tag.objects.get(name="drones")
    selection = {"action": "merge_tags", "_selected_action": [drone.pk, drones.pk]}

    confirm = admin_client.post(CHANGELIST, selection)
    assert confirm.status_code == 200
    assert "Keep which tag?" in confirm.content.decode()
    assert Tag.objects.count() == 2  # nothing happens before the editor chooses

    response = admin_client.post(CHANGELIST, {**selection, "survivor": drones.pk, "post": "yes"}, follow=True)

    assert "Merged “drone” into “drones”: 5 stories moved, 10 now carry it." in response.content.decode()
    assert list(Tag.objects.values_list("name", flat=True)) == ["drones"]
    for story in stories:
        assert [tag.name for tag in story.tags.all()] == ["drones"]
    tagged = admin_client.get(reverse("tag_detail", args=["drones"]))
    assert len(tagged.context["page"]) == 10


def test_a_story_carrying_both_tags_keeps_one_survivor_and_its_open_form_turns_stale():
    both = ArticleFactory(tags=["drone", "drones"])
    only_loser = ArticleFactory(tags=["drone", "uav"])
    untouched = ArticleFactory(tags=["drones"])
    versions = {story.pk: story.version for story in (both, only_loser, untouched)}

    moved = tags_merge(Tag.objects.get(name="drones"), Tag.objects.filter(name__in=["drone", "uav"]))

    assert moved == 2  # the stories that carried a merged tag
    assert sorted(tag.name for tag in both.tags.all()) == ["drones"]
    assert sorted(tag.name for tag in only_loser.tags.all()) == ["drones"]
    for story in (both, only_loser):
        story.refresh_from_db()
        assert story.version == versions[story.pk] + 1
    untouched.refresh_from_db()
    assert untouched.version == versions[untouched.pk]


def test_only_users_who_may_delete_tags_are_offered_the_merge(client, django_user_model):
    editor = django_user_model.objects.create_user("editor", password="pw", is_staff=True)
    editor.user_permissions.add(*Permission.objects.filter(codename__in=["view_tag", "change_tag"]))
    stories_tagged(1, "drone", "drones")
    client.force_login(editor)

    page = client.get(CHANGELIST)
    assert "merge_tags" not in page.content.decode()

    ids = list(Tag.objects.values_list("pk", flat=True))
    data = {"action": "merge_tags", "_selected_action": ids, "survivor": ids[0], "post": "yes"}
    client.post(CHANGELIST, data)
    assert Tag.objects.count() == 2
