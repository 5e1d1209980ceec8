"""The analysis against the database: what it may link to, and what re-analysis keeps."""

import datetime

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles.models import Article, LinkStatus, PersonMention, Suggestion
from articles.suggestions import (
    DatabaseReferenceFinder,
    accept_suggestion,
    analyse_article,
    authority_index,
    run_analysis,
)
from entities.models import Person
from tests.factories import ArticleFactory, DraftFactory, ScheduledFactory

pytestmark = pytest.mark.django_db

CLAIM = "Latvia would station air defence batteries at the Lielvārde air base from the spring"


@pytest.fixture
def archive():
    """The same claim in stories readers can and cannot see, before and after the story analysed."""
    now = timezone.now()
    body = f"The Latvian Ministry of Defence said {CLAIM}."
    visible = ArticleFactory(headline="Latvia to station air defence at Lielvārde", body=body,
                             published_at=now - datetime.timedelta(days=30))
    hidden = [
        DraftFactory(headline="Draft: Latvia air defence at Lielvārde", body=body),
        ArticleFactory(headline="Archived: Latvia air defence", body=body, status=Article.Status.ARCHIVED,
                       published_at=now - datetime.timedelta(days=20)),
        ArticleFactory(headline="In review: Latvia air defence", body=body, status=Article.Status.IN_REVIEW,
                       published_at=now - datetime.timedelta(days=10)),
        ScheduledFactory(headline="Scheduled: Latvia air defence at Lielvārde", body=body),
        # Published, but after the story under analysis.
        ArticleFactory(headline="Later: Latvia air defence at Lielvārde", body=body,
                       published_at=now - datetime.timedelta(days=1)),
    ]
    return visible, hidden


def story_about(text: str, *, days_ago: int = 5) -> Article:
    return ArticleFactory(
        headline="Air defence batteries arrive",
        body=f"The first batteries arrived on Monday.\nThe Gaze reported earlier that {text}.",
        published_at=timezone.now() - datetime.timedelta(days=days_ago),
    )


def test_reported_earlier_goes_to_the_visible_earlier_story(archive):
    visible, _ = archive
    result = run_analysis(story_about(CLAIM))
    assert [r.article_id for r in result.references] == [visible.pk]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
# NUL never reaches a story: forms and the import refuse it (and PostgreSQL cannot store it).
@given(noise=st.text(st.characters(blacklist_characters="\x00"), max_size=80))
def test_never_proposes_a_later_or_unpublished_story(archive, noise):
    visible, hidden = archive
    # Not saved: each example must see the same archive, not the stories of earlier examples.
    story = ArticleFactory.build(
        body=f"The Gaze reported earlier that {CLAIM} {noise}.",
        published_at=timezone.now() - datetime.timedelta(days=5),
    )
    proposed = {r.article_id for r in run_analysis(story).references}
    assert proposed <= {visible.pk}
    assert not proposed & {article.pk for article in hidden}


def test_finder_respects_the_date_limit(archive):
    visible, _ = archive
    before = visible.published_at
    assert DatabaseReferenceFinder().candidates(entity_keys=set(), terms=[], before=before, limit=50) == []


def test_reanalysis_keeps_decisions_and_withdraws_what_the_text_no_longer_supports():
    Person.objects.create(name="Ilze Bērziņa")
    Person.objects.create(name="Jānis Ozols")
    story = ArticleFactory(body="Ilze Bērziņa met Jānis Ozols in Riga on Tuesday.")
    analyse_article(story)
    ilze = PersonMention.objects.get(article=story, person__name="Ilze Bērziņa")
    janis = PersonMention.objects.get(article=story, person__name="Jānis Ozols")
    ilze.status = LinkStatus.CONFIRMED
    ilze.save()
    janis.status = LinkStatus.REJECTED
    janis.save()
    riga = Suggestion.objects.get(article=story, kind="place", name="Riga")

    # The editor rewrites the story: Riga is gone, the people stay.
    story.body = "Ilze Bērziņa met Jānis Ozols on Tuesday."
    story.save()
    analyse_article(story)
    ilze.refresh_from_db()
    janis.refresh_from_db()
    assert ilze.status == LinkStatus.CONFIRMED
    assert janis.status == LinkStatus.REJECTED
    assert not Suggestion.objects.filter(pk=riga.pk).exists()

    # With every name removed, the analysis deletes none of the editor's links: the confirmed
    # one is kept for the editor's decision, as no longer in the text, and the report says so.
    story.body = "Nothing else was said."
    story.save()
    report = analyse_article(story)
    assert PersonMention.objects.get(pk=ilze.pk).status == LinkStatus.UNSUPPORTED
    assert PersonMention.objects.get(pk=janis.pk).status == LinkStatus.REJECTED
    assert report.unsupported == 1
    assert "1 link no longer in the text" in str(report)


def test_matcher_is_rebuilt_when_the_authority_file_changes():
    first = authority_index()
    assert not first.lookup("Kārlis Zariņš", "person")
    Person.objects.create(name="Kārlis Zariņš")
    assert authority_index().lookup("Karlis Zarins", "person")


def test_accepting_a_name_known_under_another_spelling_links_the_known_person():
    known = Person.objects.create(name="Laurynas Kasčiūnas")
    story = ArticleFactory(body="Laurynas Kasciunas spoke in Vilnius.")
    suggestion = Suggestion.objects.create(
        article=story, kind="person", name="Laurynas Kasciunas", key="laurynas kasciunas",
        data={"role": "Minister of Defence"},
    )
    assert accept_suggestion(suggestion) == known
    assert Person.objects.count() == 1
    assert PersonMention.objects.get(article=story).person == known
    assert known.roles.get().title == "Minister of Defence"


def test_accepting_a_place_brings_its_kind_and_parent_country():
    story = ArticleFactory(body="Troops arrived in Daugavpils.")
    suggestion = Suggestion.objects.create(
        article=story, kind="place", name="Daugavpils", key="daugavpils",
        data={"place_kind": "city", "country": "LV", "parent_name": "Latvia"},
    )
    place = accept_suggestion(suggestion)
    assert (place.kind, place.parent.name, place.parent.kind, place.parent.country_code) == (
        "city", "Latvia", "country", "LV"
    )


def test_a_new_name_rejected_stays_rejected_once_it_is_on_file():
    story = ArticleFactory(body="Colonel Zenon Quendorius inspected the troops.")
    analyse_article(story)
    suggestion = Suggestion.objects.get(article=story, kind="person")
    suggestion.status = LinkStatus.REJECTED
    suggestion.save()
    Person.objects.create(name=suggestion.name)  # accepted on another story, say
    analyse_article(story)
    assert not PersonMention.objects.filter(article=story).exists()


def test_matcher_entries_of_a_rolled_back_entity_are_ignored():
    """The matcher may have been built inside a transaction that later rolled back."""
    from django.db import transaction

    from articles.suggestions import _index_cache

    story = ArticleFactory(body="Colonel Vaidotas Rimkus spoke.")
    try:
        with transaction.atomic():
            Person.objects.create(name="Vaidotas Rimkus")
            assert authority_index().lookup("Vaidotas Rimkus", "person")  # built with the new row
            raise RuntimeError("roll back")
    except RuntimeError:
        pass
    assert _index_cache["index"].lookup("Vaidotas Rimkus", "person")  # the stale matcher remains
    analyse_article(story)  # no IntegrityError for the vanished person
    assert not PersonMention.objects.filter(article=story).exists()
    # ... and the name is proposed as new again, as it is not on file.
    assert Suggestion.objects.filter(article=story, kind="person", name="Vaidotas Rimkus").exists()


def test_accepting_many_new_entities_rebuilds_the_matcher_once(monkeypatch):
    from articles import suggestions

    story = ArticleFactory(
        body="Defence Minister Tarmo Kask met Colonel Ilmar Saar in Tallinn, according to ERR.\n"
        '"We agreed on the plan," Kask said.'
    )
    analyse_article(story)
    authority_index()
    builds = []
    original = suggestions.analysis.AuthorityIndex.build
    monkeypatch.setattr(suggestions.analysis.AuthorityIndex, "build",
                        classmethod(lambda cls, *a, **k: builds.append(1) or original(*a, **k)))
    assert suggestions.accept_all(story) >= 3
    assert builds == []  # none during the batch
    authority_index()
    assert builds == [1]  # one afterwards
