"""Clean text in: no NUL ever stored, no invisible or bidi-control characters in names, headlines or tags."""

from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection

from articles.models import Article, Byline, Quote
from entities.fields import NoInvisibleCharactersValidator, invisible_characters, without_invisible
from entities.models import Person
from tests.articles.test_admin import change_url, form_data
from tests.factories import ArticleFactory, PersonFactory

pytestmark = pytest.mark.django_db

INVISIBLE = {
    "right-to-left override": "\u202e",
    "left-to-right embedding": "\u202a",
    "right-to-left isolate": "\u2067",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "word joiner": "\u2060",
    "byte order mark": "\ufeff",
    "soft hyphen": "\u00ad",
    "right-to-left mark": "\u200f",
    "hangul filler": "\u3164",
    "escape": "\x1b",
}


@pytest.mark.parametrize("name", list(INVISIBLE))
def test_the_validator_names_the_character_and_where_it_is(name):
    with pytest.raises(ValidationError) as caught:
        NoInvisibleCharactersValidator()(f"Kasči{INVISIBLE[name]}ūnas")
    message = caught.value.messages[0]
    assert f"U+{ord(INVISIBLE[name]):04X}" in message and "position 6" in message


def test_ordinary_names_pass():
    for name in ["Laurynas Kasčiūnas", "Ģirts Ozoliņš", "Friederike von der Schulenburg", "O'Neill-Smith", "Łódź"]:
        NoInvisibleCharactersValidator()(name)
        assert invisible_characters(name) == []


def raw_value(model, pk, field):
    table = model._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {field} FROM {table} WHERE id = %s", [pk])
        return cursor.fetchone()[0]


def test_the_admin_refuses_an_invisible_character_in_a_headline_and_keeps_the_text(admin_client):
    story = ArticleFactory(headline="Before")
    data = form_data(admin_client.get(change_url(story)))
    data["headline"] = "Minister \u202eresigns"
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE) at position 10" in page
    assert "Minister \u202eresigns" in page
    story.refresh_from_db()
    assert story.headline == "Before"


def test_the_admin_refuses_an_invisible_character_in_a_tag(admin_client):
    story = ArticleFactory()
    data = form_data(admin_client.get(change_url(story)))
    data["tags"] = "NATO, Bal\u200btic"
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "The tag “Bal\u200btic”" in response.content.decode()


def test_the_admin_refuses_an_invisible_character_in_a_person_name(admin_client):
    response = admin_client.post("/admin/entities/person/add/", {"name": "Mikko\u2066 Laine", "roles-TOTAL_FORMS": 0,
                                                                 "roles-INITIAL_FORMS": 0})
    assert response.status_code == 200
    assert "U+2066" in response.content.decode()
    assert not Person.objects.filter(name__startswith="Mikko").exists()


def test_the_admin_refuses_a_nul_in_any_text(admin_client):
    story = ArticleFactory(body="Clean.")
    data = form_data(admin_client.get(change_url(story)))
    data["body"] = "Dirty\x00body."
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 200
    assert "Null characters are not allowed." in response.content.decode()
    story.refresh_from_db()
    assert story.body == "Clean."


def test_names_written_by_other_paths_lose_their_invisible_characters():
    """The analysis, a command or a shell: no form to say it, so the characters go."""
    person = PersonFactory(name="Mikko\u202e Laine\u200b", aliases="Laine\u200f\nM.\u2066 Laine")
    assert raw_value(Person, person.pk, "name") == "Mikko Laine"
    assert raw_value(Person, person.pk, "aliases") == "Laine\nM. Laine"
    story = ArticleFactory(headline="A\u202eB")
    Byline.objects.create(article=story, name="Rep\u200borter")
    assert raw_value(Article, story.pk, "headline") == "AB"
    assert Byline.objects.get(article=story).name == "Reporter"


def test_no_nul_reaches_the_database_by_save_update_or_bulk_create():
    story = ArticleFactory(standfirst="a\x00b", body="Body\x00 text.")
    assert raw_value(Article, story.pk, "standfirst") == "ab"
    assert raw_value(Article, story.pk, "body") == "Body text."
    Article.objects.filter(pk=story.pk).update(standfirst="c\x00d")
    assert raw_value(Article, story.pk, "standfirst") == "cd"
    Quote.objects.bulk_create([Quote(article=story, text="said\x00 this")])
    assert Quote.objects.get(article=story).text == "said this"


def test_full_clean_refuses_nul_and_invisible_characters():
    story = ArticleFactory.build(headline="Head\u202eline", body="Body\x00")
    with pytest.raises(ValidationError) as caught:
        story.full_clean(exclude=["section"])
    assert set(caught.value.message_dict) >= {"headline", "body"}


def test_an_import_refuses_a_headline_with_a_bidi_override_and_stores_nothing(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("Minister \u202eresigns\nThe minister resigned today.\n", encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_stories", str(path), stdout=StringIO(), stderr=err)
    assert f"{path}: headline: This contains an invisible character, U+202E" in err.getvalue()
    assert not Article.objects.exists()


def test_without_invisible_keeps_allowed_line_breaks():
    assert without_invisible("a\u200bb\nc", allow="\n") == "ab\nc"
