"""Logging in to the newsroom: lockout after repeated failures, session rotation, logout, redirects, passwords."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
PASSWORD = "correct horse battery staple"


@pytest.fixture
def editor():
    return get_user_model().objects.create_user("editor", "editor@example.org", PASSWORD, is_staff=True)


def attempt(client, username, password, address="203.0.113.7"):
    return client.post(
        LOGIN, {"username": username, "password": password, "next": "/admin/"}, REMOTE_ADDR=address
    )


def test_the_right_password_logs_in(client, editor):
    response = attempt(client, "editor", PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/admin/"


def test_after_five_failures_even_the_right_password_is_refused_with_a_clear_message(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert attempt(client, "editor", "wrong").status_code == 200  # the form again, with its error
    assert attempt(client, "editor", "wrong").status_code == 429  # the fifth locks
    response = attempt(client, "editor", PASSWORD)
    assert response.status_code == 429
    page = response.content.decode()
    assert "Logging in is paused" in page
    assert f"There were {settings.AXES_FAILURE_LIMIT} failed attempts" in page
    assert "30 minutes" in page
    assert "_auth_user_id" not in client.session


def test_the_lockout_holds_for_the_user_from_another_address(client, editor, settings):
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(Client(), "editor", "wrong", address=f"198.51.100.{n}")
    assert attempt(client, "editor", PASSWORD, address="192.0.2.99").status_code == 429


def test_the_lockout_holds_for_the_address_whatever_user_it_tries(client, editor, settings):
    get_user_model().objects.create_user("other", password=PASSWORD, is_staff=True)
    for n in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{n}", "wrong")
    assert attempt(client, "other", PASSWORD).status_code == 429
    # Someone else, elsewhere, is not held up.
    assert attempt(Client(), "other", PASSWORD, address="192.0.2.50").status_code == 302


def test_a_success_clears_the_count(client, editor, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        attempt(client, "editor", "wrong")
    assert attempt(client, "editor", PASSWORD).status_code == 302
    assert not AccessAttempt.objects.filter(username="editor").exists()


def test_login_rotates_the_session_key(client, editor):
    client.get(LOGIN)
    client.session["before"] = "x"
    session = client.session
    session.save()
    before = session.session_key
    attempt(client, "editor", PASSWORD)
    assert client.session.session_key != before
    assert not Session.objects.filter(session_key=before).exists()


def test_logout_ends_the_session_on_the_server(client, editor):
    attempt(client, "editor", PASSWORD)
    key = client.session.session_key
    stolen = Client()
    stolen.cookies["sessionid"] = key
    assert stolen.get("/admin/").status_code == 200
    client.post("/admin/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    # The old cookie, replayed, is no longer a login.
    assert stolen.get("/admin/").status_code == 302


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example/", "https:evil.example", "\\\\evil.example",
     "javascript:alert(1)", "http://testserver.evil.example/"],
)
def test_after_login_only_pages_of_this_site(client, editor, target):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_after_login_a_page_of_this_site_is_honoured(client, editor):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": "/admin/articles/article/"})
    assert response["Location"] == "/admin/articles/article/"


@pytest.mark.parametrize("password", ["short1", "password123456", "123456789012", "editor@example.org"])
def test_weak_passwords_are_refused(editor, password):
    with pytest.raises(ValidationError):
        validate_password(password, user=editor)


def test_a_changed_password_goes_through_the_validators_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/password_change/",
        {"old_password": PASSWORD, "new_password1": "password", "new_password2": "password"},
    )
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    editor.refresh_from_db()
    assert editor.check_password(PASSWORD)


def test_session_cookies_are_not_readable_by_scripts(client, editor):
    response = attempt(client, "editor", PASSWORD)
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["sessionid"]["samesite"] == "Lax"
