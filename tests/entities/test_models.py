import datetime

import pytest
from django.db import IntegrityError

from entities.models import Person, Role
from tests.factories import OrganizationFactory, PersonFactory, RoleFactory

pytestmark = pytest.mark.django_db


def test_slug_is_transliterated_and_unique():
    first = Person.objects.create(name="Laurynas Kasčiūnas")
    second = Person.objects.create(name="Laurynas Kasciunas")
    assert first.slug == "laurynas-kasciunas"
    assert second.slug == "laurynas-kasciunas-2"


def test_names_include_aliases_longest_first():
    person = PersonFactory(name="Laurynas Kasčiūnas", aliases="Kasčiūnas\n\n  L. Kasčiūnas  ")
    assert person.names == ["Laurynas Kasčiūnas", "L. Kasčiūnas", "Kasčiūnas"]


def test_title_on_date_follows_roles_over_time():
    """A person's title is the role held on the day asked, not the latest one."""
    person = PersonFactory()
    ministry = OrganizationFactory(name="Ministry of Defence")
    RoleFactory(person=person, title="Member of Parliament", start_date=datetime.date(2016, 11, 14),
                end_date=datetime.date(2024, 3, 31))
    RoleFactory(person=person, title="Minister of Defence", organization=ministry,
                start_date=datetime.date(2024, 4, 1), end_date=datetime.date(2024, 12, 11))
    assert person.title_on(datetime.date(2020, 5, 1)) == "Member of Parliament"
    assert person.title_on(datetime.datetime(2024, 6, 1, 12, tzinfo=datetime.UTC)) == "Minister of Defence"
    assert person.title_on(datetime.date(2025, 1, 1)) == ""
    assert person.title_on(datetime.date(2010, 1, 1)) == ""


def test_open_ended_role_is_held_today():
    role = RoleFactory(start_date=datetime.date(2024, 1, 1), end_date=None)
    assert role.person.role_on(datetime.date.today()) == role


def test_role_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError):
        Role.objects.create(person=PersonFactory(), title="Chief", start_date=datetime.date(2024, 1, 2),
                            end_date=datetime.date(2024, 1, 1))


def test_title_uses_the_newsrooms_local_date(settings):
    """Just after midnight in Vilnius is already the new day, whatever the UTC date says."""
    settings.TIME_ZONE = "Europe/Vilnius"
    person = PersonFactory()
    RoleFactory(person=person, title="Old Title", start_date=datetime.date(2020, 1, 1),
                end_date=datetime.date(2025, 3, 1))
    RoleFactory(person=person, title="New Title", start_date=datetime.date(2025, 3, 2))
    just_after_midnight = datetime.datetime(2025, 3, 1, 22, 30, tzinfo=datetime.UTC)  # 00:30 on 2 March in Vilnius
    assert person.title_on(just_after_midnight) == "New Title"
