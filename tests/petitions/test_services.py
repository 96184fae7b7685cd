import threading
import unicodedata
from datetime import date, timedelta

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.utils import timezone, translation

from petitions import selectors, services
from petitions.models import Petition, PetitionStatusChange

from .conftest import PDF, PNG


def test_codes_count_up_per_year(make_petition):
    with time_machine.travel(date(2024, 12, 31)):
        first, second = make_petition(), make_petition()
    with time_machine.travel(date(2025, 1, 2)):
        third = make_petition()
    assert [first.code, second.code, third.code] == ["KN-2024-00001", "KN-2024-00002", "KN-2025-00001"]


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_submissions_get_distinct_consecutive_numbers(users, units):
    errors, codes = [], []

    def submit():
        try:
            codes.append(
                services.submit_petition(
                    actor=users["leader_a"], unit=units["a1"], title="Vay vốn", content="Nội dung"
                ).code
            )
        except Exception as error:  # collected for the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    year = timezone.localdate().year
    assert errors == []
    assert sorted(codes) == [f"KN-{year}-{n:05d}" for n in range(1, 9)]


def test_submit_normalises_to_nfc_and_folds_search_text(make_petition):
    decomposed = unicodedata.normalize("NFD", "Vay vốn ở Đakrông")
    petition = make_petition(title=decomposed, content=decomposed, petitioner_name="Hồ Thị Xuân")
    assert petition.title == unicodedata.normalize("NFC", "Vay vốn ở Đakrông")
    assert petition.search_text == f"{petition.code.lower()} vay von o dakrong vay von o dakrong ho thi xuan"


def test_search_text_leaves_out_an_anonymous_petitioner(make_petition):
    petition = make_petition(petitioner_name="Hồ Thị Xuân", is_anonymous=True)
    assert "xuan" not in petition.search_text


def test_leader_cannot_submit_for_another_district(make_petition, units):
    with pytest.raises(PermissionDenied):
        make_petition(unit=units["b1"])
    assert Petition.objects.count() == 0


def test_assign_to_two_departments_then_answers_move_the_status(
    make_petition, users, departments, django_capture_on_commit_callbacks
):
    petition = make_petition()
    due = timezone.localdate() + timedelta(days=7)
    with django_capture_on_commit_callbacks(execute=True):
        first, second = services.assign_petition(
            petition=petition, actor=users["staff"], routes=[(departments["x"], due), (departments["y"], due)]
        )
    petition.refresh_from_db()
    assert petition.status == "assigned"
    assert sorted(m.to[0] for m in mail.outbox) == ["leader_a@example.org", "rep_x@example.org", "rep_y@example.org"]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_assignment(assignment=first, actor=users["rep_x"], text="Đã xem xét.", method="in_writing")
    petition.refresh_from_db()
    assert petition.status == "assigned"
    assert [m.to for m in mail.outbox] == [["staff@example.org"]]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_assignment(assignment=second, actor=users["rep_y"], text="Sẽ giải quyết.", method="in_writing")
    petition.refresh_from_db()
    assert petition.status == "answered"
    assert sorted(m.to[0] for m in mail.outbox) == ["leader_a@example.org", "staff@example.org"]


def test_department_cannot_answer_another_departments_assignment(assigned, users):
    assignment = assigned.assignments.get()
    with pytest.raises(PermissionDenied):
        services.answer_assignment(assignment=assignment, actor=users["rep_y"], text="x", method="in_writing")


def test_forwarded_answer_needs_an_authority(assigned, users):
    assignment = assigned.assignments.get()
    with pytest.raises(ValidationError):
        services.answer_assignment(assignment=assignment, actor=users["rep_x"], text="Chuyển", method="forwarded")
    assert assigned.assignments.get().status == "pending"


def test_marking_resolved_resolves_the_petition(assigned, users):
    services.mark_assignment(assignment=assigned.assignments.get(), actor=users["rep_x"], status="resolved")
    assigned.refresh_from_db()
    assert assigned.status == "resolved"


def test_forwarded_answer_forwards_the_petition(assigned, users):
    services.answer_assignment(
        assignment=assigned.assignments.get(),
        actor=users["rep_x"],
        text="Chuyển UBND tỉnh.",
        method="forwarded",
        forwarded_authority="UBND tỉnh Quảng Trị",
    )
    assigned.refresh_from_db()
    assert (assigned.status, assigned.forwarded_authority) == ("forwarded", "UBND tỉnh Quảng Trị")


def test_assign_refuses_a_due_date_in_the_past(make_petition, users, departments):
    petition = make_petition()
    with pytest.raises(ValidationError):
        services.assign_petition(
            petition=petition, actor=users["staff"], routes=[(departments["x"], timezone.localdate() - timedelta(1))]
        )
    petition.refresh_from_db()
    assert (petition.status, petition.assignments.count()) == ("submitted", 0)


def test_merge_moves_supporters_files_and_history(make_petition, users):
    keep = make_petition(supporters_count=3)
    duplicate = make_petition(supporters_count=4)
    services.add_attachment(petition=duplicate, upload=SimpleUploadedFile("bien-ban.pdf", PDF), actor=users["leader_a"])
    services.merge_petitions(duplicate=duplicate, keep=keep, actor=users["staff"])
    keep.refresh_from_db()
    duplicate.refresh_from_db()
    steps = selectors.timeline(petition=keep, user=users["staff"])
    assert (keep.supporters_count, keep.attachments.count()) == (7, 1)
    assert (duplicate.status, duplicate.merged_into) == ("merged", keep)
    assert duplicate.code in [step["code"] for step in steps]


def test_stale_edit_is_refused_and_says_what_changed(make_petition, users):
    petition = make_petition()
    opened_at = petition.version
    services.update_petition(petition=petition, actor=users["staff"], expected_version=opened_at, supporters_count=9)
    with pytest.raises(services.StaleEdit) as error:
        services.update_petition(petition=petition, actor=users["leader_a"], expected_version=opened_at, title="Khác")
    petition.refresh_from_db()
    with translation.override("vi"):
        changes = [(str(c.field), c.old, c.new) for c in error.value.changes]
    assert changes == [("số hội viên cùng nêu", "1", "9")]
    assert petition.title == "Hỗ trợ vay vốn khởi nghiệp"


def test_archive_hides_from_lists_without_deleting(make_petition, users):
    petition = make_petition()
    services.archive_petition(petition=petition, actor=users["staff"])
    assert list(selectors.petitions_for_list(user=users["staff"])) == []
    assert Petition.objects.filter(pk=petition.pk, is_archived=True).exists()


def test_overdue_by_working_days_across_a_holiday(assigned, users, departments):
    # Assigned on Friday 30/8/2024 with 2 working days: 2 and 3/9 are Quốc khánh, so due Thu 5/9.
    from dialogue_portal.directory.workdays import add_working_days

    due = add_working_days(date(2024, 8, 30), 2)
    assignment = assigned.assignments.get()
    assignment.due_date = due
    assignment.save()
    on_due_day = list(selectors.overdue_assignments(today=date(2024, 9, 5)))
    day_after = list(selectors.overdue_assignments(today=date(2024, 9, 6)))
    assert due == date(2024, 9, 5)
    assert (on_due_day, day_after) == ([], [assignment])
    late = selectors.petitions_for_list(user=users["staff"], today=date(2024, 9, 6)).get()
    assert late.is_overdue is True


def test_daily_reminder_mails_the_department_and_staff(assigned, users, django_capture_on_commit_callbacks):
    from petitions.tasks import send_overdue_reminders

    assigned.assignments.update(due_date=timezone.localdate() - timedelta(days=1))
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        sent = send_overdue_reminders.delay().get()
    assert sent == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["rep_x@example.org", "staff@example.org"]
    assert assigned.code in mail.outbox[0].body


def test_beat_schedule_runs_the_reminder_on_working_days(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["petitions-overdue-reminders"]
    assert entry["task"] == "petitions.tasks.send_overdue_reminders"


def test_status_change_is_logged_with_actor_and_note(make_petition, users):
    petition = make_petition()
    services.transition(petition=petition, to_status="returned", actor=users["staff"], note="Bổ sung địa chỉ")
    change = PetitionStatusChange.objects.filter(petition=petition).last()
    assert (change.from_status, change.to_status, change.actor, change.note) == (
        "submitted",
        "returned",
        users["staff"],
        "Bổ sung địa chỉ",
    )


def test_attachment_is_stored_under_a_generated_name(make_petition, users):
    petition = make_petition(attachments=[SimpleUploadedFile("ảnh chụp đơn.png", PNG)])
    attachment = petition.attachments.get()
    assert attachment.original_name == "ảnh chụp đơn.png"
    assert attachment.content_type == "image/png"
    assert "chup" not in attachment.file.name and attachment.file.name.endswith(".png")


def test_submitter_hears_when_received_and_returned_in_their_language(
    make_petition, users, django_capture_on_commit_callbacks
):
    petition = make_petition()
    users["leader_a"].language = "en"
    users["leader_a"].save()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(petition=petition, to_status="received", actor=users["staff"])
        services.transition(petition=petition, to_status="returned", actor=users["staff"], note="Ghi rõ thôn")
    assert [m.subject for m in mail.outbox] == [
        f"Petition {petition.code}: Received",
        f"Petition {petition.code}: Returned for more information",
    ]


def test_submitter_hears_in_vietnamese_by_default(make_petition, users, django_capture_on_commit_callbacks):
    petition = make_petition()
    with django_capture_on_commit_callbacks(execute=True):
        services.transition(petition=petition, to_status="received", actor=users["staff"])
    assert [m.subject for m in mail.outbox] == [f"Kiến nghị {petition.code}: Đã tiếp nhận"]


def test_demo_seed_mails_nobody(db, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("seed_demo")
    assert Petition.objects.filter(status="answered").exists()
    # (The petition pages' cache versions still move after commit: that is no message.)
    queued = [
        c
        for c in callbacks
        if getattr(c, "__module__", "").startswith("petitions") and c.__module__ != "petitions.pagecache"
    ]
    assert (mail.outbox, queued) == ([], [])
