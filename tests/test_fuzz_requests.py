"""Generated requests at every URL pattern and the API: never a 5xx.

Hypothesis fills each pattern's parameters with generated text (control and
NUL characters, percent-escapes, huge numbers, dates past year 9999, unicode
of every kind, real slugs) and adds generated query strings built from the
filters' own names. GET and HEAD, anonymous and as a staff member in the
admin. Run on SQLite and on PostgreSQL (which refuses NUL in any parameter):
300 requests per test, 600 per database.
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import ArticleFactory, PersonFactory, PersonMentionFactory, SectionFactory

pytestmark = pytest.mark.django_db

def url_templates(patterns=None, prefix="") -> list[str]:
    """Every URL pattern as a template with "{}" where a parameter goes."""
    templates = []
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        route = str(entry.pattern)
        route = re.sub(r"<(?:\w+:)?\w+>", "{}", route)  # path("<slug:slug>/")
        route = re.sub(r"\(\?P<\w+>(?:[^()]|\([^()]*\))*\)", "{}", route)  # re_path("(?P<id>.+)")
        route = route.lstrip("^").replace("\\Z", "").rstrip("$").replace("\\", "")
        if isinstance(entry, URLResolver):
            templates += url_templates(entry.url_patterns, prefix + route)
        elif isinstance(entry, URLPattern):
            templates.append("/" + prefix + route)
    return sorted(set(templates))


TEMPLATES = url_templates()
PUBLIC = [t for t in TEMPLATES if not t.startswith("/admin/")]
ADMIN = [t for t in TEMPLATES if t.startswith("/admin/")]

FILTER_NAMES = ["q", "section", "tag", "person", "organization", "place", "source", "published_after",
                "published_before", "page", "ordering", "o", "e", "p", "_changelist_filters", "format", "callback"]
hostile_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from([
        "\x00", "%00", "a\x00b", "\x1b[31m", "\r\n", "\u202e", "\ufeff", "..", "../../etc/passwd", "%2e%2e%2f",
        "9" * 400, "-1", "0", "1e308", "NaN", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00",
        "10000-01-01", "2025-02-30", "' OR 1=1 --", "<script>", "%", "%ZZ", "%C0%AF", "kasciunas", "nato",
        "defence", "story-0", "x" * 2000, " ".join(["w"] * 2000), "__proto__", "-published_at", "pk",
    ]),
)


def path_from(template: str, values: list[str]) -> str:
    parts = template.split("{}")
    out = parts[0]
    for value, part in zip(values, parts[1:], strict=False):
        out += quote(value, safe="") + part
    return out


@st.composite
def requests(draw, templates):
    template = draw(st.sampled_from(templates))
    values = [draw(hostile_text) for _ in range(template.count("{}"))]
    params = draw(st.lists(st.tuples(st.one_of(st.sampled_from(FILTER_NAMES), hostile_text), hostile_text), max_size=4))
    query = urlencode(params)
    method = draw(st.sampled_from(["get", "head"]))
    return method, path_from(template, values) + (f"?{query}" if query else "")


@pytest.fixture
def newsroom():
    person = PersonFactory(slug="kasciunas")
    story = ArticleFactory(slug="story-0", section=SectionFactory(slug="defence"), tags=["NATO"])
    PersonMentionFactory(article=story, person=person)
    return story


def send(client: Client, method: str, url: str) -> None:
    response = getattr(client, method)(url)
    assert response.status_code < 500, (method, url, response.status_code)


def test_every_pattern_is_found():
    assert "/api/articles/{}/" in PUBLIC and "/tag/{}/" in PUBLIC and "/feeds/people/{}/" in PUBLIC
    assert len(ADMIN) > 50


FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])


@FUZZ
@given(request=requests(PUBLIC))
def test_public_urls_and_the_api_never_answer_5xx(client, newsroom, request):
    send(client, *request)


@FUZZ
@given(request=requests(ADMIN))
def test_admin_urls_never_answer_5xx_to_staff(newsroom, staff_client, request):
    method, url = request
    send(staff_client, method, url)


@pytest.fixture
def staff_client():
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "a long enough password")
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.parametrize("path", ["-1/change/", "queues/%C3%B0/failed/clear/", "x/history/", "x/delete/"])
def test_the_job_dashboards_stand_in_model_has_no_object_pages(staff_client, path):
    # django-rq's dashboard is listed under a model with no table: its object addresses
    # answer as for a missing record (back to the admin index), not with a server error.
    response = staff_client.get(f"/admin/django_rq/dashboard/{path}")
    assert response.status_code == 302
    assert staff_client.get("/admin/django_rq/dashboard/").status_code == 200


@pytest.mark.parametrize("number", ["99", "9" * 400])
@pytest.mark.parametrize(
    "address",
    ["queues/{}/", "queues/{}/failed/", "queues/{}/some-job/", "queues/actions/{}/", "workers/{}/", "schedulers/{}/",
     "cron-schedulers/{}/main/"],
)
def test_a_job_queue_past_the_end_of_the_list_is_not_found(staff_client, number, address):
    # django-rq reads the number as an index into its queues (schedulers, connections):
    # past the end it raised a 500.
    assert staff_client.get("/admin/django_rq/dashboard/" + address.format(number)).status_code == 404
    assert staff_client.get("/admin/django_rq/dashboard/queues/0/").status_code == 200
