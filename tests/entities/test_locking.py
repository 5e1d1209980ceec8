"""No lost edits: two editors saving the same story or entity, one after the other and all at once.

Exactly one save wins; the other is refused with what changed (fields, who,
when) and their own input still in the form. Never a 500, never "database is
locked", on SQLite and PostgreSQL alike.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import pytest
import reversion
from django.db import connection
from django.test import Client
from django.urls import reverse

from tests.articles.test_admin import form_data
from tests.factories import ArticleFactory, OrganizationFactory, PersonFactory, PlaceFactory, SourceFactory


@dataclass(frozen=True)
class Case:
    """A kind of record, the admin page that edits it and a text field an editor changes."""

    name: str
    factory: type
    admin: str
    noun: str
    field: str
    other_field: str
    label: str

    def change_url(self, record) -> str:
        return reverse(f"admin:{self.admin}_change", args=[record.pk])


CASES = [
    Case("story", ArticleFactory, "articles_article", "story", "headline", "body", "headline"),
    Case("person", PersonFactory, "entities_person", "person", "description", "aliases", "description"),
    Case(
        "organisation",
        OrganizationFactory,
        "entities_organization",
        "organization",
        "description",
        "aliases",
        "description",
    ),
    Case("place", PlaceFactory, "entities_place", "place", "description", "aliases", "description"),
    Case("source", SourceFactory, "entities_source", "source", "reliability_note", "aliases", "reliability note"),
]


def make_editor(django_user_model, username: str, first_name: str):
    return django_user_model.objects.create_superuser(username, f"{username}@example.org", "pw", first_name=first_name)


def make_record(case: Case):
    # Created in a revision, as the admin creates records: the revision the editors open.
    with reversion.create_revision():
        return case.factory()


def is_conflict(response, noun: str, own_text: str) -> bool:
    page = response.content.decode()
    return (
        response.status_code == 200
        and f"Someone else saved this {noun} after you opened it" in page
        and own_text in page
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_the_second_of_two_editors_is_refused_with_what_changed_and_keeps_their_text(client, django_user_model, case):
    alice, bob = make_editor(django_user_model, "alice", "Alice"), make_editor(django_user_model, "bob", "Bob")
    record = make_record(case)
    other = Client()
    client.force_login(alice)
    other.force_login(bob)
    url = case.change_url(record)
    alices, bobs = form_data(client.get(url)), form_data(other.get(url))

    alices[case.field] = "Alice's words"
    bobs[case.other_field] = "Bob's own careful words"
    assert client.post(url, alices).status_code == 302
    response = other.post(url, bobs)

    assert is_conflict(response, case.noun, "Bob&#x27;s own careful words"), response.content.decode()[:3000]
    page = response.content.decode()
    assert "(Alice at " in page  # who saved, and when
    assert f"Changed: {case.label}." in page, page[page.find("Someone") :][:400]
    record.refresh_from_db()
    assert getattr(record, case.field) == "Alice's words"
    assert getattr(record, case.other_field) != "Bob's own careful words"
    assert record.version == 2

    # Bob reloads, re-applies his change and saves: accepted on top of Alice's.
    bobs = form_data(other.get(url))
    bobs[case.other_field] = "Bob's own careful words"
    assert other.post(url, bobs).status_code == 302
    record.refresh_from_db()
    assert getattr(record, case.field) == "Alice's words"
    assert getattr(record, case.other_field) == "Bob's own careful words"
    assert record.version == 3


@pytest.mark.django_db
def test_without_the_opened_revision_the_conflict_names_where_the_record_differs(admin_client, client, admin_user):
    """A record saved outside the admin has no revision to compare with: compare with the submission."""
    person = PersonFactory(description="As imported.")
    client.force_login(admin_user)
    url = CASES[1].change_url(person)
    first, second = form_data(admin_client.get(url)), form_data(client.get(url))
    first["description"] = "First editor's description."
    assert admin_client.post(url, first).status_code == 302

    response = client.post(url, second)

    assert is_conflict(response, "person", "As imported.")
    assert "The saved person differs from yours in: description." in response.content.decode()


# The burst: several editors save the same records at the same moment.

EDITORS_PER_RECORD = 3
ROUNDS = 2


def save(client, url: str, data: dict, barrier: threading.Barrier):
    """One editor's save, in its own thread and database connection."""
    try:
        barrier.wait(timeout=60)
        return client.post(url, data)
    except Exception as error:  # noqa: BLE001  (any failure is an error in the figures)
        return error
    finally:
        connection.close()


@pytest.mark.django_db(transaction=True)
def test_a_burst_of_concurrent_saves_loses_nothing_and_never_fails(django_user_model):
    """Per round, every editor opens every record, then all save at once.

    Per record exactly one save is accepted and stored; every other one is a
    conflict that shows the editor's own text. No error of any kind.
    """
    editors = []
    for n in range(EDITORS_PER_RECORD):
        client = Client()
        client.force_login(make_editor(django_user_model, f"editor{n}", f"Editor {n}"))
        editors.append(client)
    records = [(case, make_record(case)) for case in CASES]
    figures = {"saves": 0, "accepted": 0, "conflicts": 0, "errors": 0, "lost": 0}
    errors, winners = [], []

    for round_ in range(ROUNDS):
        jobs = []
        for case, record in records:
            url = case.change_url(record)
            for n, client in enumerate(editors):
                data = form_data(client.get(url))  # opened before anyone saves
                text = f"Round {round_} {case.name} text by editor {n}."
                data[case.field] = text
                jobs.append((case, record, client, url, data, text))
        barrier = threading.Barrier(len(jobs))
        with ThreadPoolExecutor(max_workers=len(jobs)) as pool:
            futures = [pool.submit(save, client, url, data, barrier) for _, _, client, url, data, _ in jobs]
            outcomes = [future.result() for future in futures]

        accepted = {}
        for (case, record, _, _, _, text), outcome in zip(jobs, outcomes, strict=True):
            figures["saves"] += 1
            if getattr(outcome, "status_code", None) == 302:
                figures["accepted"] += 1
                accepted.setdefault((case.name, record.pk), []).append((case, record, text))
            elif not isinstance(outcome, Exception) and is_conflict(outcome, case.noun, text):
                figures["conflicts"] += 1
            else:
                figures["errors"] += 1
                errors.append(outcome if isinstance(outcome, Exception) else outcome.content.decode()[:500])
        for saved in accepted.values():
            for case, record, text in saved:
                record.refresh_from_db()
                if getattr(record, case.field) != text:
                    figures["lost"] += 1
        winners.append(sorted(len(saved) for saved in accepted.values()))

    print(f"\nConcurrent admin saves on {connection.vendor}: {figures}")
    assert figures["errors"] == 0, errors
    assert figures["lost"] == 0
    assert winners == [[1] * len(records)] * ROUNDS  # exactly one winner per record and round
    assert figures["accepted"] == len(records) * ROUNDS
    assert figures["conflicts"] == figures["saves"] - figures["accepted"]


@pytest.mark.django_db
def test_reverting_a_person_to_an_earlier_revision_is_a_save_with_a_new_version(admin_client):
    person = make_record(CASES[1])
    url = CASES[1].change_url(person)
    for description in ("First account.", "Second account."):
        data = form_data(admin_client.get(url))
        data["description"] = description
        assert admin_client.post(url, data).status_code == 302
    history = admin_client.get(reverse("admin:entities_person_history", args=[person.pk]))
    first_save = [entry["url"] for entry in history.context["action_list"]][1]  # latest first

    revert_form = admin_client.get(first_save)
    assert "First account." in revert_form.content.decode()
    assert admin_client.post(first_save, form_data(revert_form)).status_code == 302

    person.refresh_from_db()
    assert person.description == "First account."
    assert person.version == 4  # the number moves on, never back to the old revision's
