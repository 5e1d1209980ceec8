"""
Background jobs: work that must not hold up a web request.

``enqueue(func, *args, **kwargs)`` runs ``func(*args, **kwargs)`` once the
current database transaction commits (right away outside one), so a job
always sees what the request saved, and a rolled-back request runs nothing.

Where it runs is the operator's choice (``RQ_REDIS_URL``, see the README):

- no broker configured (the embedded default: ``make run``, ``make test``):
  in this process, right after the commit. A failing job is logged and the
  request that asked for it still succeeds.
- ``RQ_REDIS_URL`` set: on a Redis queue (django-rq), run by
  ``manage.py rqworker`` on any machine, retried with back-off when it fails.

Jobs take plain, picklable arguments (ids, not model instances) and are
idempotent: they read the current state of the database and make the stored
result match it, so running one twice, late, or after a retry gives the same
result as running it once.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)


def broker_url() -> str:
    return getattr(settings, "RQ_REDIS_URL", "") or ""


def uses_broker() -> bool:
    """Whether jobs go to a Redis queue (a worker runs them) rather than run in this process."""
    return bool(broker_url())


def queue():
    """The Redis queue jobs go to (``RQ_QUEUES[RQ_QUEUE]``, the one ``manage.py rqworker`` serves)."""
    import django_rq

    # "auto": put the job on the queue when we say so; ``enqueue`` has already waited for the commit.
    return django_rq.get_queue(settings.RQ_QUEUE, commit_mode="auto")


def _retry():
    from rq import Retry

    intervals = list(settings.RQ_RETRY_INTERVALS)
    return Retry(max=len(intervals), interval=intervals) if intervals else None


def _describe(func: Callable) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def run_now(func: Callable, args: tuple, kwargs: dict) -> None:
    """Run a job in this process; a failure is logged, never raised into the request that committed."""
    try:
        func(*args, **kwargs)
    except Exception:
        logger.exception("Job %s failed", _describe(func))


def _put_on_queue(func: Callable, args: tuple, kwargs: dict) -> None:
    from redis.exceptions import RedisError

    try:
        queue().enqueue_call(func=func, args=args, kwargs=kwargs, retry=_retry(), description=_describe(func))
    except RedisError:
        # The data is committed; a job lost with the broker would leave stored pages stale for good.
        logger.warning("Job queue unreachable: running %s in this process", _describe(func), exc_info=True)
        run_now(func, args, kwargs)


def after_commit(callback: Callable[[], None]) -> None:
    """Call ``callback`` when the current transaction commits (now, outside one).

    The one place jobs meet transactions, so the test suite can make its own
    never-committed test transaction invisible to jobs (tests/conftest.py).
    """
    transaction.on_commit(callback, robust=True)


def enqueue(func: Callable, *args, **kwargs) -> None:
    """Run ``func(*args, **kwargs)`` as a job once the current transaction commits.

    ``func`` must be a module-level function (a worker imports it by name).
    """
    if uses_broker():
        after_commit(functools.partial(_put_on_queue, func, args, kwargs))
    else:
        after_commit(functools.partial(run_now, func, args, kwargs))


def _put_batches_on_queue(func: Callable, batches: list[list[int]]) -> None:
    from redis.exceptions import RedisError
    from rq import Queue

    retry, description = _retry(), _describe(func)
    try:
        # One round trip for every batch (a rename can make a hundred).
        queue().enqueue_many([Queue.prepare_data(func, args=(batch,), retry=retry, description=description) for batch in batches])
    except RedisError:
        logger.warning("Job queue unreachable: running %s in this process", description, exc_info=True)
        for batch in batches:
            run_now(func, (batch,), {})


def enqueue_in_batches(func: Callable, ids: Iterable[int], size: int | None = None) -> int:
    """``func(batch)`` as one job per ``size`` ids (sorted, each id once); returns the number of jobs."""
    size = size or settings.JOBS_BATCH_SIZE
    ordered = sorted(set(ids))
    batches = [ordered[start : start + size] for start in range(0, len(ordered), size)]
    if not batches:
        return 0
    if uses_broker():
        after_commit(functools.partial(_put_batches_on_queue, func, batches))
    else:
        for batch in batches:
            enqueue(func, batch)
    return len(batches)
