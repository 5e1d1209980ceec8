"""`make serve`: the production stack on this machine, and its gunicorn configuration.

The second test runs the real thing: make migrates a fresh SQLite database,
collects the static files and starts gunicorn with DEBUG off and no
SECRET_KEY given, and an HTTP client reads the front page from it.
"""

import json
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from tests.images.test_production_serving import fetch
from tests.ports import free_port

ROOT = Path(__file__).resolve().parents[1]


def clean_env(tmp_path, **extra) -> dict:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("DJANGO", "PYTEST"))}
    for name in ("SECRET_KEY", "CACHE_URL", "REDIS_URL", "RQ_REDIS_URL", "ALLOWED_HOSTS", "WEB_CONCURRENCY", "PORT"):
        env.pop(name, None)
    env.update(
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}", STATIC_ROOT=str(tmp_path / "static"),
        MEDIA_ROOT=str(tmp_path / "media"), PRIVATE_MEDIA_ROOT=str(tmp_path / "private"), **extra,
    )
    return env


def test_the_gunicorn_config_reads_workers_port_and_limits_from_the_environment(tmp_path):
    env = clean_env(tmp_path, DEBUG="1", WEB_CONCURRENCY="3", PORT="18123", GUNICORN_MAX_REQUESTS="500")
    result = subprocess.run(
        [sys.executable, "-m", "gunicorn", "--config", "newsroom/gunicorn.conf.py", "--print-config", "newsroom.wsgi"],
        cwd=ROOT, env=env, capture_output=True, text=True, check=True,
    )
    config = {
        name.strip(): value.strip()
        for name, _, value in (line.partition(" = ") for line in result.stdout.splitlines())
    }
    assert config["workers"] == "3"
    assert config["bind"] == "['127.0.0.1:18123']"
    assert config["max_requests"] == "500" and int(config["max_requests_jitter"]) > 0
    assert config["timeout"] == "30"


@pytest.fixture
def served(tmp_path, request):
    port = free_port(range(23000, 24000))
    env = clean_env(tmp_path, WEB_CONCURRENCY="1", **getattr(request, "param", {}))
    env.pop("DEBUG", None)
    # -o install: use the installed environment as it is (the test must not reinstall packages).
    server = subprocess.Popen(
        ["make", "--no-print-directory", "-o", "install", "serve", f"PORT={port}"],
        cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(300):
            if server.poll() is not None:
                pytest.fail("make serve stopped: " + server.stderr.read()[-3000:])
            try:
                if fetch(base + "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("make serve did not answer within a minute")
        yield base, server
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)


def test_make_serve_runs_the_production_stack_and_logs_each_request_as_json(served, tmp_path):
    base, server = served
    status, headers, body = fetch(base + "/")
    assert status == 200 and b"<html" in body.lower()
    assert headers["X-Request-ID"]
    # DEBUG is off: a missing page is the site's own 404, not Django's debug page.
    status, _, body = fetch(base + "/no-such-page/")
    assert status == 404 and b"Using the URLconf" not in body
    # The static files were collected (and are served with their hashed names).
    assert any((tmp_path / "static").rglob("*.css"))

    os.killpg(server.pid, signal.SIGTERM)
    out, err = server.communicate(timeout=20)
    assert "No SECRET_KEY in the environment: using a random one" in out
    lines = [json.loads(line) for line in err.splitlines() if line.startswith("{")]
    front = next(line for line in lines if line.get("path") == "/")
    assert front["status"] == 200 and front["method"] == "GET"
    assert front["request_id"] == headers["X-Request-ID"] and front["duration_ms"] >= 0


def redis_or_skip(url: str):
    import redis

    connection = redis.Redis.from_url(url)
    try:
        connection.ping()
    except redis.ConnectionError:
        pytest.skip(f"no Redis at {url} for the job worker")
    return connection


WORKER_QUEUE = f"serve-test-{uuid.uuid4().hex[:8]}"
BROKER = "redis://127.0.0.1:6379/3"


@pytest.mark.parametrize("served", [{"RQ_REDIS_URL": BROKER, "RQ_QUEUE": WORKER_QUEUE}], indirect=True)
def test_make_serve_starts_a_job_worker_when_a_broker_is_configured(served):
    from rq import Worker

    connection = redis_or_skip(BROKER)
    base, server = served
    for _ in range(100):
        if any(WORKER_QUEUE in worker.queue_names() for worker in Worker.all(connection=connection)):
            break
        time.sleep(0.2)
    else:
        pytest.fail("no rq worker listens to the queue")
    assert fetch(base + "/healthz")[0] == 200

    os.killpg(server.pid, signal.SIGTERM)
    out, _ = server.communicate(timeout=20)
    assert f"Job worker for queue {WORKER_QUEUE}" in out
