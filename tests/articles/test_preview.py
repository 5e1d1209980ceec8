"""
Previews: staff open any story, whatever its status, exactly as readers will see
it, and share a signed, expiring link with a colleague who has no account.
Previews are never indexed nor cached, and never leak the link onwards.
"""

import datetime
import time
from unittest import mock

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.preview import preview_path
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Embargoed frigate deal"


def admin_preview(story) -> str:
    return reverse("admin:articles_article_preview", args=[story.pk])


def assert_private(response):
    # The admin's own never_cache may add to it; both words must be there.
    assert {"private", "no-store"} <= {part.strip() for part in response["Cache-Control"].split(",")}
    assert "noindex" in response["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in response.content.decode()
    assert response["Referrer-Policy"] == "no-referrer"


@pytest.mark.parametrize("make", [DraftFactory, ScheduledFactory], ids=["draft", "scheduled"])
def test_staff_see_an_unpublished_story_as_readers_will(admin_client, client, make):
    story = make(headline=HEADLINE, body="The **deal** was signed.")
    assert client.get(story.get_absolute_url()).status_code == 404

    response = admin_client.get(admin_preview(story))

    assert response.status_code == 200
    assert [t.name for t in response.templates][0] == "articles/article_detail.html"
    html = response.content.decode()
    assert f'<h1 class="story__headline">{HEADLINE}</h1>' in html
    assert "<strong>deal</strong>" in html and "Preview." in html
    assert_private(response)


def test_the_share_link_opens_the_preview_without_an_account(admin_client, client):
    story = DraftFactory(headline=HEADLINE)
    share = admin_client.get(admin_preview(story)).context["share_url"]
    assert share.startswith("http://testserver/preview/")

    response = client.get(share.removeprefix("http://testserver"))

    assert response.status_code == 200 and HEADLINE in response.content.decode()
    assert_private(response)
    assert response["Cache-Control"] == "private, no-store"


def test_a_forged_or_altered_link_is_a_404(client):
    story = DraftFactory(headline=HEADLINE)
    path = preview_path(story)
    other = DraftFactory()
    # The token of ``path`` itself: a second token for the story could carry a later second (and not be in ``path``).
    forged = path.replace(path.split("/")[2], preview_path(other).split("/")[2][:-3] + "abc")
    assert client.get(forged).status_code == 404
    assert client.get("/preview/guess/").status_code == 404


def test_the_link_expires(client, settings):
    story = DraftFactory(headline=HEADLINE)
    path = preview_path(story)
    later = time.time() + settings.NEWSROOM_PREVIEW_MAX_AGE.total_seconds() + 60
    with mock.patch("django.core.signing.time.time", return_value=later):
        response = client.get(path)
    assert response.status_code == 410
    assert "expired" in response.content.decode() and HEADLINE not in response.content.decode()
    assert_private(response)


def test_a_user_without_access_to_the_admin_gets_no_admin_preview(client, django_user_model):
    story = DraftFactory()
    client.force_login(django_user_model.objects.create_user("reader"))
    response = client.get(admin_preview(story))
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_a_published_story_s_preview_shows_its_real_times(admin_client):
    story = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=1))
    html = admin_client.get(admin_preview(story)).content.decode()
    assert "Published <time" in html
