"""The data stamp behind every cached figure: read once per request, yet never stale after a write."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from dialogue_portal.datastamp import VERSION_KEY, bump_stats_version, stats_version


@pytest.fixture
def in_a_request():
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)


def test_a_write_shows_on_what_the_same_request_renders_next(in_a_request):
    before = stats_version()
    bump_stats_version()
    assert stats_version() != before


def test_a_request_reads_one_stamp_however_often_it_asks(in_a_request):
    first = stats_version()
    cache.set(VERSION_KEY, first + 10, None)  # another worker's write, mid-request
    assert stats_version() == first


def test_outside_a_request_every_read_is_fresh():
    first = stats_version()
    cache.set(VERSION_KEY, first + 10, None)  # a write in another process, seen by a Celery task at once
    assert stats_version() == first + 10


def test_the_next_request_sees_the_other_workers_write(in_a_request):
    first = stats_version()
    cache.set(VERSION_KEY, first + 10, None)
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert stats_version() == first + 10
