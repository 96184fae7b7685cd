"""Session pages: scope, constant query counts, bad input, agenda reordering, transitions."""

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogues import services
from dialogues.models import AgendaItem, DialogueSession, SessionStatus

from .conftest import local


def _form(units, invited=(), **overrides):
    data = {
        "title": "Đối thoại chính sách xã Linh Trường",
        "host_unit": units["a1"].pk,
        "starts_at": "2027-03-10T08:00",
        "ends_at": "2027-03-10T11:00",
        "venue": "Nhà văn hóa xã Linh Trường",
        "programme": "Dự án 8",
        "departments": [d.pk for d in invited],
    }
    data.update(overrides)
    return data


@pytest.mark.parametrize("rows", [1, 20])
def test_list_page_query_count_is_constant(client_for, make_session, django_assert_max_num_queries, rows):
    for i in range(rows):
        make_session(unit="a1", days=i + 1)
    client = client_for("staff")

    # login session, user, roles; count, rows; the filter form's units, topics, departments
    # A ceiling: with Redis the session (and a user unchanged for half a minute) come from the cache.
    with django_assert_max_num_queries(8):
        response = client.get(reverse("dialogues:list"))

    assert len(response.context["page"].object_list) == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_calendar_page_query_count_is_constant(client_for, make_session, django_assert_max_num_queries, rows):
    for i in range(rows):
        make_session(unit="a1", starts_at=local(2027, 3, 1 + i, 8))
    client = client_for("leader_a")

    # login session, user, roles, the leader's unit (its subtree path), former units merged into it;
    # the month's sessions
    # A ceiling: with Redis the session (and a user unchanged for half a minute) come from the cache.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("dialogues:calendar"), {"year": 2027, "month": 3})

    assert response.content.decode().count("session-chip") == rows


@pytest.mark.parametrize("rows", [1, 20])
def test_agenda_page_query_count_is_constant(client_for, make_session, django_assert_max_num_queries, rows):
    for i in range(rows):
        session = make_session(unit="a1", days=i + 1)
        AgendaItem.objects.create(session=session, title="Mục", position=1)
    client = client_for("staff")

    # login session, user, roles; count, rows, their agenda items
    # A ceiling: with Redis the session (and a user unchanged for half a minute) come from the cache.
    with django_assert_max_num_queries(6):
        response = client.get(reverse("dialogues:agenda"))

    assert len(response.context["page"].object_list) == rows


def test_list_shows_only_sessions_in_scope(client_for, make_session, departments):
    make_session(unit="a1", title="Linh Trường", departments=[departments["x"]])
    make_session(unit="b1", title="Tà Rụt", departments=[departments["y"]])

    titles = {
        who: [s.title for s in client_for(who).get(reverse("dialogues:list")).context["page"]]
        for who in ("staff", "leader_a", "leader_b", "rep_x")
    }

    assert {who: sorted(found) for who, found in titles.items()} == {
        "staff": ["Linh Trường", "Tà Rụt"],
        "leader_a": ["Linh Trường"],
        "leader_b": ["Tà Rụt"],
        "rep_x": ["Linh Trường"],
    }


def test_search_ignores_accents_and_case(client_for, users, units):
    services.create_session(
        actor=users["staff"],
        data=services.SessionData(
            title="Đối thoại về vay vốn khởi nghiệp",
            host_unit=units["b"],
            starts_at=local(2027, 5, 5, 8),
            ends_at=local(2027, 5, 5, 11),
        ),
    )

    response = client_for("staff").get(reverse("dialogues:list"), {"q": "VAY VON"})

    assert [s.title for s in response.context["page"]] == ["Đối thoại về vay vốn khởi nghiệp"]
    unit_hit = client_for("staff").get(reverse("dialogues:list"), {"q": "dakrong"})
    assert len(unit_hit.context["page"]) == 1


def test_filters_by_unit_subtree_status_and_department(client_for, make_session, units, departments):
    make_session(unit="a1", status=SessionStatus.PLANNED, title="A1", departments=[departments["x"]])
    make_session(unit="b1", status=SessionStatus.PLANNED, title="B1", departments=[departments["y"]])
    make_session(unit="a", status=SessionStatus.DRAFT, title="A")
    client = client_for("staff")

    def titles(**params):
        return sorted(s.title for s in client.get(reverse("dialogues:list"), params).context["page"])

    assert titles(unit=units["a"].pk) == ["A", "A1"]
    assert titles(status="planned") == ["A1", "B1"]
    assert titles(department=departments["y"].pk) == ["B1"]
    assert titles(level="commune") == ["A1", "B1"]


def test_archived_sessions_leave_the_list(client_for, make_session):
    session = make_session(unit="a1", title="Cũ")
    session.is_archived = True
    session.save()

    assert list(client_for("staff").get(reverse("dialogues:list")).context["page"]) == []
    archived = client_for("staff").get(reverse("dialogues:list"), {"archived": "on"})
    assert [s.title for s in archived.context["page"]] == ["Cũ"]


def test_create_then_warn_then_confirm(client_for, units, departments, make_session):
    make_session(unit="a", starts_at=local(2027, 3, 10, 9), departments=[departments["x"]])
    client = client_for("leader_a")

    warned = client.post(reverse("dialogues:create"), _form(units, [departments["x"]]))
    assert warned.status_code == 400
    assert "đã được mời" in warned.content.decode()
    assert DialogueSession.objects.count() == 1

    saved = client.post(reverse("dialogues:create"), _form(units, [departments["x"]], confirm="on"))
    assert saved.status_code == 302
    assert DialogueSession.objects.count() == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2027-03-10T07:00"}, "Thời gian kết thúc phải sau thời gian bắt đầu"),
        ({"host_unit": 999999}, "không có trong danh sách"),
        ({"title": "x" * 10000}, "tối đa 300"),
        ({"starts_at": "1900-01-01T08:00", "ends_at": "1900-01-01T10:00"}, "hãy kiểm tra lại năm"),
        ({"starts_at": "2999-01-01T08:00", "ends_at": "2999-01-01T10:00"}, "hãy kiểm tra lại năm"),
        ({"starts_at": "không phải ngày"}, "Nhập một ngày/thời gian hợp lệ"),
        ({"departments": [999999]}, "không có trong danh sách"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(client_for, units, overrides, message):
    response = client_for("staff").post(reverse("dialogues:create"), _form(units, **overrides))

    assert response.status_code == 400
    assert message in response.content.decode()
    assert DialogueSession.objects.count() == 0


def test_a_leader_cannot_forge_a_unit_from_another_subtree(client_for, units):
    response = client_for("leader_a").post(reverse("dialogues:create"), _form(units, host_unit=units["b1"].pk))

    assert response.status_code == 400
    assert "không có trong danh sách" in response.content.decode()
    assert DialogueSession.objects.count() == 0


@pytest.mark.parametrize("name", ["detail", "edit", "ics", "attendance"])
def test_another_units_session_answers_404(client_for, make_session, name):
    session = make_session(unit="b1")

    response = client_for("leader_a").get(reverse(f"dialogues:{name}", args=[session.pk]))

    assert response.status_code == 404


def test_a_forged_post_to_another_units_session_changes_nothing(client_for, make_session, units):
    session = make_session(unit="b1", status=SessionStatus.PLANNED)
    client = client_for("leader_a")

    responses = [
        client.post(reverse("dialogues:edit", args=[session.pk]), _form(units, version=session.version)),
        client.post(reverse("dialogues:transition", args=[session.pk, "cancelled"]), {"note": "x"}),
        client.post(reverse("dialogues:minutes", args=[session.pk]), {"minutes": "x", "version": session.version}),
        client.post(reverse("dialogues:archive", args=[session.pk])),
    ]

    assert [r.status_code for r in responses] == [404, 404, 404, 404]
    session.refresh_from_db()
    assert (session.status, session.minutes, session.is_archived) == (SessionStatus.PLANNED, "", False)


def test_department_rep_sees_invited_session_but_cannot_manage_it(client_for, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.PLANNED, departments=[departments["x"]])
    client = client_for("rep_x")

    assert client.get(reverse("dialogues:detail", args=[session.pk])).status_code == 200
    assert client.get(reverse("dialogues:edit", args=[session.pk])).status_code == 403
    assert client.get(reverse("dialogues:create")).status_code == 403
    refused = client.post(reverse("dialogues:transition", args=[session.pk, "cancelled"]), {"note": "x"})
    assert refused.status_code == 403


def test_detail_shows_buttons_only_for_allowed_transitions(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.PLANNED)

    page = client_for("leader_a").get(reverse("dialogues:detail", args=[session.pk]))

    assert [value for value, _ in page.context["transitions"]] == ["invitations_sent", "postponed", "cancelled"]
    assert reverse("dialogues:transition", args=[session.pk, "postponed"]) in page.content.decode()


def test_postpone_through_the_page(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.PLANNED, starts_at=local(2027, 3, 10, 8))
    client = client_for("leader_a")
    url = reverse("dialogues:transition", args=[session.pk, "postponed"])

    refused = client.post(url, {"starts_at": "2027-03-20T08:00", "ends_at": "2027-03-20T11:00"})
    done = client.post(url, {"note": "Trùng lịch", "starts_at": "2027-03-20T08:00", "ends_at": "2027-03-20T11:00"})

    assert (refused.status_code, done.status_code) == (400, 302)
    session.refresh_from_db()
    assert (session.status, session.starts_at) == (SessionStatus.POSTPONED, local(2027, 3, 20, 8))


def test_edit_a_stale_form_is_refused_with_what_changed(client_for, make_session, units):
    session = make_session(unit="a1", starts_at=local(2027, 3, 10, 8), title="Đối thoại chính sách xã Linh Trường")
    client_for("leader_a").post(
        reverse("dialogues:edit", args=[session.pk]), _form(units, venue="Hội trường mới", version=1)
    )
    client = client_for("staff")

    response = client.post(
        reverse("dialogues:edit", args=[session.pk]), _form(units, title="Tiêu đề khác", version=1), follow=True
    )

    text = response.content.decode()
    assert "Người khác đã sửa hội nghị này" in text
    assert "Hội trường mới" in text
    session.refresh_from_db()
    assert session.title == "Đối thoại chính sách xã Linh Trường"


def test_agenda_buttons_reorder_without_javascript(client_for, make_session):
    session = make_session(unit="a1")
    first = AgendaItem.objects.create(session=session, title="Một", position=1)
    second = AgendaItem.objects.create(session=session, title="Hai", position=2)

    response = client_for("leader_a").post(reverse("dialogues:agenda_move", args=[session.pk, second.pk, "up"]))

    assert response.status_code == 302
    assert list(session.agenda_items.order_by("position").values_list("pk", flat=True)) == [second.pk, first.pk]


def test_agenda_reorder_endpoint_takes_json(client_for, make_session):
    session = make_session(unit="a1")
    items = [AgendaItem.objects.create(session=session, title=t, position=i) for i, t in enumerate("ABC", 1)]
    client = client_for("leader_a")
    url = reverse("dialogues:agenda_reorder", args=[session.pk])

    ok = client.post(url, json.dumps({"order": [items[2].pk, items[0].pk, items[1].pk]}), "application/json")
    bad = client.post(url, json.dumps({"order": [items[0].pk]}), "application/json")
    junk = client.post(url, "not json", "application/json")

    assert (ok.status_code, bad.status_code, junk.status_code) == (200, 409, 400)
    assert list(session.agenda_items.order_by("position").values_list("title", flat=True)) == ["C", "A", "B"]


def test_agenda_item_of_another_session_is_404(client_for, make_session):
    mine = make_session(unit="a1")
    theirs = make_session(unit="b1")
    item = AgendaItem.objects.create(session=theirs, title="X", position=1)

    response = client_for("leader_a").post(reverse("dialogues:agenda_move", args=[mine.pk, item.pk, "up"]))

    assert response.status_code == 404


def test_attendance_and_minutes_are_recorded(client_for, make_session, departments):
    from dialogue_portal.directory.models import ParticipantGroup

    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, departments=[departments["x"]])
    invitation = session.invitations.get()
    group = ParticipantGroup.objects.get(code="phu-nu-dan-toc-thieu-so")
    client = client_for("leader_a")

    client.post(
        reverse("dialogues:attendance", args=[session.pk]),
        {f"inv_{invitation.pk}": "yes", f"exp_{group.pk}": "15", f"act_{group.pk}": "12"},
    )
    session.refresh_from_db()
    client.post(reverse("dialogues:minutes", args=[session.pk]), {"minutes": "Biên bản", "version": session.version})

    session.refresh_from_db()
    invitation.refresh_from_db()
    row = session.attendance.get()
    assert (invitation.attended, row.expected, row.actual, session.minutes) == (True, 15, 12, "Biên bản")


def test_statistics_count_held_sessions_and_attendance_rate(client_for, make_session, departments):
    held = make_session(unit="a1", status=SessionStatus.HELD, days=-30, departments=[departments["x"]])
    other = make_session(unit="a1", status=SessionStatus.HELD, days=-20, departments=[departments["x"]])
    make_session(unit="a1", status=SessionStatus.PLANNED, departments=[departments["x"]])
    held.invitations.update(attended=True)
    other.invitations.update(attended=False)

    response = client_for("staff").get(reverse("dialogues:stats"))

    rows = sorted((r["host_unit__name"], r["year"], r["count"]) for r in response.context["held"])
    years = sorted({timezone.localtime(held.starts_at).year, timezone.localtime(other.starts_at).year})
    if len(years) == 1:
        assert rows == [("Hội LHPN xã Linh Trường", years[0], 2)]
    else:  # the two sessions straddle a new year
        assert rows == [("Hội LHPN xã Linh Trường", y, 1) for y in years]
    rate = {r["department__name"]: r["rate"] for r in response.context["departments"]}
    assert rate == {"Sở Nội vụ": 50}


def test_home_cards_show_the_next_sessions(client_for, make_session, departments):
    make_session(unit="a1", status=SessionStatus.INVITATIONS_SENT, days=5, departments=[departments["x"]])

    staff_cards = client_for("staff").get(reverse("home")).context["cards"]
    rep_cards = client_for("rep_x").get(reverse("home")).context["cards"]

    assert staff_cards[0]["value"] == 1
    assert [c["value"] for c in rep_cards[:2]] == [1, 1]


def test_dates_in_lists_are_local_dd_mm_yyyy(client_for, make_session):
    make_session(unit="a1", starts_at=local(2027, 3, 9, 7, 30))

    response = client_for("staff").get(reverse("dialogues:list"))

    assert "09/03/2027 07:30" in response.content.decode()


def test_pages_speak_english_when_asked(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.PLANNED)
    client = client_for("staff")

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    listing = client.get(reverse("dialogues:list")).content.decode()
    detail = client.get(reverse("dialogues:detail", args=[session.pk])).content.decode()

    assert "Dialogue sessions" in listing
    assert "Send the invitations" in detail
    client.post(reverse("set_language"), {"language": "vi", "next": "/"})
    assert "Gửi giấy mời" in client.get(reverse("dialogues:detail", args=[session.pk])).content.decode()
