"""Background jobs (newsroom.jobs): after the commit in process by default, on a Redis queue with retries."""

import logging

import pytest
from django.db import transaction
from rq.job import JobStatus

from articles.models import Section
from newsroom import jobs

# What the jobs below did, in this process (the in-process worker runs them here too).
calls: list = []
attempts: dict = {}


def record(*args, **kwargs):
    calls.append((args, kwargs))


def make_section(slug):
    """Idempotent, like every job: a second run finds the section there."""
    Section.objects.get_or_create(slug=slug, defaults={"name": slug.title()})


def fail_the_first_time(key):
    attempts[key] = attempts.get(key, 0) + 1
    if attempts[key] == 1:
        raise RuntimeError("the first attempt fails")
    calls.append(key)


def always_fail():
    raise RuntimeError("this job always fails")


@pytest.fixture(autouse=True)
def _clean():
    calls.clear()
    attempts.clear()


# -- the embedded default: in this process, after the commit ------------------


@pytest.mark.real_commits
@pytest.mark.django_db(transaction=True)
def test_a_job_runs_once_the_transaction_commits_and_sees_what_it_saved(settings):
    settings.RQ_REDIS_URL = ""
    with transaction.atomic():
        Section.objects.create(slug="world", name="World")
        jobs.enqueue(record, "world", seen=Section.objects.filter(slug="world").count())
        jobs.enqueue(make_section, "after-world")
        assert calls == []
        assert not Section.objects.filter(slug="after-world").exists()
    assert calls == [(("world",), {"seen": 1})]
    assert Section.objects.filter(slug="after-world").exists()


@pytest.mark.real_commits
@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_transaction_runs_no_job(settings):
    settings.RQ_REDIS_URL = ""
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue(record, "never")
        raise RuntimeError("the save fails")
    with transaction.atomic():
        with transaction.atomic():
            jobs.enqueue(record, "kept")
        try:
            with transaction.atomic():
                jobs.enqueue(record, "rolled back with its savepoint")
                raise RuntimeError
        except RuntimeError:
            pass
    assert calls == [(("kept",), {})]


@pytest.mark.real_commits
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_a_job_runs_at_once(settings):
    settings.RQ_REDIS_URL = ""
    jobs.enqueue(record, 1, 2)
    assert calls == [((1, 2), {})]


@pytest.mark.real_commits
@pytest.mark.django_db(transaction=True)
def test_a_failing_job_is_logged_and_the_saved_work_stays(settings, caplog):
    settings.RQ_REDIS_URL = ""
    with caplog.at_level(logging.ERROR, logger="newsroom.jobs"), transaction.atomic():
        Section.objects.create(slug="kept", name="Kept")
        jobs.enqueue(always_fail)
        jobs.enqueue(record, "next job still runs")
    assert Section.objects.filter(slug="kept").exists()
    assert calls == [(("next job still runs",), {})]
    assert "tests.test_jobs.always_fail failed" in caplog.text


@pytest.mark.django_db
def test_the_test_suite_runs_jobs_when_the_code_under_test_commits():
    """tests/conftest.py: the test's own transaction never commits, the code's does."""
    with transaction.atomic():
        jobs.enqueue(record, "in the code's transaction")
        assert calls == []
    assert calls == [(("in the code's transaction",), {})]
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue(record, "rolled back")
        raise RuntimeError
    assert len(calls) == 1


@pytest.mark.django_db
def test_batches_take_each_id_once_in_order(settings):
    settings.RQ_REDIS_URL = ""
    count = jobs.enqueue_in_batches(record, [5, 3, 3, 1, 4, 2, 6], size=4)
    assert count == 2
    assert calls == [(([1, 2, 3, 4],), {}), (([5, 6],), {})]
    assert jobs.enqueue_in_batches(record, []) == 0


# -- with a broker: a Redis queue, a worker, retries -----------------------------


@pytest.mark.django_db
def test_with_a_broker_a_job_waits_on_the_queue_for_a_worker(job_queue):
    with transaction.atomic():
        jobs.enqueue(make_section, "queued")
        assert job_queue.count == 0  # not before the commit
    assert job_queue.count == 1
    assert not Section.objects.filter(slug="queued").exists()
    job_queue.run()
    assert Section.objects.filter(slug="queued").exists()
    assert job_queue.count == 0


@pytest.mark.django_db
def test_with_a_broker_a_rolled_back_save_queues_nothing(job_queue):
    with pytest.raises(RuntimeError), transaction.atomic():
        jobs.enqueue(make_section, "never")
        raise RuntimeError
    assert job_queue.count == 0


@pytest.mark.django_db
def test_with_a_broker_a_failing_job_is_retried(job_queue):
    jobs.enqueue(fail_the_first_time, "flaky")
    job_id = job_queue.job_ids[0]
    job_queue.run()
    assert attempts["flaky"] == 2
    assert calls == ["flaky"]
    assert job_queue.fetch_job(job_id).get_status() == JobStatus.FINISHED


@pytest.mark.django_db
def test_with_a_broker_a_job_that_keeps_failing_ends_in_the_failed_registry(job_queue):
    jobs.enqueue(always_fail)
    job_id = job_queue.job_ids[0]
    job_queue.run()
    assert job_queue.fetch_job(job_id).get_status() == JobStatus.FAILED
    assert job_id in job_queue.failed_job_registry.get_job_ids()


@pytest.mark.django_db
def test_with_a_broker_batches_are_separate_jobs(job_queue):
    assert jobs.enqueue_in_batches(record, range(1, 1201), size=500) == 3
    assert job_queue.count == 3
    job_queue.run()
    assert [len(args[0]) for args, _ in calls] == [500, 500, 200]


@pytest.mark.django_db
def test_with_the_broker_down_the_job_runs_here_rather_than_being_lost(settings, caplog):
    settings.RQ_REDIS_URL = "redis://127.0.0.1:1/0"
    settings.RQ_QUEUES = {settings.RQ_QUEUE: {"URL": settings.RQ_REDIS_URL}}
    with caplog.at_level(logging.WARNING, logger="newsroom.jobs"):
        jobs.enqueue(make_section, "fallback")
    assert Section.objects.filter(slug="fallback").exists()
    assert "Job queue unreachable" in caplog.text
