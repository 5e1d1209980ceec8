"""
``manage.py load_demo``: the demo newsroom loads in one go, loading it again
changes nothing, and its stories hold together — threads of "reported
earlier", links whose words are in the copy, hidden drafts and scheduled
stories, people whose titles change over time.
"""

import datetime
import json
import re
import shutil
import subprocess
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
from tests.factories import SectionFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db

DEMO_SLUGS = {story.slug for story in STORIES}
GOLD = Path(__file__).resolve().parents[1] / "analysis" / "gold"
ADMIN_LINE = "Admin: http://127.0.0.1:8000/admin/"
ROLES = {"reporter": "Reporter", "editor": "Editor", "admin": "Admin"}


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


def printed_passwords(output: str) -> dict[str, str]:
    return dict(re.findall(r"user: (\w+)\s+password: (\S+)", output))


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    # The photos' renditions are made after commit, as on a real load.
    with django_capture_on_commit_callbacks(execute=True):
        return load_demo()


def test_loading_twice_changes_nothing_and_says_it_skipped(demo, django_capture_on_commit_callbacks):
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
    assert "not loaded, and nothing was changed" in second_output
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


def test_loading_again_leaves_what_editors_changed_alone(demo):
    """An editor's new headline and link, and a deleted story, survive ``make run``."""
    story = Article.objects.get(slug=SEABED_THREAD[0])
    story.headline = "An editor's better headline"
    story.save()
    stray = Person.objects.exclude(mentions__article=story).first()
    PersonMention.objects.create(article=story, person=stray, status="suggested")
    Article.objects.get(slug="lithuania-weighs-longer-conscript-service").delete()
    before = model_counts(), dict(Article.objects.values_list("slug", "modified_at"))

    load_demo()

    assert (model_counts(), dict(Article.objects.values_list("slug", "modified_at"))) == before
    story.refresh_from_db()
    assert story.headline == "An editor's better headline"
    assert story.person_mentions.filter(person=stray).exists()


def test_a_newsroom_with_any_content_gets_no_demo_content():
    SectionFactory(slug="home", name="Home")
    output = load_demo()
    assert not Article.objects.exists() and not Person.objects.exists()
    assert "not loaded" in output
    # The accounts are still made: they change nothing that exists.
    assert set(printed_passwords(output)) == set(ROLES)


def test_prints_a_summary_the_admin_address_and_one_login_per_role(demo):
    assert "Demo newsroom loaded: 17 stories (15 published) in 4 sections." in demo
    assert ADMIN_LINE in demo
    passwords = printed_passwords(demo)
    assert set(passwords) == set(ROLES)
    for username, role in ROLES.items():
        user = get_user_model().objects.get(username=username)
        assert user.is_staff and not user.is_superuser
        assert [group.name for group in user.groups.all()] == [role]
        assert user.check_password(passwords[username])


def test_passwords_are_random_and_an_existing_account_is_never_reset(demo):
    """Never a known password (DEBUG is off in tests): each run that makes an account draws a new one."""
    assert not settings.DEBUG
    first = printed_passwords(demo)
    assert len(set(first.values())) == 3 and all(len(password) >= 16 for password in first.values())
    output = load_demo()
    assert printed_passwords(output) == {}
    assert output.count("its password was left unchanged") == 3
    editor = get_user_model().objects.get(username="editor")
    assert editor.check_password(first["editor"])
    editor.delete()
    again = printed_passwords(load_demo())
    assert set(again) == {"editor"} and again["editor"] != first["editor"]


def test_the_admin_address_printed_is_the_one_served(demo):
    """``make run HOST=… PORT=…`` passes its address to ``load_demo`` and serves there."""
    out = StringIO()
    call_command("load_demo", "--site-url", "http://0.0.0.0:8123", stdout=out)
    assert "Admin: http://0.0.0.0:8123/admin/" in out.getvalue()
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    root = Path(settings.BASE_DIR)
    dry_run = subprocess.run(
        [make, "-n", "-C", str(root), "run", "HOST=0.0.0.0", "PORT=8123"], capture_output=True, text=True, check=True
    ).stdout
    assert "load_demo --site-url http://0.0.0.0:8123" in dry_run
    assert "runserver 0.0.0.0:8123" in dry_run


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
        assert story.updated_at == (max(corrections) if corrections else None), story.slug
        assert story.last_updated_at == max([story.published_at, *corrections]), story.slug

    plain = published.exclude(pk=corrected.pk).first()
    html = client.get(plain.get_absolute_url()).content.decode()
    assert "Updated" not in html
    local_date = timezone.localtime(plain.published_at).date().isoformat()
    sitemap = sitemap_text(client)
    entry = sitemap[sitemap.index(plain.get_absolute_url()) :]
    assert entry[: entry.index("</url>")].count(f"<lastmod>{local_date}</lastmod>") == 1


def test_the_corrected_demo_story_reads_updated_when_its_correction_was_made(demo, client):
    story = Article.objects.get(slug=SEABED_THREAD[-1])
    (correction,) = story.corrections.all()
    html = " ".join(client.get(story.get_absolute_url()).content.decode().split())
    assert f"Updated <time datetime=\"{timezone.localtime(correction.created_at).isoformat()}\">" in html
