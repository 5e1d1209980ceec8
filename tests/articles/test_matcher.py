"""The analysis matcher: with a broker, a job builds it after a change and web processes only load it."""

from unittest import mock

import pytest

from articles import analysis, suggestions
from entities.models import Person

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_matcher(settings):
    settings.NEWSROOM_SHARE_MATCHER = True


def forget_local_matcher():
    """As another process (a web worker) that has not loaded the matcher yet."""
    suggestions._index_cache.update(index=None, generation=None)


def test_a_change_to_the_authority_file_queues_a_rebuild_that_web_processes_load(job_queue, shared_matcher):
    Person.objects.create(name="Vaidotas Rimkus")
    assert [job.func_name for job in job_queue.jobs] == ["articles.suggestions.rebuild_matcher"]
    job_queue.run()

    forget_local_matcher()
    with mock.patch.object(analysis.AuthorityIndex, "build", side_effect=AssertionError("built in a web process")):
        index = suggestions.authority_index()
    assert [entry.name for entry in index.lookup("Vaidotas Rimkus", "person")] == ["Vaidotas Rimkus"]


def test_a_matcher_of_an_older_generation_is_not_used(job_queue, shared_matcher):
    Person.objects.create(name="Vaidotas Rimkus")
    job_queue.run()
    Person.objects.create(name="Mikko Laine")  # its rebuild has not run yet
    forget_local_matcher()
    # Nobody has built this generation: the process builds it rather than use the stale one.
    assert suggestions.authority_index().lookup("Mikko Laine", "person")


def test_without_a_broker_nothing_is_queued_and_the_matcher_is_built_when_needed(settings):
    settings.RQ_REDIS_URL = ""
    with mock.patch.object(suggestions, "enqueue") as enqueue:
        Person.objects.create(name="Vaidotas Rimkus")
    enqueue.assert_not_called()
    assert suggestions.authority_index().lookup("Vaidotas Rimkus", "person")


def test_rebuilding_twice_gives_the_same_matcher(job_queue, shared_matcher):
    Person.objects.create(name="Vaidotas Rimkus")
    suggestions.rebuild_matcher()
    first = [(e.kind, e.name) for e in suggestions.authority_index().entries]
    suggestions.rebuild_matcher()
    assert [(e.kind, e.name) for e in suggestions.authority_index().entries] == first
