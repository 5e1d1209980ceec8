"""
``manage.py load_demo``: the demo newsroom loads in one go, loading it again
changes nothing, and its stories hold together — threads of "reported
earlier", links whose words are in the copy, hidden drafts and scheduled
stories, people whose titles change over time.
"""

import datetime
import json
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from articles.demo.loader import story_text
from articles.demo.photos import PHOTOS
from articles.demo.stories import BRIGADE_THREAD, SEABED_THREAD, STORIES
from articles.models import Article, CrossReference, PersonMention, Quote, SourceAttribution
from entities.models import Person
from images.models import Image, Rendition

pytestmark = pytest.mark.django_db

DEMO_SLUGS = {story.slug for story in STORIES}
GOLD = Path(__file__).resolve().parents[1] / "analysis" / "gold"
ADMIN_LINE = "Admin: http://127.0.0.1:8000/admin/  user: editor  password: newsroom-demo"


def load_demo() -> str:
    out = StringIO()
    call_command("load_demo", stdout=out)
    return out.getvalue()


def model_counts() -> dict[str, int]:
    labels = {"articles", "entities", "images", "taggit", "auth", "reversion"}
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in labels
    }


def media_files() -> list[Path]:
    roots = (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
    return sorted(path for root in roots for path in root.rglob("*") if path.is_file())


def reported_earlier() -> dict[str, str]:
    """later story slug -> earlier story slug, over confirmed "reported earlier" links."""
    return dict(
        CrossReference.objects.confirmed()
        .filter(relation=CrossReference.Relation.REPORTED_EARLIER)
        .values_list("from_article__slug", "to_article__slug")
    )


def chain_from(slug: str, earlier: dict[str, str]) -> list[str]:
    chain = [slug]
    while chain[-1] in earlier and len(chain) <= len(earlier):
        chain.append(earlier[chain[-1]])
    return chain


@pytest.fixture
def demo(monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.delenv("NEWSROOM_DEMO_PASSWORD", raising=False)
    # The photos' renditions are made after commit, as on a real load.
    with django_capture_on_commit_callbacks(execute=True):
        return load_demo()


def test_loading_twice_changes_no_counts_and_adds_no_files(demo, django_capture_on_commit_callbacks):
    first, files = model_counts(), media_files()
    with django_capture_on_commit_callbacks(execute=True):
        second_output = load_demo()
    assert model_counts() == first
    assert media_files() == files
    assert first["articles.Article"] == len(STORIES)
    photos = Image.objects.all()
    assert photos.count() == sum(len(story_photos) for story_photos in PHOTOS.values())
    # Each photo: its original and its renditions, nothing else.
    assert len(files) == photos.count() + Rendition.objects.count()
    assert ADMIN_LINE in second_output


def test_demo_stories_show_real_photos_with_caption_credit_and_alt(demo, client):
    with_photo = Article.objects.published().filter(lead_image__isnull=False).select_related("lead_image")
    assert with_photo.count() >= 6
    for story in with_photo:
        photo = story.lead_image
        assert photo.renditions_ready and photo.width >= 1200
        assert photo.caption and photo.credit and photo.alt_text
        html = client.get(story.get_absolute_url()).content.decode()
        assert f'alt="{photo.alt_text}"' in html and "srcset=" in html and photo.credit in html
    front = client.get("/").content.decode()
    assert front.count("<picture") >= 6
    section = client.get(with_photo[0].section.get_absolute_url()).content.decode()
    assert "<picture" in section


def test_a_demo_story_places_a_photo_in_its_body(demo, client):
    story = Article.objects.filter(inline_images__isnull=False).first()
    assert story is not None
    html = client.get(story.get_absolute_url()).content.decode()
    assert 'class="figure figure--inline"' in html


def test_the_demo_ships_no_image_files():
    """Photos are drawn when the demo loads; the repository carries no binaries for them."""
    demo_package = Path(__file__).resolve().parents[2] / "articles" / "demo"
    suffixes = {".jpg", ".jpeg", ".png", ".webp", ".gif"}
    assert not [path for path in demo_package.rglob("*") if path.suffix.lower() in suffixes]


def test_loading_again_leaves_unchanged_stories_untouched(demo):
    before = dict(Article.objects.values_list("slug", "updated_at"))
    load_demo()
    assert dict(Article.objects.values_list("slug", "updated_at")) == before


def test_loading_again_replaces_a_demo_story_s_links(demo):
    story = Article.objects.get(slug=SEABED_THREAD[0])
    stray = Person.objects.exclude(mentions__article=story).first()
    PersonMention.objects.create(article=story, person=stray, status="suggested")
    load_demo()
    assert not story.person_mentions.filter(person=stray).exists()


def test_prints_a_summary_and_the_admin_login(demo):
    assert "Demo newsroom loaded: 17 stories (15 published) in 4 sections." in demo
    assert ADMIN_LINE in demo


def test_editor_is_a_superuser_whose_password_is_never_reset(demo, monkeypatch):
    editor = get_user_model().objects.get(username="editor")
    assert editor.is_superuser and editor.is_staff
    assert editor.check_password("newsroom-demo")
    monkeypatch.setenv("NEWSROOM_DEMO_PASSWORD", "something-else")
    output = load_demo()
    editor.refresh_from_db()
    assert editor.check_password("newsroom-demo")
    assert "left unchanged" in output


def test_password_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("NEWSROOM_DEMO_PASSWORD", "from-the-env")
    output = load_demo()
    assert get_user_model().objects.get(username="editor").check_password("from-the-env")
    assert "user: editor  password: from-the-env" in output


def test_published_stories_cover_several_sections(demo):
    published = Article.objects.published().filter(slug__in=DEMO_SLUGS)
    assert published.count() >= 10
    assert published.values("section").distinct().count() >= 3
    for story in published.prefetch_related("tags", "bylines"):
        words = len(story.body.split())
        assert 300 <= words <= 600, (story.slug, words)
        assert story.standfirst and story.dateline_place_id
        assert 2 <= len(story.tags.all()) <= 4, story.slug
        assert 1 <= len({byline.name for byline in story.bylines.all()}) <= 2, story.slug


def test_draft_and_scheduled_stories_are_not_published(demo):
    draft = Article.objects.get(slug="lithuania-weighs-longer-conscript-service")
    scheduled = Article.objects.get(slug="baltic-and-nordic-defence-ministers-to-meet-in-tallinn")
    assert draft.status == Article.Status.DRAFT
    assert scheduled.published_at > timezone.now() + datetime.timedelta(days=29)
    visible = set(Article.objects.published().values_list("slug", flat=True))
    assert not {draft.slug, scheduled.slug} & visible
    assert draft.person_mentions.exists() and scheduled.person_mentions.exists()


def test_at_least_two_threads_of_three_reported_earlier_stories(demo):
    earlier = reported_earlier()
    heads = set(earlier) - set(earlier.values())
    long_chains = [chain_from(head, earlier) for head in heads if len(chain_from(head, earlier)) >= 3]
    assert len(long_chains) >= 2
    assert SEABED_THREAD in long_chains and BRIGADE_THREAD in long_chains
    for chain in long_chains:
        dates = [Article.objects.get(slug=slug).published_at for slug in chain]
        assert dates == sorted(dates, reverse=True)


def test_there_are_follow_up_and_background_links(demo):
    relations = set(CrossReference.objects.confirmed().values_list("relation", flat=True))
    assert {CrossReference.Relation.FOLLOW_UP, CrossReference.Relation.BACKGROUND} <= relations


def test_linked_words_cues_and_quotes_are_in_the_copy(demo):
    for ref in CrossReference.objects.select_related("from_article"):
        assert ref.anchor_text and ref.anchor_text in ref.from_article.body, ref
    for attribution in SourceAttribution.objects.select_related("article"):
        assert attribution.cue and attribution.cue in attribution.article.body, attribution
    for quote in Quote.objects.select_related("article", "speaker"):
        assert quote.speaker_id, quote
        assert quote.text in quote.article.paragraphs[quote.paragraph - 1], quote
        assert quote.cue in quote.article.body, quote


def test_every_link_is_confirmed(demo):
    for model in (CrossReference, SourceAttribution, Quote, PersonMention):
        assert not model.objects.exclude(status="confirmed").exists()


def test_rendered_story_links_to_the_story_it_reported_earlier(demo):
    for later, earlier in reported_earlier().items():
        story, target = Article.objects.get(slug=later), Article.objects.get(slug=earlier)
        assert f'href="{target.get_absolute_url()}"' in story.body_html, later


def test_people_hold_titles_that_change_over_time(demo):
    assert sum(1 for person in Person.objects.prefetch_related("roles") if len(person.roles.all()) >= 2) >= 3
    valancius = Person.objects.get(slug="rokas-valancius")
    before = Article.objects.get(slug=BRIGADE_THREAD[-1]).published_at
    after = Article.objects.get(slug=BRIGADE_THREAD[-2]).published_at
    assert valancius.title_on(before) == "Chair of the Committee on National Security and Defence"
    assert valancius.title_on(after) == "Minister of National Defence"


def test_one_story_carries_a_dated_correction(demo):
    story = Article.objects.get(slug=SEABED_THREAD[-1])
    (correction,) = story.corrections.all()
    assert story.published_at < correction.created_at < timezone.now()


def test_gold_file_describes_demo_stories(demo):
    gold = json.loads((GOLD / "demo.json").read_text(encoding="utf-8"))
    assert gold["publication"] == "The Gaze"
    assert 2 <= len(gold["stories"]) <= 3
    for entry in gold["stories"]:
        text = (GOLD / entry["file"]).read_text(encoding="utf-8")
        headline, body = story_text(entry["slug"])
        assert text.strip() == f"{headline}\n{body}"
        assert entry["headline"] == headline
        for quote in entry["quotes"]:
            assert quote["starts"] in body and quote["cue"] in body
        for source in entry["sources"]:
            assert source["cue"] in body
        story = Article.objects.get(slug=entry["slug"])
        for ref in entry["reported_earlier"]:
            assert ref["cue"] in body
            assert story.outgoing_references.filter(
                to_article__slug=ref["points_to_slug"], relation="reported_earlier"
            ).exists()


def test_demo_stories_were_last_updated_when_they_went_out_not_when_loaded(demo, client):
    """Not "Updated <the day of the load>" on every story, nor that date as the sitemap's lastmod."""
    published = Article.objects.published().filter(slug__in=DEMO_SLUGS).prefetch_related("corrections")
    corrected = Article.objects.get(slug=SEABED_THREAD[-1])
    for story in published:
        corrections = [c.created_at for c in story.corrections.all()]
        assert story.updated_at == max([story.published_at, *corrections]), story.slug

    plain = published.exclude(pk=corrected.pk).first()
    html = client.get(plain.get_absolute_url()).content.decode()
    assert "Updated" not in html
    local_date = timezone.localtime(plain.published_at).date().isoformat()
    sitemap = client.get("/sitemap.xml").content.decode()
    entry = sitemap[sitemap.index(plain.get_absolute_url()) :]
    assert entry[: entry.index("</url>")].count(f"<lastmod>{local_date}</lastmod>") == 1


def test_the_corrected_demo_story_reads_updated_when_its_correction_was_made(demo, client):
    story = Article.objects.get(slug=SEABED_THREAD[-1])
    (correction,) = story.corrections.all()
    html = " ".join(client.get(story.get_absolute_url()).content.decode().split())
    assert f"Updated <time datetime=\"{timezone.localtime(correction.created_at).isoformat()}\">" in html
