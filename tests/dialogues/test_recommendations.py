"""Recommendations (kiến nghị, đề xuất) as records: entered on the session page, followed up, published."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.audit.models import AuditEvent
from dialogues import selectors, services
from dialogues.models import Addressee, FollowUp, Recommendation, SessionStatus

from .conftest import local


def _url(name, session, rec=None):
    return reverse(f"dialogues:{name}", args=[session.pk] if rec is None else [session.pk, rec.pk])


def test_staff_adds_edits_follows_up_and_publishes_a_recommendation(client_for, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, departments=[departments["x"]])
    client = client_for("staff")

    added = client.post(
        _url("recommendation_add", session), {"text": "Tăng hạn mức vay vốn khởi nghiệp", "addressed_to": "ubnd_tinh"}
    )
    rec = Recommendation.objects.get(session=session)
    edited = client.post(
        _url("recommendation_edit", session, rec),
        {"text": "Mở lớp đào tạo nghề cho phụ nữ", "addressed_to": "department", "department": departments["x"].pk},
    )
    followed = client.post(
        _url("recommendation_follow_up", session, rec),
        {"follow_up": "in_progress", "follow_up_on": "", "response_note": "Sở đang khảo sát nhu cầu"},
    )
    published = client.post(_url("recommendation_publish", session, rec))
    public_after_publishing = client_for("anonymous").get(reverse("public:outcomes")).content.decode()

    rec.refresh_from_db()
    assert [r.status_code for r in (added, edited, followed, published)] == [302, 302, 302, 302]
    assert (rec.text, rec.addressed_to, rec.department, rec.follow_up, rec.follow_up_on, rec.is_published) == (
        "Mở lớp đào tạo nghề cho phụ nữ",
        Addressee.DEPARTMENT,
        departments["x"],
        FollowUp.IN_PROGRESS,
        timezone.localdate(),
        True,
    )
    assert "Mở lớp đào tạo nghề cho phụ nữ" in public_after_publishing
    assert "Đang xử lý" in public_after_publishing
    assert list(
        AuditEvent.objects.filter(action__startswith="recommendation.").order_by("pk").values_list("action", flat=True)
    ) == [
        "recommendation.created",
        "recommendation.updated",
        "recommendation.follow_up",
        "recommendation.published",
    ]
    assert rec.history.count() == 4

    client.post(_url("recommendation_publish", session, rec), {"withdraw": "1"})

    assert (
        "Mở lớp đào tạo nghề cho phụ nữ" not in client_for("anonymous").get(reverse("public:outcomes")).content.decode()
    )


def test_a_leader_adds_on_her_own_session_and_gets_404_on_another(client_for, make_session):
    own = make_session(unit="a1", status=SessionStatus.HELD, days=-1)
    other = make_session(unit="b1", status=SessionStatus.HELD, days=-1)
    other_rec = Recommendation.objects.create(session=other, text="Của Đakrông", addressed_to="tinh_uy")
    client = client_for("leader_a")
    data = {"text": "Kiến nghị của xã Linh Trường", "addressed_to": "tinh_uy"}

    on_own = client.post(_url("recommendation_add", own), data)
    on_other = [
        client.post(_url("recommendation_add", other), data),
        client.post(_url("recommendation_edit", other, other_rec), data),
        client.post(_url("recommendation_follow_up", other, other_rec), {"follow_up": "resolved"}),
        client.post(_url("recommendation_publish", other, other_rec)),
        client.post(_url("recommendation_remove", other, other_rec)),
        client.get(reverse("dialogues:detail", args=[other.pk])),
    ]

    assert on_own.status_code == 302
    assert list(own.recommendations.values_list("text", flat=True)) == ["Kiến nghị của xã Linh Trường"]
    assert [r.status_code for r in on_other] == [404] * 6
    other_rec.refresh_from_db()
    assert (other.recommendations.count(), other_rec.text, other_rec.follow_up) == (1, "Của Đakrông", "waiting")


def test_a_leader_may_not_publish_and_a_representative_may_not_add(client_for, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, departments=[departments["x"]])
    rec = Recommendation.objects.create(session=session, text="Kiến nghị", addressed_to="tinh_uy")

    by_leader = client_for("leader_a").post(_url("recommendation_publish", session, rec))
    by_rep = client_for("rep_x").post(_url("recommendation_add", session), {"text": "x", "addressed_to": "tinh_uy"})

    rec.refresh_from_db()
    assert (by_leader.status_code, by_rep.status_code, rec.is_published, session.recommendations.count()) == (
        403,
        403,
        False,
        1,
    )


def test_a_recommendation_to_a_department_must_name_it(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)

    response = client_for("leader_a").post(
        _url("recommendation_add", session), {"text": "Đề nghị hỗ trợ", "addressed_to": "department"}
    )

    assert response.status_code == 400
    assert "Hãy chọn sở, ban, ngành nhận kiến nghị." in response.content.decode()
    assert "Đề nghị hỗ trợ" in response.content.decode()  # what she typed is still there
    assert not session.recommendations.exists()


def test_resolving_needs_a_response_and_a_date_not_in_the_future(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)
    rec = Recommendation.objects.create(session=session, text="Kiến nghị", addressed_to="tinh_uy")
    client = client_for("leader_a")
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()

    no_note = client.post(_url("recommendation_follow_up", session, rec), {"follow_up": "resolved"}, follow=True)
    future = client.post(
        _url("recommendation_follow_up", session, rec),
        {"follow_up": "in_progress", "follow_up_on": tomorrow},
        follow=True,
    )

    rec.refresh_from_db()
    assert "Hãy ghi kết quả giải quyết kiến nghị, hoặc lý do không tiếp thu." in no_note.content.decode()
    assert "Ngày cập nhật xử lý không được ở tương lai." in future.content.decode()
    assert (rec.follow_up, rec.follow_up_on) == (FollowUp.WAITING, None)


def test_a_published_recommendation_is_withdrawn_before_it_is_removed(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)
    rec = Recommendation.objects.create(session=session, text="Kiến nghị", addressed_to="tinh_uy", is_published=True)
    client = client_for("staff")

    client.post(_url("recommendation_remove", session, rec))
    still_there = Recommendation.objects.filter(pk=rec.pk).exists()
    client.post(_url("recommendation_publish", session, rec), {"withdraw": "1"})
    client.post(_url("recommendation_remove", session, rec))

    assert (still_there, Recommendation.objects.filter(pk=rec.pk).exists()) == (True, False)


def test_nothing_is_recorded_for_a_cancelled_session(users, make_session):
    session = make_session(unit="a1", status=SessionStatus.CANCELLED)

    with pytest.raises(Exception, match="đã hủy|cancelled"):
        services.create_recommendation(session=session, actor=users["staff"], text="x", addressed_to="tinh_uy")

    assert not session.recommendations.exists()


def test_recommendations_for_session_follow_the_viewers_scope(users, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, departments=[departments["x"]])
    first = services.create_recommendation(
        session=session,
        actor=users["leader_a"],
        text="Thứ nhất",
        addressed_to="department",
        department=departments["y"],
    )
    services.create_recommendation(session=session, actor=users["leader_a"], text="Thứ hai", addressed_to="tinh_uy")
    services.set_follow_up(recommendation=first, actor=users["staff"], follow_up="resolved", response_note="Đã xong")

    seen = {who: selectors.recommendations_for_session(session, users[who]) for who in ("staff", "rep_x", "rep_y")}

    assert [(r.number, r.text, r.addressee, r.follow_up_label) for r in seen["staff"]] == [
        (1, "Thứ nhất", departments["y"].name, "Đã giải quyết"),
        (2, "Thứ hai", "Tỉnh ủy", "Chờ xử lý"),
    ]
    assert seen["rep_x"] == seen["staff"]  # invited to the session
    assert seen["rep_y"] == []  # addressed in one, but not invited to the session


def test_recommendation_counts_by_addressee_and_status_within_the_period(users, make_session, departments):
    in_q1 = make_session(unit="a1", status=SessionStatus.HELD, starts_at=local(2026, 2, 10))
    in_q1_b = make_session(unit="b1", status=SessionStatus.HELD, starts_at=local(2026, 3, 5))
    in_q2 = make_session(unit="a1", status=SessionStatus.HELD, starts_at=local(2026, 4, 2))
    cancelled = make_session(unit="a1", status=SessionStatus.HELD, starts_at=local(2026, 2, 11))
    rows = [
        (in_q1, "tinh_uy", None, "waiting"),
        (in_q1, "ubnd_tinh", None, "resolved"),
        (in_q1, "department", departments["x"], "in_progress"),
        (in_q1_b, "department", departments["x"], "in_progress"),
        (in_q1_b, "department", departments["y"], "not_accepted"),
        (in_q1_b, "ubnd_tinh", None, "waiting"),
        (in_q2, "tinh_uy", None, "waiting"),
        (cancelled, "tinh_uy", None, "waiting"),
    ]
    for session, to, department, status in rows:
        Recommendation.objects.create(
            session=session, text="k", addressed_to=to, department=department, follow_up=status
        )
    cancelled.status = SessionStatus.CANCELLED
    cancelled.save()
    start, end = local(2026, 1, 1, 0), local(2026, 4, 1, 0)

    counts = selectors.recommendation_counts(viewer=users["staff"], start=start, end=end)
    for_a = selectors.recommendation_counts(viewer=users["leader_a"], start=start, end=end)

    assert counts.total == 6
    x, y = departments["x"], departments["y"]
    by_department = sorted([(x, 2), (y, 1)], key=lambda pair: (pair[0].sort_order, pair[0].name))
    assert counts.by_addressee == [("Tỉnh ủy", 1), ("UBND tỉnh", 2), *((d.name, n) for d, n in by_department)]
    assert dict(counts.by_status) == {"Chờ xử lý": 2, "Đang xử lý": 2, "Đã giải quyết": 1, "Không tiếp thu": 1}
    assert sum(row.total for row in counts.rows) == counts.total == sum(n for _, n in counts.by_status)
    assert (for_a.total, dict(for_a.by_addressee)) == (3, {"Tỉnh ủy": 1, "UBND tỉnh": 1, departments["x"].name: 1})


def test_session_page_shows_the_section_with_forms_only_to_managers(client_for, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, departments=[departments["x"]])
    Recommendation.objects.create(session=session, text="Kiến nghị về nước sạch", addressed_to="ubnd_tinh")

    as_leader = client_for("leader_a").get(reverse("dialogues:detail", args=[session.pk])).content.decode()
    as_rep = client_for("rep_x").get(reverse("dialogues:detail", args=[session.pk])).content.decode()

    add = _url("recommendation_add", session)
    assert "Kiến nghị về nước sạch" in as_leader and "Kiến nghị về nước sạch" in as_rep
    assert (add in as_leader, add in as_rep) == (True, False)
    assert "UBND tỉnh" in as_rep


def test_session_page_queries_do_not_grow_with_recommendations(client_for, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, departments=[departments["x"]])
    client = client_for("staff")
    url = reverse("dialogues:detail", args=[session.pk])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        return len(captured)

    Recommendation.objects.create(session=session, text="1", addressed_to="department", department=departments["x"])
    queries()  # the first request fills the caches (content types, the translation catalogue)
    one = queries()
    for n in range(5):
        Recommendation.objects.create(
            session=session, text=f"{n}", addressed_to="department", department=departments["y"]
        )
    assert queries() == one
