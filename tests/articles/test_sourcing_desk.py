"""
The sourcing desk: sources by attributions (last 30 days, all time), stories that
rest on a single source, attributions with no URL; by section and period; each
row leads to its stories; a fixed number of queries whatever the archive's size.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from articles.models import LinkStatus
from tests.factories import ArticleFactory, DraftFactory, SectionFactory, SourceAttributionFactory, SourceFactory

pytestmark = pytest.mark.django_db

DESK = reverse("admin:entities_source_desk")


@pytest.fixture
def admin_role_client(client):
    user = get_user_model().objects.create_user("desk-admin", is_staff=True)
    user.groups.add(Group.objects.get(name="Admin"))
    client.force_login(user)
    return client


def days_ago(days: int) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days)


@pytest.fixture
def newsroom():
    defence, region = SectionFactory(slug="defence", name="Defence"), SectionFactory(slug="region", name="Region")
    lrt, bns = SourceFactory(name="LRT"), SourceFactory(name="BNS")
    recent = ArticleFactory(headline="Recent two-source story", section=defence, published_at=days_ago(3))
    SourceAttributionFactory(article=recent, source=lrt, url="https://lrt.lt/a")
    SourceAttributionFactory(article=recent, source=bns)
    old = ArticleFactory(headline="Old LRT-only story", section=region, published_at=days_ago(200))
    SourceAttributionFactory(article=old, source=lrt, url="https://lrt.lt/b")
    SourceAttributionFactory(article=old, source=lrt, kind="interview", url="https://lrt.lt/c")
    SourceAttributionFactory(article=old, source=bns, status=LinkStatus.REJECTED)
    draft = DraftFactory(headline="Draft citing BNS", section=defence)
    SourceAttributionFactory(article=draft, source=bns, status=LinkStatus.SUGGESTED)
    return {"lrt": lrt, "bns": bns, "recent": recent, "old": old, "defence": defence}


def rows(response, table: str):
    return list(response.context[table].object_list)


def test_sources_by_attributions_last_30_days_and_all_time(admin_role_client, newsroom):
    response = admin_role_client.get(DESK)
    assert response.status_code == 200
    by_name = {row["name"]: row for row in rows(response, "sources")}
    assert (by_name["LRT"]["recent"], by_name["LRT"]["total"], by_name["LRT"]["stories"]) == (1, 3, 2)
    # Only confirmed attributions count: BNS's rejected and suggested ones do not.
    assert (by_name["BNS"]["recent"], by_name["BNS"]["total"]) == (1, 1)


def test_filters_by_section_and_period(admin_role_client, newsroom):
    response = admin_role_client.get(DESK, {"section": newsroom["defence"].pk})
    assert {row["name"]: row["total"] for row in rows(response, "sources")} == {"LRT": 1, "BNS": 1}
    since = (timezone.localdate() - datetime.timedelta(days=300)).isoformat()
    until = (timezone.localdate() - datetime.timedelta(days=100)).isoformat()
    response = admin_role_client.get(DESK, {"since": since, "until": until})
    assert {row["name"]: row["total"] for row in rows(response, "sources")} == {"LRT": 2}
    assert [story.headline for story in rows(response, "single_source")] == ["Old LRT-only story"]


def test_stories_resting_on_a_single_source_and_attributions_without_url(admin_role_client, newsroom):
    response = admin_role_client.get(DESK)
    single = rows(response, "single_source")
    assert [(story.headline, story.only_source_name) for story in single] == [("Old LRT-only story", "LRT")]
    assert [(a.source.name, a.article.headline) for a in rows(response, "without_url")] == [
        ("BNS", "Recent two-source story")
    ]


def test_every_row_leads_to_its_stories(admin_role_client, newsroom):
    response = admin_role_client.get(DESK)
    html = response.content.decode()
    lrt_row = next(row for row in rows(response, "sources") if row["name"] == "LRT")
    listed = admin_role_client.get(lrt_row["stories_url"])
    assert listed.status_code == 200
    assert {story.headline for story in listed.context["cl"].result_list} == {
        "Recent two-source story", "Old LRT-only story"
    }
    assert reverse("admin:articles_article_change", args=[newsroom["old"].pk]) in html
    assert reverse("admin:articles_article_change", args=[newsroom["recent"].pk]) in html


def desk_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(DESK).status_code == 200
    return len(captured)


def make_sourced_stories(count: int) -> None:
    section = SectionFactory()
    for n in range(count):
        story = ArticleFactory(section=section, published_at=days_ago(n))
        SourceAttributionFactory(article=story, source=SourceFactory())
        SourceAttributionFactory(article=story, url="https://example.org/x")


def test_the_desk_costs_the_same_queries_for_3_and_30_stories(admin_role_client):
    make_sourced_stories(3)
    desk_queries(admin_role_client)  # warm the content-type and session caches
    with_three = desk_queries(admin_role_client)
    make_sourced_stories(27)
    assert desk_queries(admin_role_client) == with_three
