"""import_stories: each file whole or not at all, with a clear reason for a bad one."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article, Suggestion
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db

GOOD = (
    "Estonia Orders Coastal Radars\n"
    "Estonia's Ministry of Defence has ordered three coastal radars, according to ERR.\n"
    "\"The radars close a gap on our northern coast,\" Defence Minister Tarmo Kask said.\n"
)


def run(*args):
    out, err = StringIO(), StringIO()
    try:
        call_command("import_stories", *args, stdout=out, stderr=err)
        code = 0
    except CommandError as error:
        err.write(str(error))
        code = 1
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def good_file(tmp_path):
    path = tmp_path / "good.txt"
    path.write_text(GOOD, encoding="utf-8")
    return path


def test_good_file_imports_as_draft_with_paragraphs(good_file):
    code, out, _ = run(str(good_file))
    assert code == 0
    article = Article.objects.get()
    assert article.headline == "Estonia Orders Coastal Radars"
    assert article.status == Article.Status.DRAFT
    assert len(article.paragraphs) == 2
    assert article.slug in out


def test_publish_with_time_and_section(good_file):
    SectionFactory(slug="defence", name="Defence")
    code, _, _ = run(str(good_file), "--publish", "--published-at", "2025-02-03T10:00:00+02:00", "--section", "defence")
    assert code == 0
    article = Article.objects.published().get()
    assert article.section.slug == "defence"
    assert article.published_at.isoformat() == "2025-02-03T08:00:00+00:00"


def test_unknown_section_is_refused_before_anything_is_stored(good_file):
    code, _, err = run(str(good_file), "--section", "nope")
    assert code == 1 and "nope" in err
    assert not Article.objects.exists()


BAD_FILES = {
    "empty.txt": (b"", "is empty"),
    "blank.txt": (b"\n   \n\t\n", "is empty"),
    "latin1.txt": ("Headline\nCaf\xe9 society\n".encode("latin-1"), "not UTF-8"),
    "binary.bin": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "headline-only.txt": (b"Just a headline\n", "no body"),
    "long-headline.txt": (("x" * 300 + "\nA paragraph.\n").encode(), "limit is 255"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_file_stores_nothing_names_the_file_and_fails(tmp_path, good_file, name):
    content, reason = BAD_FILES[name]
    bad = tmp_path / name
    bad.write_bytes(content)
    code, _, err = run(str(bad), str(good_file))
    assert code == 1
    assert name in err and reason in err
    # The good file still imports; nothing of the bad one is stored.
    assert Article.objects.count() == 1
    assert Article.objects.get().headline == "Estonia Orders Coastal Radars"


def test_unreadable_path_is_reported(tmp_path):
    code, _, err = run(str(tmp_path / "missing.txt"), str(tmp_path))
    assert code == 1
    assert "missing.txt: does not exist" in err
    assert "is a directory" in err


def test_json_output_has_one_object_per_file(tmp_path, good_file):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    code, out, _ = run(str(good_file), str(bad), "--json", "--publish")
    assert code == 1
    results = json.loads(out)
    assert [r["file"] for r in results] == [str(good_file), str(bad)]
    ok, failed = results
    assert ok["status"] == "ok" and ok["error"] is None and ok["url"].endswith(f"/stories/{ok['slug']}/")
    assert failed["status"] == "error" and failed["slug"] is None and "is empty" in failed["error"]


def test_failure_inside_the_transaction_leaves_nothing(monkeypatch, good_file):
    """A failure after the story row is written (e.g. in the analysis) rolls that file back."""

    def broken(article):
        raise RuntimeError("analysis exploded")

    monkeypatch.setattr("articles.importing.analyse_article", broken)
    code, _, err = run(str(good_file))
    assert code == 1
    assert "good.txt: could not be imported (RuntimeError: analysis exploded)" in err
    assert not Article.objects.exists()
    assert not Suggestion.objects.exists()


def test_bad_section_with_json_answers_for_every_file(good_file):
    code, out, err = run(str(good_file), "--section", "nope", "--json")
    assert code == 1 and "nope" in err
    (result,) = json.loads(out)
    assert result["status"] == "error" and "nope" in result["error"] and result["slug"] is None
    assert not Article.objects.exists()


def test_imported_story_has_a_restorable_revision(good_file):
    from reversion.models import Version

    run(str(good_file), "--accept-suggestions")
    article = Article.objects.get()
    (version,) = Version.objects.get_for_object(article)
    assert version.revision.comment == "Imported from good.txt with its suggestions accepted"
