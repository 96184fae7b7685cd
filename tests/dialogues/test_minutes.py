"""The minutes (biên bản) as structured fields on the session page, the oral opinions, and minutes_facts."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from dialogue_portal.directory.models import ParticipantGroup
from dialogues import minutes as facts
from dialogues import selectors, services
from dialogues.models import (
    AgendaItem,
    DialogueSession,
    InvitationState,
    ParticipantAttendance,
    SessionOpinion,
    SessionStatus,
)
from petitions import services as petitions
from petitions.models import AnswerMethod

FORMAT = "%Y-%m-%dT%H:%M"


def _minutes(session, **overrides):
    data = {
        "chair_name": "Nguyễn Thị Hoa",
        "chair_title": "Chủ tịch Hội LHPN huyện Gio Linh",
        "secretary_name": "Lê Thị Mai",
        "secretary_title": "Cán bộ Văn phòng",
        "opened_at": timezone.localtime(session.starts_at + datetime.timedelta(minutes=15)).strftime(FORMAT),
        "closed_at": timezone.localtime(session.ends_at).strftime(FORMAT),
        "minutes": "Hội nghị kết thúc lúc 11 giờ.",
        "version": session.version,
    }
    data.update(overrides)
    return data


def test_structured_minutes_are_saved_and_the_schedule_stays_the_default(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)

    response = client_for("leader_a").post(reverse("dialogues:minutes", args=[session.pk]), _minutes(session))

    session.refresh_from_db()
    assert response.status_code == 302
    assert (session.chair_name, session.chair_title, session.secretary_name, session.secretary_title) == (
        "Nguyễn Thị Hoa",
        "Chủ tịch Hội LHPN huyện Gio Linh",
        "Lê Thị Mai",
        "Cán bộ Văn phòng",
    )
    planned = session.starts_at.replace(second=0)
    assert session.opened_at == planned + datetime.timedelta(minutes=15)
    assert session.closed_at is None  # closed as scheduled (the form shows minutes)
    assert session.minutes == "Hội nghị kết thúc lúc 11 giờ."


def test_a_stale_minutes_form_is_refused_and_keeps_what_was_typed(client_for, make_session, users):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)
    opened_on = session.version
    services.record_minutes(
        session=session, actor=users["staff"], version=opened_on, minutes="Bản của cán bộ tỉnh", chair_name="Trần B"
    )

    response = client_for("leader_a").post(
        reverse("dialogues:minutes", args=[session.pk]), _minutes(session, version=opened_on, minutes="Bản của xã")
    )

    session.refresh_from_db()
    html = response.content.decode()
    assert response.status_code == 409
    assert "Người khác đã sửa hội nghị này trong lúc bạn đang sửa. Chưa có gì được lưu." in html
    assert "Bản của xã" in html  # her text is on the page to save again
    assert (session.minutes, session.chair_name) == ("Bản của cán bộ tỉnh", "Trần B")


def test_minutes_closing_before_opening_are_refused(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)
    opened = timezone.localtime(session.starts_at)

    response = client_for("leader_a").post(
        reverse("dialogues:minutes", args=[session.pk]),
        _minutes(session, closed_at=(opened - datetime.timedelta(hours=1)).strftime(FORMAT)),
    )

    session.refresh_from_db()
    assert response.status_code == 400
    assert "Giờ bế mạc phải sau giờ khai mạc." in response.content.decode()
    assert (session.chair_name, session.minutes, session.opened_at) == ("", "", None)


def test_the_old_free_text_is_kept_as_other_notes(client_for, make_session):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1, minutes="Biên bản cũ")

    html = client_for("leader_a").get(reverse("dialogues:detail", args=[session.pk])).content.decode()

    assert "Ghi chú khác" in html
    assert "Biên bản cũ" in html
    assert "Biên bản và kết quả" not in html


def test_oral_opinions_are_added_edited_and_removed_by_the_host_only(client_for, make_session, departments):
    session = make_session(unit="a1", status=SessionStatus.HELD, days=-1)
    other = make_session(unit="b1", status=SessionStatus.HELD, days=-1)
    client = client_for("leader_a")
    data = {"speaker": "Chi hội Hà Thượng", "text": "Xin hỗ trợ giống cây", "answer_text": "", "answered_by": ""}

    client.post(reverse("dialogues:opinion_add", args=[session.pk]), data)
    opinion = SessionOpinion.objects.get(session=session)
    client.post(
        reverse("dialogues:opinion_edit", args=[session.pk, opinion.pk]),
        {**data, "answer_text": "Sở sẽ hỗ trợ trong quý I", "answered_by": departments["x"].pk},
    )
    opinion.refresh_from_db()
    answered = (opinion.answer_text, opinion.answered_by)
    forbidden = client.post(reverse("dialogues:opinion_add", args=[other.pk]), data).status_code
    client.post(reverse("dialogues:opinion_remove", args=[session.pk, opinion.pk]))

    assert answered == ("Sở sẽ hỗ trợ trong quý I", departments["x"])
    assert forbidden == 404
    assert not SessionOpinion.objects.exists()
    assert opinion.history.count() == 3  # added, edited, removed: still on record


@pytest.fixture
def held_session(make_session, users, units, departments, tmp_path, settings):
    """A held session with attendance, agenda, two petitions (one answered at the dialogue), an oral opinion
    and a recommendation."""
    settings.MEDIA_ROOT = tmp_path
    start = timezone.now().replace(microsecond=0) - datetime.timedelta(days=2)
    session = make_session(
        unit="a1",
        status=SessionStatus.PLANNED,
        starts_at=start,
        departments=[departments["x"], departments["y"]],
        venue="Nhà văn hóa xã Linh Trường",
        title="Đối thoại về việc làm",
    )
    invitations = {inv.department_id: inv for inv in session.invitations.all()}
    x = invitations[departments["x"].pk]
    x.representative_name, x.representative_title, x.attended = "Phạm Văn An", "Phó Giám đốc", True
    x.save()
    y = invitations[departments["y"].pk]
    y.state, y.delegate_name, y.representative_name, y.attended = InvitationState.DELEGATED, "Hồ Văn Bình", "Lê C", True
    y.save()
    groups = list(ParticipantGroup.objects.order_by("sort_order")[:2])
    ParticipantAttendance.objects.create(session=session, group=groups[0], expected=40, actual=35)
    ParticipantAttendance.objects.create(session=session, group=groups[1], expected=20, actual=None)
    AgendaItem.objects.create(session=session, title="Khai mạc", position=2)
    AgendaItem.objects.create(
        session=session, title="Báo cáo đề dẫn", position=1, presenter_department=departments["x"]
    )

    at_dialogue = petitions.submit_petition(
        actor=users["leader_a"], unit=units["a1"], title="Vay vốn", content="Cần vay vốn.", session=session
    )
    in_writing = petitions.submit_petition(
        actor=users["leader_a"],
        unit=units["a1"],
        title="Đào tạo nghề",
        content="Cần lớp nghề.",
        session=session,
        petitioner_name="Hồ Thị Riêng Tư",
    )
    due = timezone.localdate() + datetime.timedelta(days=10)
    for petition in (at_dialogue, in_writing):
        petitions.assign_petition(petition=petition, actor=users["staff"], routes=[(departments["x"], due)])
    petitions.answer_assignment(
        assignment=at_dialogue.assignments.get(),
        actor=users["rep_x"],
        text="Đã trả lời tại hội nghị",
        method=AnswerMethod.AT_DIALOGUE,
    )
    petitions.answer_assignment(
        assignment=in_writing.assignments.get(),
        actor=users["rep_x"],
        text="Sẽ trả lời bằng văn bản",
        method=AnswerMethod.IN_WRITING,
    )
    services.add_opinion(
        session=session,
        actor=users["leader_a"],
        speaker="Chi hội Hà Thượng",
        text="Xin hỗ trợ giống",
        answer_text="Sở hỗ trợ",
        answered_by=departments["y"],
    )
    services.create_recommendation(
        session=session, actor=users["leader_a"], text="Tăng vốn vay", addressed_to="ubnd_tinh"
    )
    DialogueSession.objects.filter(pk=session.pk).update(
        status=SessionStatus.HELD, minutes="Ghi chú", chair_name="Nguyễn Thị Hoa", chair_title="Chủ tịch"
    )
    session.refresh_from_db()
    return {"session": session, "at_dialogue": at_dialogue, "in_writing": in_writing, "groups": groups}


def test_minutes_facts_state_what_the_minutes_need(held_session, users, departments):
    session = held_session["session"]

    got = selectors.minutes_facts(session, users["staff"])

    assert (got.title, got.venue, got.host_unit, got.other_notes) == (
        "Đối thoại về việc làm",
        "Nhà văn hóa xã Linh Trường",
        "Hội LHPN xã Linh Trường",
        "Ghi chú",
    )
    assert (got.opened_at, got.closed_at) == (session.starts_at, session.ends_at)  # none recorded: the schedule
    assert (got.chair, got.secretary) == (facts.Person("Nguyễn Thị Hoa", "Chủ tịch"), facts.Person("", ""))
    lines = {line.department: line for line in got.departments}
    x, y = lines[departments["x"].name], lines[departments["y"].name]
    assert (x.presence, x.representative_name, x.representative_title) == (
        facts.ATTENDED,
        "Phạm Văn An",
        "Phó Giám đốc",
    )
    assert (y.presence, y.delegate_name, y.presence_label) == (facts.DELEGATED, "Hồ Văn Bình", "Cử người dự thay")
    assert [(g.group, g.expected, g.actual) for g in got.groups] == [
        (held_session["groups"][0].name, 40, 35),
        (held_session["groups"][1].name, 20, None),
    ]
    assert (got.expected_total, got.actual_total) == (60, 35)
    assert got.expected_total == sum(g.expected for g in got.groups)
    assert got.actual_total == sum(g.actual or 0 for g in got.groups)
    assert got.departments_invited == sum(
        got.departments_with(p) for p in (facts.ATTENDED, facts.DELEGATED, facts.ABSENT, facts.NOT_RECORDED)
    )
    assert [(a.position, a.title, a.presenter_department) for a in got.agenda] == [
        (1, "Báo cáo đề dẫn", departments["x"].name),
        (2, "Khai mạc", ""),
    ]
    petition_part = {o.reference: o for o in got.petition_opinions}
    assert set(petition_part) == {held_session["at_dialogue"].code, held_session["in_writing"].code}
    assert petition_part[held_session["at_dialogue"].code].answers == (
        facts.AnswerFact(departments["x"].name, "Đã trả lời tại hội nghị"),
    )
    assert petition_part[held_session["in_writing"].code].answers == ()  # answered in writing, not at the session
    assert petition_part[held_session["in_writing"].code].speaker == "Hội LHPN xã Linh Trường"
    assert "Hồ Thị Riêng Tư" not in repr(got)
    assert [(o.source, o.speaker, o.text, o.answers) for o in got.oral_opinions] == [
        (facts.ORAL, "Chi hội Hà Thượng", "Xin hỗ trợ giống", (facts.AnswerFact(departments["y"].name, "Sở hỗ trợ"),))
    ]
    assert [o.source for o in got.opinions] == [facts.PETITION, facts.PETITION, facts.ORAL]
    assert [(r.text, r.addressee, r.follow_up_label) for r in got.recommendations] == [
        ("Tăng vốn vay", "UBND tỉnh", "Chờ xử lý")
    ]


def test_minutes_facts_follow_the_viewers_scope(held_session, users):
    session = held_session["session"]

    with pytest.raises(DialogueSession.DoesNotExist):
        selectors.minutes_facts(session, users["leader_b"])
    for_rep_x = selectors.minutes_facts(session, users["rep_x"])
    for_rep_y = selectors.minutes_facts(session, users["rep_y"])

    assert len(for_rep_x.petition_opinions) == 2  # both assigned to X
    assert for_rep_y.petition_opinions == []  # invited, but no petition assigned to Y
    assert len(for_rep_y.oral_opinions) == 1
