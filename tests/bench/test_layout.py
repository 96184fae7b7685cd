"""The benchmark's base-layout page: the site's header for a signed-in user, without a query of its own."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from dialogue_portal.accounts import usercache


@override_settings(ROOT_URLCONF="bench.urls")
def test_the_layout_costs_at_most_the_session_and_user_queries(client_for, users, django_assert_max_num_queries):
    client = client_for("staff")
    client.get("/ping/")  # the session, the user's roles and permissions, the header for this language and rights
    with django_assert_max_num_queries(4):  # session, user, roles, permissions; none with Redis keeping them
        response = client.get("/ping/")
    assert response.status_code == 200 and "Staff" in response.content.decode()


@pytest.mark.redis
@override_settings(ROOT_URLCONF="bench.urls", USER_CACHE=True)
def test_with_redis_the_layout_runs_no_query(client_for, users, django_assert_num_queries):
    client = client_for("staff")
    cache.delete(usercache.key(users["staff"].pk))  # the login's tombstone: a steady state, as the benchmark waits for
    client.get("/ping/")
    with django_assert_num_queries(0):
        response = client.get("/ping/")
    assert response.status_code == 200
