"""Stories and library photos: the lead photo, photos in the body, alt text before going live, every page's <img>."""

import datetime
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone

from articles.models import Article, InlineImage
from articles.services import article_transition
from images.services import generate_renditions
from tests.articles.test_admin import change_url, form_data
from tests.articles.test_query_counts import EXPECTED_QUERIES
from tests.factories import (
    ArticleFactory,
    DraftFactory,
    ImageFactory,
    PersonMentionFactory,
    SectionFactory,
)

pytestmark = pytest.mark.django_db


class Images(HTMLParser):
    """Every <img>, <source> and photo meta tag of a page, with their attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.images, self.sources, self.meta = [], [], {}
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "img":
            self.images.append(attributes)
        elif tag == "source":
            self.sources.append(attributes)
        elif tag == "meta" and attributes.get("property", "").startswith("og:image"):
            self.meta[attributes["property"]] = attributes["content"]


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


# Alt text before a story goes live.


def test_a_story_cannot_go_live_with_a_photo_without_alt_text():
    with pytest.raises(ValidationError) as refused:
        ArticleFactory(lead_image=ImageFactory(title="Frigate", alt_text="", renditions=False))
    assert "“Frigate” (the lead photo) has no alt text" in refused.value.messages[0]
    # As a draft it saves; the alt text is needed only to go live.
    draft = DraftFactory(lead_image=ImageFactory(alt_text="", renditions=False))
    assert draft.pk


def test_a_photo_in_the_body_needs_alt_text_too():
    photo = ImageFactory(alt_text="", renditions=False)
    with pytest.raises(ValidationError) as refused:
        ArticleFactory(body=f"Text.\n[image:{photo.pk}]")
    assert f"photo {photo.pk} in the body" in refused.value.messages[0]


def test_publishing_from_the_list_refuses_and_names_the_story(admin_client):
    draft = DraftFactory(headline="Frigates arrive", lead_image=ImageFactory(alt_text="", renditions=False))
    other = DraftFactory()
    response = admin_client.post(
        reverse("admin:articles_article_changelist"),
        {"action": "publish_now", "_selected_action": [draft.pk, other.pk]},
        follow=True,
    )
    message = [str(m) for m in response.context["messages"]][0]
    assert message.startswith("Nothing was published. “Frigates arrive” cannot go live:")
    assert not Article.objects.published().exists()
    with pytest.raises(ValidationError):
        article_transition(draft, to=Article.Status.PUBLISHED)


def test_the_story_form_says_why_and_keeps_the_editor_s_text(admin_client):
    draft = DraftFactory(lead_image=ImageFactory(title="Frigate", alt_text="", renditions=False))
    data = form_data(admin_client.get(change_url(draft)))
    data.update(status="published", body="A new paragraph the editor just wrote.")
    response = admin_client.post(change_url(draft), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "has no alt text. Write what it shows in the photo library" in html
    assert "A new paragraph the editor just wrote." in html
    draft.refresh_from_db()
    assert draft.status == Article.Status.DRAFT


# Photos in the body.


def test_a_photo_line_becomes_a_figure_with_srcset_caption_and_credit():
    photo = ImageFactory(caption="Troops at <b>Pabradė</b>.", credit="Ona Jonaitė / The Gaze")
    story = ArticleFactory(body=f"First *paragraph*.\n[image:{photo.pk}]\n[image:{photo.pk} Our own caption]\nLast.")
    html = story.body_html
    assert html.count('<figure class="figure figure--inline">') == 2
    assert "Troops at &lt;b&gt;Pabradė&lt;/b&gt;." in html and "Our own caption" in html
    assert "Ona Jonaitė / The Gaze" in html and 'loading="lazy"' in html and "srcset=" in html
    assert "<p>First <em>paragraph</em>.</p>" in html and "<p>Last.</p>" in html
    assert "[image:" not in html and "NEWSROOMFIGURE" not in html
    assert story.body_text == "First paragraph.\n\nLast."
    assert set(story.inline_images.values_list("image_id", flat=True)) == {photo.pk}


def test_the_syntax_is_not_markdown_and_cannot_smuggle_markup():
    photo = ImageFactory()
    story = ArticleFactory(body=f'[image:{photo.pk} "><script>alert(1)</script>]\nText with [image:{photo.pk}] inline.')
    assert "<script>" not in story.body_html
    assert "&lt;script&gt;" in story.body_html
    # Only a line of its own places a photo.
    assert story.body_html.count("<figure") == 1 and f"[image:{photo.pk}] inline" in story.body_html


def test_the_form_refuses_unknown_photos_and_misspelt_lines(admin_client):
    story = DraftFactory()
    data = form_data(admin_client.get(change_url(story)))
    data["body"] = "Text.\n[image:999999]\n[image: forty-two]"
    response = admin_client.post(change_url(story), data)
    html = response.content.decode()
    assert "There is no photo 999999 in the library." in html
    assert "“[image: forty-two]” is not a photo line" in html


def test_changing_a_photo_updates_the_stories_that_place_it(django_capture_on_commit_callbacks):
    photo = ImageFactory(caption="Old caption.")
    story = ArticleFactory(body=f"Text.\n[image:{photo.pk}]")
    photo.caption = "New caption."
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    story.refresh_from_db()
    assert "New caption." in story.body_html and "Old caption." not in story.body_html


def test_a_figure_made_before_the_renditions_gets_its_srcset_when_they_are_ready():
    photo = ImageFactory(renditions=False)
    story = ArticleFactory(body=f"Text.\n[image:{photo.pk}]")
    assert photo.original_url in story.body_html and "<picture" not in story.body_html
    generate_renditions(photo.pk)
    story.refresh_from_db()
    assert "<picture" in story.body_html and "/640w.webp 640w" in story.body_html


def test_removing_the_line_forgets_the_photo_and_a_used_photo_cannot_be_deleted():
    photo = ImageFactory(renditions=False)
    story = ArticleFactory(body=f"Text.\n[image:{photo.pk}]", lead_image=ImageFactory(renditions=False))
    with pytest.raises(ProtectedError):
        photo.delete()
    with pytest.raises(ProtectedError):
        story.lead_image.delete()
    story.body = "Text."
    story.save()
    assert not InlineImage.objects.exists()
    photo.delete()


def test_the_api_gives_body_photos_absolute_addresses(client):
    photo = ImageFactory()
    story = ArticleFactory(body=f"Text.\n[image:{photo.pk}]")
    body = client.get(f"/api/articles/{story.slug}/").json()["body_html"]
    addresses = re.findall(r'(?:src|srcset)="([^"]*)"', body)
    assert addresses
    for value in addresses:
        for candidate in value.split(", "):
            assert candidate.startswith("http://testserver/media/renditions/"), candidate


# Pages.


def newsroom_with_photos():
    section = SectionFactory(name="Defence", slug="defence")
    lead, inline = ImageFactory(), ImageFactory(alt_text="A frigate at a quay")
    story = ArticleFactory(
        section=section, lead_image=lead, body=f"First.\n[image:{inline.pk}]\nLast.", tags=["Navy"],
        published_at=timezone.now() - datetime.timedelta(hours=1),
    )
    PersonMentionFactory(article=story, person__name="Laurynas Kasčiūnas")
    for hours in (2, 3):
        ArticleFactory(section=section, lead_image=ImageFactory(), published_at=timezone.now()
                       - datetime.timedelta(hours=hours), tags=["Navy"])
    ArticleFactory(section=section, published_at=timezone.now() - datetime.timedelta(hours=4))
    return story


def test_every_public_img_has_srcset_sizes_width_height_loading_and_alt(client):
    story = newsroom_with_photos()
    person = story.person_mentions.get().person
    urls = [story.get_absolute_url(), "/", "/section/defence/", "/tag/navy/", "/search/?q=story",
            person.get_absolute_url()]
    seen = 0
    for url in urls:
        parsed = Images(page(client, url))
        for img in parsed.images:
            seen += 1
            for attribute in ("src", "srcset", "sizes", "width", "height", "loading", "alt"):
                assert img.get(attribute), (url, attribute, img)
            assert int(img["width"]) > 0 and int(img["height"]) > 0
        for source in parsed.sources:
            assert source["type"] == "image/webp" and source["srcset"] and source["sizes"]
    assert seen >= 10


def test_the_story_page_shows_the_lead_large_and_eager_and_teasers_small(client):
    story = newsroom_with_photos()
    lead = Images(page(client, story.get_absolute_url())).images[0]
    assert lead["loading"] == "eager" and lead["fetchpriority"] == "high"
    assert "/1000w.jpg 1000w" in lead["srcset"] and lead["width"] == "1000"
    section = Images(page(client, "/section/defence/")).images
    assert all(img["sizes"] == "7.5rem" and img["srcset"].endswith(" 960w") for img in section)
    assert all(img["loading"] == "lazy" for img in section)


def test_og_image_and_json_ld_use_the_large_rendition(client):
    story = newsroom_with_photos()
    html = page(client, story.get_absolute_url())
    meta = Images(html).meta
    assert re.fullmatch(r"http://testserver/media/renditions/.+/1000w-16x9-f50x50\.jpg", meta["og:image"])
    assert (meta["og:image:width"], meta["og:image:height"]) == ("1000", "562")
    assert meta["og:image:alt"] == story.lead_image.alt_text
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.S).group(1))
    assert data["@type"] == "NewsArticle" and data["headline"] == story.headline
    assert data["image"][0]["url"] == meta["og:image"]


def test_the_photos_add_no_query_to_any_page(client, django_assert_num_queries):
    story = newsroom_with_photos()
    for name, url in (("story", story.get_absolute_url()), ("front", "/"), ("section", "/section/defence/")):
        client.get(url)
        with django_assert_num_queries(EXPECTED_QUERIES[name]):
            client.get(url)
