"""Production settings: `check --deploy` is clean with the environment the README documents."""

import json
import os
import secrets
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "DEBUG": "0",
    "SECRET_KEY": secrets.token_urlsafe(50),
    "ALLOWED_HOSTS": "news.example.org",
}


def run(args: list[str], **env: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, **PRODUCTION_ENV, **env}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    return subprocess.run(
        [sys.executable, *args], cwd=settings.BASE_DIR, env=environment, capture_output=True, text=True, timeout=120
    )


def production_settings(**env: str) -> dict:
    code = (
        "import json, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'newsroom.settings'\n"
        "from django.conf import settings as s\n"
        "names = ['SECURE_SSL_REDIRECT', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_HSTS_PRELOAD',"
        " 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SECURE_PROXY_SSL_HEADER', 'AXES_IPWARE_PROXY_COUNT',"
        " 'AXES_IPWARE_META_PRECEDENCE_ORDER']\n"
        "print(json.dumps({n: getattr(s, n, None) for n in names}))\n"
    )
    result = run(["-c", code], **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_check_deploy_is_clean_at_warning_level():
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_check_deploy_would_warn_without_hsts():
    """Not vacuous: turning HSTS off is caught."""
    result = run(["manage.py", "check", "--deploy", "--fail-level", "WARNING"], SECURE_HSTS_SECONDS="0")
    assert result.returncode != 0
    assert "security.W004" in result.stdout + result.stderr


def test_production_is_https_only_with_hsts():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] and values["SECURE_HSTS_PRELOAD"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    # No proxy is trusted unless the operator says so: a client cannot claim HTTPS.
    assert values["SECURE_PROXY_SSL_HEADER"] is None
    assert values["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["REMOTE_ADDR"]


def test_a_tls_ending_proxy_is_configured_from_the_environment():
    values = production_settings(SECURE_PROXY_SSL_HEADER="X-Forwarded-Proto: https", TRUSTED_PROXY_COUNT="1")
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["AXES_IPWARE_PROXY_COUNT"] == 1
    assert values["AXES_IPWARE_META_PRECEDENCE_ORDER"] == ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["manage.py", "check"], SECRET_KEY="")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_a_local_run_of_the_production_stack_serves_plain_http():
    """Only loopback names (``make serve``, a benchmark): no certificate to offer, so no HTTPS redirect."""
    values = production_settings(ALLOWED_HOSTS="127.0.0.1,localhost")
    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] == 0
    assert not values["SESSION_COOKIE_SECURE"] and not values["CSRF_COOKIE_SECURE"]


def test_one_public_host_name_makes_it_https_only():
    values = production_settings(ALLOWED_HOSTS="127.0.0.1,news.example.org")
    assert values["SECURE_SSL_REDIRECT"] is True and values["SESSION_COOKIE_SECURE"] is True


def test_a_local_run_can_still_ask_for_https():
    assert production_settings(ALLOWED_HOSTS="localhost", SECURE_SSL_REDIRECT="1")["SECURE_SSL_REDIRECT"] is True
