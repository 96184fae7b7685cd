"""The petition lists cost a fixed number of queries, however many rows a page shows.

36 petitions from two districts, sent to two departments; one department answered some and was then
dissolved, so rows name a closed department (whose successors a row would otherwise look up one by one).
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.reorganisation import DissolveDepartment, apply
from dialogue_portal.pagination import CappedCountPaginator
from petitions import services
from petitions.models import AnswerMethod

ROWS = 36


@pytest.fixture
def crowded(users, units, departments):
    today = timezone.localdate()
    home_affairs, health = departments["x"], departments["y"]
    for n in range(ROWS):
        by, unit = ("leader_a", units["a1"]) if n % 2 else ("leader_b", units["b1"])
        petition = services.submit_petition(
            actor=users[by], unit=unit, title=f"Hỗ trợ vay vốn khởi nghiệp {n}", content="Chị em cần vay vốn."
        )
        routes = [(home_affairs, today + timedelta(days=n % 7 + 1))]
        if n % 3 == 0:
            routes.append((health, today + timedelta(days=n % 5 + 2)))
        first, *_ = services.assign_petition(petition=petition, actor=users["staff"], routes=routes)
        if n % 4 == 0 or len(routes) > 1:  # answered, or the move to health would meet health's own
            services.answer_assignment(
                assignment=first, actor=users["rep_x"], text="Đã trả lời.", method=AnswerMethod.IN_WRITING
            )
    # Home affairs closes: its open work goes to health, its answers stay under its (closed) name.
    apply(
        [
            DissolveDepartment(
                department=home_affairs, successors=((health, "nội vụ"),), open_work_to=health, effective_on=today
            )
        ]
    )


@pytest.fixture
def without_shortcuts(monkeypatch):
    """Pages read the way a long list reads them: no fetch by key for few matches, keys first from page 2."""
    monkeypatch.setattr(CappedCountPaginator, "fetch_by_id_below", 0)
    monkeypatch.setattr(CappedCountPaginator, "keys_first_from", 25)


def _rows_on(client, params, django_assert_max_num_queries, most):
    url = reverse("petitions:list")
    client.get(url, params)  # the session, content types and the cached count warm up
    with django_assert_max_num_queries(most):
        response = client.get(url, params)
    assert response.status_code == 200
    return len(response.context["rows"])


# session, user, roles; matching keys (few matches, or a deep page's), page, assignments, closed
# departments' successors; the filter form's four menus. The count is cached after the warm-up view.
PAGE_QUERIES = 11


@pytest.mark.parametrize(
    "params",
    [{}, {"status": "assigned"}, {"q": "vay von"}, {"q": "khoi ngh"}, {"q": "vay", "page": "2"}],
    ids=["first page", "filtered", "whole words", "word beginnings", "deep page"],
)
def test_list_queries_do_not_grow_with_rows(crowded, client_for, django_assert_max_num_queries, params):
    rows = _rows_on(client_for("staff"), params, django_assert_max_num_queries, PAGE_QUERIES)
    assert rows == (ROWS - 25 if params.get("page") else 25)


@pytest.mark.parametrize(
    "params", [{}, {"q": "vay von"}, {"q": "vay", "page": "2"}], ids=["first page", "search", "deep page"]
)
def test_long_list_queries_do_not_grow_with_rows(
    crowded, without_shortcuts, client_for, django_assert_max_num_queries, params
):
    rows = _rows_on(client_for("staff"), params, django_assert_max_num_queries, PAGE_QUERIES)
    assert rows == (ROWS - 25 if params.get("page") else 25)


def test_a_partial_word_inside_words_is_still_found(crowded, client_for, django_assert_max_num_queries):
    # "ghiep" begins no word ("nghiệp" does): the trigram search answers, at the same cost.
    rows = _rows_on(client_for("staff"), {"q": "ghiep"}, django_assert_max_num_queries, PAGE_QUERIES)
    assert rows == 25


def test_department_admin_list_queries_do_not_grow_with_rows(crowded, client_for, django_assert_max_num_queries):
    client = client_for("rep_y")
    url = reverse("admin:petitions_petition_changelist")
    client.get(url)
    # session, user, roles, permissions (2), the topic filter's menu, the page (count cached).
    with django_assert_max_num_queries(7):
        response = client.get(url)
    shown = response.context["cl"].result_list
    assert len(shown) == 30  # 12 sent to health, 18 with home affairs' open work
    dues = [p.next_due for p in shown]
    waiting = [d for d in dues if d is not None]
    assert waiting == sorted(waiting) and dues[: len(waiting)] == waiting  # earliest due first, answered last
