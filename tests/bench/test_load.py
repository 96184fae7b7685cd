"""Issue 6's load test in CI: 20 simulated users against gunicorn on PostgreSQL, shortened."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse

from bench.load import psycopg_counter, run_load, summary
from bench.run import Server, collectstatic

from .conftest import database_url

pytestmark = [pytest.mark.postgres, pytest.mark.redis]


def _has(name):
    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


def test_twenty_users_at_once_get_no_server_error_and_lose_no_petition(bench_data):
    collectstatic(settings.DATABASES["default"]["NAME"])
    server = Server(settings.DATABASES["default"]["NAME"], 2, "loadtest", database_url=database_url())
    try:
        server.wait()
        report = run_load(
            port=server.port,
            duration=12,
            count_stored=psycopg_counter(database_url()),
            expect_submissions=_has("petitions:create"),
        )
    finally:
        server.stop()
    print(summary(report))
    assert report["server_errors"] == 0, report["server_error_samples"]
    assert report["user_failures"] == []
    assert (report["stored_twice"], report["missing"], report["stored_unacknowledged"]) == ([], [], [])
    assert report["stored"] == report["submitted"]
    assert report["ok"] is True
