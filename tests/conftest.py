import pytest


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "originals": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path / "private-media", "base_url": "/media/originals/"},
        },
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    # The page cache is off unless a test turns it on (tests/test_page_cache*.py):
    # other tests count the queries and see the changes of a freshly rendered page.
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 0


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix, tmp_path_factory):
    """On SQLite the tests run on a database file, as the newsroom does.

    Django's default in-memory test database shares one cache between threads,
    whose table locks fail at once instead of queueing; the concurrency tests
    need SQLite's real locking, with its busy timeout and WAL journal.
    """
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"] == "django.db.backends.sqlite3":
        database.setdefault("TEST", {})["NAME"] = str(tmp_path_factory.mktemp("database") / "test.sqlite3")


# -- background jobs ---------------------------------------------------------
#
# A test runs inside its own transaction, which is rolled back and never
# commits, so a job waiting for the commit would never run. Here the test's
# transaction is invisible to jobs: a job runs when the code under test
# commits its own transaction (an admin view, a service's ``atomic()``), or at
# once when it is not in one, just as it would in production; a job asked for
# in a block that is rolled back never runs. Failures are raised, not logged.


def _in_code_transaction(connection) -> bool:
    return connection.in_atomic_block and not all(
        getattr(block, "_from_testcase", False) for block in connection.atomic_blocks
    )


def _run_job_callback(callback) -> None:
    from newsroom import jobs

    if getattr(callback, "func", None) is jobs.run_now:
        func, args, kwargs = callback.args
        func(*args, **kwargs)
    else:
        callback()


@pytest.fixture(autouse=True)
def _jobs_run_when_the_code_commits(request, monkeypatch):
    if request.node.get_closest_marker("real_commits"):
        # The test commits for real (transactional_db): Django's own on_commit applies.
        yield
        return
    from django.db import transaction
    from django.db.transaction import Atomic

    from newsroom import jobs

    def after_commit(callback):
        connection = transaction.get_connection()
        if not _in_code_transaction(connection):
            _run_job_callback(callback)
            return
        callback.newsroom_job = True
        connection.on_commit(callback)

    original_exit = Atomic.__exit__

    def exit_and_run_jobs(self, exc_type, exc_value, traceback):
        result = original_exit(self, exc_type, exc_value, traceback)
        connection = transaction.get_connection(self.using)
        if getattr(self, "_from_testcase", False) or _in_code_transaction(connection):
            return result
        waiting = [entry for entry in connection.run_on_commit if getattr(entry[1], "newsroom_job", False)]
        if waiting:
            connection.run_on_commit = [e for e in connection.run_on_commit if e not in waiting]
            if not connection.needs_rollback:
                for _sids, callback, _robust in waiting:
                    _run_job_callback(callback)
        return result

    monkeypatch.setattr(jobs, "after_commit", after_commit)
    monkeypatch.setattr(Atomic, "__exit__", exit_and_run_jobs)
    yield


@pytest.fixture
def job_queue(settings):
    """A Redis queue of its own for this test (Redis db 2 unless TEST_RQ_REDIS_URL says otherwise).

    Skips, saying so, where no Redis answers. ``job_queue.run()`` runs every job
    waiting on it (a burst of rq's in-process worker) and returns the worker.
    """
    import os
    import uuid

    import redis
    from rq import SimpleWorker

    from newsroom import jobs

    url = os.environ.get("TEST_RQ_REDIS_URL", "redis://127.0.0.1:6379/2")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.exceptions.ConnectionError:
        pytest.skip(f"no Redis at {url}: the real-queue job tests need one")
    settings.RQ_REDIS_URL = url
    settings.RQ_QUEUE = f"test-{uuid.uuid4().hex}"
    settings.RQ_QUEUES = {settings.RQ_QUEUE: {"URL": url, "DEFAULT_TIMEOUT": 60}}
    settings.RQ_RETRY_INTERVALS = [0, 0]
    queue = jobs.queue()

    def run():
        worker = SimpleWorker([queue], connection=queue.connection)
        worker.work(burst=True)
        return worker

    queue.run = run
    yield queue
    queue.delete(delete_jobs=True)
    for registry in (queue.failed_job_registry, queue.finished_job_registry, queue.started_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)
