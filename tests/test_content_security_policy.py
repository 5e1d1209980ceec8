"""The Content-Security-Policy: every page type, public and admin, loads nothing the policy blocks.

Each page is parsed (lxml) and every resource and inline construct is held to
the response's own policy header, as a browser would: scripts and styles from
this site or carrying the response's nonce, no inline event handlers or style
attributes, no script URLs, images from this site, forms posting here.
"""

from __future__ import annotations

import datetime
from urllib.parse import urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.factories import (
    ArticleFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    ImageFactory,
    OrganizationMentionFactory,
    PersonMentionFactory,
    PlaceMentionFactory,
    QuoteFactory,
    SectionFactory,
    SourceAttributionFactory,
)
from tests.security import html_document

pytestmark = pytest.mark.django_db


def parse_policy(header: str) -> dict[str, list[str]]:
    policy = {}
    for directive in filter(None, (part.strip() for part in header.split(";"))):
        name, *sources = directive.split()
        policy[name] = sources
    return policy


def sources_for(policy, directive):
    return policy.get(directive, policy.get("default-src", []))


def allows_url(sources: list[str], url: str) -> bool:
    parts = urlsplit(url)
    if "'none'" in sources:
        return False
    if not parts.scheme and not parts.netloc:
        return "'self'" in sources  # a path on this site
    if parts.scheme == "data":
        return "data:" in sources
    if parts.netloc == "testserver":
        return "'self'" in sources
    return any(source.rstrip("/") in url for source in sources if "." in source)


def blocked(response) -> list[str]:
    """What a browser enforcing the response's policy would refuse on the page."""
    header = response.get("Content-Security-Policy")
    assert header, "no Content-Security-Policy header"
    policy = parse_policy(header)
    nonce = next((s[len("'nonce-"):-1] for s in policy.get("script-src", []) if s.startswith("'nonce-")), None)
    style_nonce = next((s[len("'nonce-"):-1] for s in policy.get("style-src", []) if s.startswith("'nonce-")), None)
    root = html_document(response.content)
    problems = []
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        tag = el.tag.lower()
        for name, value in el.attrib.items():
            if name.lower().startswith("on"):
                problems.append(f"inline handler <{tag} {name}>")
            if name.lower() == "style":
                problems.append(f"style attribute on <{tag}>: {value[:40]!r}")
            if name.lower() in {"href", "src", "action", "formaction"} and value.strip().lower().startswith("javascript:"):
                problems.append(f"javascript: URL on <{tag}>")
        if tag == "script":
            if el.get("type") in {"application/ld+json", "application/json"} and not el.get("src"):
                continue  # data, not code
            if el.get("src"):
                if not allows_url(sources_for(policy, "script-src"), el.get("src")):
                    problems.append(f"script from {el.get('src')}")
            elif el.get("nonce") != nonce or nonce is None:
                problems.append(f"inline script without the nonce: {(el.text or '')[:60]!r}")
        elif tag == "style" and (el.get("nonce") != style_nonce or style_nonce is None):
            problems.append("inline <style> without the nonce")
        elif tag == "link" and "stylesheet" in (el.get("rel") or "").lower():
            if not allows_url(sources_for(policy, "style-src"), el.get("href", "")):
                problems.append(f"stylesheet from {el.get('href')}")
        elif tag == "link" and "icon" in (el.get("rel") or "").lower():
            if not allows_url(sources_for(policy, "img-src"), el.get("href", "")):
                problems.append(f"icon from {el.get('href')}")
        elif tag in {"img", "source"} and el.get("src"):
            if not allows_url(sources_for(policy, "img-src"), el.get("src")):
                problems.append(f"image from {el.get('src')}")
        elif tag in {"iframe", "frame", "object", "embed"}:
            problems.append(f"<{tag}>")
        elif tag == "base":
            problems.append("<base>")
        elif tag == "form" and el.get("action"):
            if not allows_url(policy.get("form-action", ["*"]), el.get("action")):
                problems.append(f"form posting to {el.get('action')}")
    return problems


@pytest.fixture
def story():
    now = timezone.now()
    section = SectionFactory(slug="defence", name="Defence")
    earlier = ArticleFactory(section=section, published_at=now - datetime.timedelta(days=2))
    article = ArticleFactory(
        section=section, tags=["NATO"], lead_image=ImageFactory(), lead_image_caption="A caption",
        body="Laurynas Kasčiūnas spoke. *Emphasis* and [a link](https://example.org).\nSecond paragraph.",
    )
    PersonMentionFactory(article=article, person__slug="kasciunas", person__name="Laurynas Kasčiūnas")
    OrganizationMentionFactory(article=article, organization__slug="nato")
    PlaceMentionFactory(article=article, place__slug="vilnius")
    SourceAttributionFactory(article=article, source__slug="lrt", url="https://www.lrt.lt/story")
    QuoteFactory(article=article)
    CorrectionFactory(article=article)
    CrossReferenceFactory(from_article=article, to_article=earlier)
    return article


PUBLIC_PAGES = [
    "/", "/?page=2", "/section/defence/", "/tag/nato/", "/people/kasciunas/", "/organizations/nato/",
    "/places/vilnius/", "/sources/lrt/", "/search/", "/search/?q=spoke", "/search/?published_after=nope",
    "/no-such-page/",
]


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_public_pages_satisfy_the_policy(client, story, url):
    response = client.get(url)
    assert response.status_code in (200, 400, 404)
    assert blocked(response) == []


def test_the_story_page_satisfies_the_policy(client, story):
    response = client.get(story.get_absolute_url())
    assert response.status_code == 200
    assert blocked(response) == []


def test_the_policy_says_what_it_should():
    from django.test import Client

    response = Client().get("/healthz")
    policy = parse_policy(response["Content-Security-Policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"] and policy["form-action"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in policy[directive] and "'unsafe-eval'" not in policy[directive]


def test_a_page_with_an_inline_script_would_be_caught(client):
    """Not vacuous: the checker finds what a browser would block."""
    from django.http import HttpResponse

    response = HttpResponse(
        "<html><body><script>alert(1)</script><p style='color:red' onclick='x()'>x</p></body></html>"
    )
    response["Content-Security-Policy"] = "default-src 'self'; script-src 'self'"
    assert len(blocked(response)) == 3


@pytest.fixture
def staff(client):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "a long enough password")
    client.force_login(user)
    return client


def admin_pages(story):
    from articles.models import Article

    person = story.person_mentions.first().person
    return [
        "/admin/", "/admin/articles/article/", "/admin/articles/article/?q=spoke&status__exact=published",
        f"/admin/articles/article/{story.pk}/change/", "/admin/articles/article/add/",
        f"/admin/articles/article/{story.pk}/history/", f"/admin/articles/article/{story.pk}/delete/",
        "/admin/articles/section/", "/admin/entities/person/", f"/admin/entities/person/{person.pk}/change/",
        "/admin/entities/organization/add/", "/admin/entities/place/", "/admin/entities/source/",
        "/admin/taggit/tag/", "/admin/auth/user/", "/admin/auth/user/add/", "/admin/password_change/",
        "/admin/axes/accessattempt/", "/admin/images/image/", "/admin/images/image/add/",
        f"/admin/images/image/{story.lead_image_id}/change/",
        f"/admin/articles/article/{Article.objects.latest('pk').pk}/change/",
    ]


def test_admin_pages_satisfy_the_policy(staff, story):
    for url in admin_pages(story):
        response = staff.get(url)
        assert response.status_code == 200, url
        assert blocked(response) == [], url


def test_the_login_page_satisfies_the_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert blocked(response) == []
