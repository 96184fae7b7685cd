"""The petition page costs the same few queries however many answers, duplicates and similar petitions it shows,
and its similar petitions come from the newest ones in the viewer's scope."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from petitions import selectors, services
from petitions.models import AnswerMethod, Petition

LOANS = "Hỗ trợ vay vốn khởi nghiệp cho phụ nữ dân tộc thiểu số"

# Without Redis (a local run) the session is read from the database on every request.
SESSION_READ = 0 if settings.USER_CACHE else 1


@pytest.mark.django_db
@pytest.mark.parametrize("answers, similar", [(1, 1), (2, 4)])
def test_the_petition_page_has_a_constant_query_count(
    make_petition, users, departments, client_for, django_assert_max_num_queries, answers, similar
):
    for _ in range(similar):
        make_petition(title=LOANS, content="Phụ nữ dân tộc thiểu số cần vay vốn khởi nghiệp.")
    petition = make_petition(title=LOANS, content="Chị em cần vay vốn ưu đãi để khởi nghiệp chăn nuôi.")
    duplicate = make_petition(title=LOANS)
    services.merge_petitions(duplicate=duplicate, keep=petition, actor=users["staff"])
    due = timezone.localdate() + timedelta(days=10)
    names = ["x", "y"][:answers]
    services.assign_petition(
        petition=petition, actor=users["staff"], routes=[(departments[name], due) for name in names]
    )
    for name in names:
        services.answer_assignment(
            assignment=petition.assignments.get(department=departments[name]),
            actor=users[f"rep_{name}"],
            text="Đã trả lời.",
            method=AnswerMethod.IN_WRITING,
        )
    client = client_for("staff")
    url = reverse("petitions:detail", args=[petition.pk])
    # The first view after a change: petition, topics, assignments (with answers), attachments, status changes
    # (its own and its merged duplicates'), answer history, similar petitions (worked out), and what the layout
    # reads (and the session, without Redis).
    with django_assert_max_num_queries(9 + SESSION_READ):
        client.get(url)
    # Then the parts and the similar petitions come from the cache: the petition through the scope, and what the
    # layout reads (the user and its roles; the session without Redis).
    with django_assert_max_num_queries(3 + SESSION_READ):
        response = client.get(url)
    assert len(response.context["similar"]) == similar
    assert [entry["kind"] for entry in response.context["timeline"]].count("answer") == answers
    assert any(entry["code"] == duplicate.code for entry in response.context["timeline"])


@pytest.mark.django_db
def test_suggestions_are_kept_per_scope_and_follow_every_change(make_petition, users, units, client_for):
    own = make_petition(title=LOANS, unit=units["a1"], by="leader_a")
    make_petition(title=LOANS, unit=units["b1"], by="leader_b")
    staff = selectors.similar_to_petition(user=users["staff"], petition=own)
    leader = selectors.similar_to_petition(user=users["leader_a"], petition=own)
    assert len(staff) == 1 and leader == []  # per scope: the leader never gets staff's list
    # Kept until the data changes: an archived petition is no longer offered.
    services.archive_petition(petition=Petition.objects.get(pk=staff[0].pk), actor=users["staff"])
    assert selectors.similar_to_petition(user=users["staff"], petition=own) == []


@pytest.mark.django_db
def test_suggestions_come_from_the_newest_petitions_in_scope(make_petition, users, monkeypatch):
    oldest = make_petition(title=LOANS)
    newer = [make_petition(title=LOANS) for _ in range(2)]
    monkeypatch.setattr(selectors, "SIMILAR_WINDOW", 2)
    found = selectors.similar_petitions(user=users["staff"], text=LOANS)
    assert {p.pk for p in found} == {p.pk for p in newer}
    assert oldest.pk not in {p.pk for p in found}
