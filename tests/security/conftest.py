"""A whole small world built once per test module: units A and B, departments X and Y, one user per role,
and one object of every kind belonging to A and X. Each test still runs in its own savepoint."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.utils import timezone

ROLES = ["anonymous", "leader_a", "leader_b", "rep_x", "rep_y", "staff", "admin"]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def build_world(tmp_media) -> SimpleNamespace:
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django.contrib.auth.models import Group
    from django_celery_beat.models import (
        ClockedSchedule,
        CrontabSchedule,
        IntervalSchedule,
        PeriodicTask,
        SolarSchedule,
    )

    from dialogue_portal.accounts.roles import Role
    from dialogue_portal.accounts.services import create_user
    from dialogue_portal.audit.services import record_event
    from dialogue_portal.directory.models import Department, ParticipantGroup, TopicCategory, UnitLevel, WorkdayOverride
    from dialogue_portal.directory.services import ensure_unit
    from dialogues import plans
    from dialogues.models import (
        Addressee,
        AgendaItem,
        DialogueSession,
        Invitation,
        Recommendation,
        SessionOpinion,
        SessionStatus,
    )
    from petitions import services as petitions
    from petitions.models import AnswerMethod, AnswerTemplate
    from reports import issuing
    from reports import services as reports
    from reports.models import ReportSettings

    units = {}
    for code, name, level, parent in [
        ("qt", "Hội LHPN tỉnh Quảng Trị", UnitLevel.PROVINCE, None),
        ("a", "Hội LHPN huyện Gio Linh", UnitLevel.DISTRICT, "qt"),
        ("a1", "Hội LHPN xã Linh Trường", UnitLevel.COMMUNE, "a"),
        ("b", "Hội LHPN huyện Đakrông", UnitLevel.DISTRICT, "qt"),
        ("b1", "Hội LHPN xã Tà Rụt", UnitLevel.COMMUNE, "b"),
    ]:
        units[code] = ensure_unit(code=code, name=name, level=level, parent=units.get(parent))
    departments = {"x": Department.objects.get(code="noi-vu"), "y": Department.objects.get(code="y-te")}
    spec = {
        "leader_a": (Role.BRANCH_LEADER, units["a"], None),
        "leader_b": (Role.BRANCH_LEADER, units["b"], None),
        "rep_x": (Role.DEPARTMENT_REP, None, departments["x"]),
        "rep_y": (Role.DEPARTMENT_REP, None, departments["y"]),
        "staff": (Role.PROVINCE_STAFF, units["qt"], None),
        "admin": (Role.ADMINISTRATOR, None, None),
    }
    users = {
        name: create_user(
            username=f"m_{name}",
            password="Test-pass-2024!",
            role=role,
            full_name=name.title(),
            email=f"{name}@example.org",
            unit=unit,
            department=dept,
        )
        for name, (role, unit, dept) in spec.items()
    }

    start = (timezone.now() + datetime.timedelta(days=20)).replace(microsecond=0)
    session = DialogueSession.objects.create(
        title="Đối thoại về vay vốn",
        host_unit=units["a1"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        status=SessionStatus.PLANNED,
    )
    invitation = Invitation.objects.create(session=session, department=departments["x"])
    item = AgendaItem.objects.create(session=session, title="Mục 1", position=1)
    recommendation = Recommendation.objects.create(
        session=session, text="Tăng vốn vay cho hội viên", addressed_to=Addressee.PEOPLES_COMMITTEE
    )
    opinion = SessionOpinion.objects.create(session=session, position=1, speaker="Chi hội Hà Thượng", text="Ý kiến")
    AgendaItem.objects.create(session=session, title="Mục 2", position=2)

    held_start = timezone.now() - datetime.timedelta(days=5)
    held = DialogueSession.objects.create(
        title="Đối thoại đã tổ chức",
        host_unit=units["a1"],
        starts_at=held_start,
        ends_at=held_start + datetime.timedelta(hours=3),
        status=SessionStatus.HELD,
    )
    Invitation.objects.create(session=held, department=departments["x"], attended=True)
    settings_row = ReportSettings.load()
    settings_row.recipient_emails = "tinhuy@example.org"
    settings_row.save()

    with override_settings(MEDIA_ROOT=tmp_media):
        petition = petitions.submit_petition(
            actor=users["leader_a"],
            unit=units["a1"],
            title="Hỗ trợ vay vốn",
            content="Chị em cần vay vốn.",
            session=session,
        )
        petitions.assign_petition(
            petition=petition,
            actor=users["staff"],
            routes=[(departments["x"], timezone.localdate() + datetime.timedelta(days=10))],
        )
        assignment = petition.assignments.get()
        petitions.answer_assignment(
            assignment=assignment, actor=users["rep_x"], text="Sở đã trả lời.", method=AnswerMethod.IN_WRITING
        )
        attachment = petitions.add_attachment(
            petition=petition,
            upload=SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf"),
            actor=users["leader_a"],
        )
        petition_b = petitions.submit_petition(
            actor=users["leader_b"], unit=units["b1"], title="Nước sạch", content="Thôn thiếu nước sạch."
        )
        job = reports.request_export(user=users["leader_a"], kind="petitions", file_format="csv", parameters={})
        reports.run_export(job_id=job.pk)
        transmittal = reports.send_summary(session=held, actor=users["staff"])
        plan = issuing.issue_plan(session=session, actor=users["staff"])
        letter = issuing.letter_for(invitation, actor=users["staff"])
        task = plans.add_task(session=session, actor=users["staff"], task="Chuẩn bị hội trường", unit=units["a1"])
    petition.refresh_from_db()
    job.refresh_from_db()

    session_b = DialogueSession.objects.create(
        title="Đối thoại ở Đakrông",
        host_unit=units["b1"],
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        status=SessionStatus.PLANNED,
    )
    Invitation.objects.create(session=session_b, department=departments["y"])
    interval = IntervalSchedule.objects.create(every=10, period=IntervalSchedule.MINUTES)
    admin_objects = {
        "auth_group": Group.objects.get(name=Role.BRANCH_LEADER),
        "django_celery_beat_periodictask": PeriodicTask.objects.create(
            name="m-task", task="dialogue_portal.tasks.noop", interval=interval
        ),
        "django_celery_beat_intervalschedule": interval,
        "django_celery_beat_clockedschedule": ClockedSchedule.objects.create(clocked_time=timezone.now()),
        "django_celery_beat_crontabschedule": CrontabSchedule.objects.create(minute="5"),
        "django_celery_beat_solarschedule": SolarSchedule.objects.create(event="sunrise", latitude=16.7, longitude=107),
        "axes_accessattempt": AccessAttempt.objects.create(
            username="intruder", ip_address="10.0.0.9", failures_since_start=1, user_agent="t", path_info="/"
        ),
        "axes_accesslog": AccessLog.objects.create(username="m_leader_a", ip_address="10.0.0.9", user_agent="t"),
        "axes_accessfailurelog": AccessFailureLog.objects.create(
            username="m_leader_a", ip_address="10.0.0.9", user_agent="t"
        ),
        "audit_auditevent": record_event(action="test.world", actor=users["admin"], target=petition),
        "directory_orgunit": units["a"],
        "directory_department": departments["x"],
        "directory_topiccategory": TopicCategory.objects.first(),
        "directory_participantgroup": ParticipantGroup.objects.first(),
        "directory_workdayoverride": WorkdayOverride.objects.create(date=datetime.date(2030, 8, 30), name="Nghỉ bù"),
        "accounts_user": users["leader_a"],
        "dialogues_dialoguesession": session,
        "dialogues_invitation": invitation,
        "petitions_petition": petition,
        "petitions_answertemplate": AnswerTemplate.objects.create(title="Mẫu", text="Kính gửi"),
        "reports_reportsettings": settings_row,
        "reports_exportjob": job,
        "reports_transmittal": transmittal,
    }
    return SimpleNamespace(
        units=units,
        departments=departments,
        users=users,
        session=session,
        held=held,
        invitation=invitation,
        item=item,
        recommendation=recommendation,
        opinion=opinion,
        petition=petition,
        petition_b=petition_b,
        session_b=session_b,
        assignment=assignment,
        attachment=attachment,
        job=job,
        transmittal=transmittal,
        plan=plan,
        letter=letter,
        task=task,
        admin_objects=admin_objects,
        media=tmp_media,
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once per module inside a transaction rolled back at the module's end."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), transaction.atomic():
        built = build_world(media)
        yield built
        transaction.set_rollback(True)


@pytest.fixture
def media(world, settings):
    settings.MEDIA_ROOT = world.media


@pytest.fixture
def login(world, db, media):
    """``login("rep_x")``: a fresh client for that role (anonymous: not logged in)."""

    def make(role):
        client = Client()
        if role != "anonymous":
            client.force_login(world.users[role])
        return client

    return make


def pytest_terminal_summary(terminalreporter):
    from .test_access_matrix import CHECKED
    from .test_hostile_input import POSTED

    if POSTED["examples"]:
        terminalreporter.write_line(
            f"hostile input: {POSTED['examples']} form posts, {POSTED['saved']} of them saved something"
        )
    if CHECKED["cells"]:
        terminalreporter.write_line(
            f"access matrix: {len(CHECKED['names'])} URL names, {CHECKED['cells']} URL × role cells checked"
        )
