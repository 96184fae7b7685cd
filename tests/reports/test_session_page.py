"""The session page's summary area: generate the summary, send it to the committees, see what was sent."""

from django.core.management import call_command
from django.urls import reverse

from dialogues.models import SessionStatus
from reports.demo import DEMO_EMAILS
from reports.models import ExportJob, ReportSettings, Transmittal


def test_session_page_offers_summary_and_sending_to_staff_once_held(client_for, session_held, report_settings):
    page = client_for("staff").get(reverse("dialogues:detail", args=[session_held.pk])).content.decode()

    assert 'id="summary"' in page
    assert reverse("reports:export", args=["session_summary"]) in page
    assert reverse("reports:send_summary", args=[session_held.pk]) in page
    assert "Ghi nhận đã gửi báo cáo tổng hợp" not in page


def test_session_page_hides_summary_from_branch_leader(client_for, session_held, report_settings):
    page = client_for("leader_a").get(reverse("dialogues:detail", args=[session_held.pk])).content.decode()

    assert 'id="summary"' not in page
    assert reverse("reports:send_summary", args=[session_held.pk]) not in page


def test_session_page_hides_summary_before_the_session_is_held(client_for, session_held, report_settings):
    session_held.status = SessionStatus.INVITATIONS_SENT
    session_held.save(update_fields=["status"])

    page = client_for("staff").get(reverse("dialogues:detail", args=[session_held.pk])).content.decode()

    assert 'id="summary"' not in page


def test_session_page_says_addresses_are_missing_instead_of_offering_to_send(client_for, session_held):
    ReportSettings.objects.update_or_create(pk=1, defaults={"recipient_emails": ""})

    page = client_for("staff").get(reverse("dialogues:detail", args=[session_held.pk])).content.decode()

    assert reverse("reports:send_summary", args=[session_held.pk]) not in page
    assert "chưa được nhập" in page


def test_summary_generated_from_session_page_builds_the_job(
    client_for, session_held, report_settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for("staff").post(
            reverse("reports:export", args=["session_summary"]), {"session": session_held.pk, "format": "docx"}
        )

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert job.parameters["session"] == session_held.pk
    assert (job.file_format, job.status) == ("docx", "done")


def test_sent_summary_is_listed_on_session_page(client_for, session_held, report_settings):
    client = client_for("staff")
    response = client.post(reverse("reports:send_summary", args=[session_held.pk]))

    page = client.get(response.url).content.decode()
    transmittal = Transmittal.objects.get()
    assert response.url == reverse("dialogues:detail", args=[session_held.pk]) + "#summary"
    assert transmittal.filename in page
    assert "Đã gửi báo cáo tổng hợp" in page


def test_demo_seeds_report_settings_with_addresses(db):
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert ReportSettings.objects.get().recipient_emails == DEMO_EMAILS
