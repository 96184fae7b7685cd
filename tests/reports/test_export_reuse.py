"""The same export asked for again is the same job; jobs carry human titles; rows mean the same in every format."""

import pytest
from django.urls import reverse

from reports import services
from reports.models import ExportJob, JobStatus

from .conftest import make_petition


@pytest.fixture
def petitions(units, topics):
    return [
        make_petition(unit=units["a1"], title="Vay vốn khởi nghiệp", topics=[topics[0]]),
        make_petition(unit=units["b1"], title="Đào tạo nghề", topics=[topics[1]]),
    ]


def test_four_posts_of_the_same_export_make_one_job(client_for, topics, petitions):
    client = client_for("staff")
    url = reverse("reports:export", args=["petitions"])

    # Queued (no worker yet): every click lands on the same job.
    responses = [client.post(url, {"format": "xlsx", "topic": topics[0].pk}) for _ in range(4)]

    job = ExportJob.objects.get()
    assert {response.status_code for response in responses} == {302}
    assert {response["Location"] for response in responses} == {job.get_absolute_url()}
    assert job.title == "Danh sách ý kiến, kiến nghị (.xlsx)"


def test_a_done_job_is_reused_until_the_data_changes(users, units, petitions):
    first = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})
    services.run_export(job_id=first.pk)

    again = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})
    make_petition(unit=units["a1"], title="Nước sạch")
    fresh = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})

    assert again.pk == first.pk
    assert fresh.pk != first.pk
    assert fresh.status == JobStatus.QUEUED


def test_other_parameters_format_or_requester_make_another_job(users, topics, petitions):
    asked = [
        ("staff", "xlsx", {}),
        ("staff", "csv", {}),
        ("staff", "xlsx", {"topic": topics[0].pk}),
        ("leader_a", "xlsx", {}),
        ("leader_b", "xlsx", {}),
    ]
    jobs = {
        services.request_export(user=users[who], kind="petitions", file_format=fmt, parameters=params).pk
        for who, fmt, params in asked
    }
    assert len(jobs) == 5


def test_a_failed_job_is_not_reused(users, petitions):
    job = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})
    services.fail_export(job_id=job.pk, error="disk full")

    again = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})

    assert again.pk != job.pk


def test_job_list_and_page_show_human_titles(client_for, users, session_held, report_settings):
    services.request_export(
        user=users["staff"], kind="session_summary", file_format="docx", parameters={"session": session_held.pk}
    )
    client = client_for("staff")

    index = client.get(reverse("reports:index")).content.decode()
    job = ExportJob.objects.get()
    page = client.get(job.get_absolute_url()).content.decode()

    title = f"Báo cáo tổng hợp — {session_held.title} (.docx)"
    assert title in index and title in page
    assert "session_summary.docx" not in index


@pytest.mark.parametrize("file_format", ["csv", "xlsx"])
def test_rows_are_the_data_rows_in_every_list_format(users, petitions, file_format):
    job = services.request_export(user=users["staff"], kind="petitions", file_format=file_format, parameters={})

    job = services.run_export(job_id=job.pk)

    assert job.rows == 2


@pytest.mark.parametrize("file_format", ["docx", "pdf", "xlsx"])
def test_a_period_report_counts_its_petitions_in_every_format(client_for, users, petitions, file_format):
    job = services.request_export(
        user=users["staff"],
        kind="period_report",
        file_format=file_format,
        parameters={"year": petitions[0].submitted_at.year},
    )

    job = services.run_export(job_id=job.pk)
    page = client_for("staff").get(job.get_absolute_url()).content.decode()

    assert job.rows == 2
    assert "Gồm 2 ý kiến, kiến nghị." in page


def test_job_page_shows_percent_and_rows_while_running(client_for, users, petitions):
    job = services.request_export(user=users["staff"], kind="petitions", file_format="xlsx", parameters={})
    ExportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=40, rows=1)
    client = client_for("staff")

    page = client.get(job.get_absolute_url()).content.decode()
    status = client.get(reverse("reports:job_status", args=[job.pk])).json()

    assert "<span data-job-percent>40</span>%" in page
    assert 'src="/static/js/export_progress.js"' in page
    assert "<script>" not in page  # no inline script: the poller is a static file
    assert status == {"status": "running", "status_label": "Đang tạo", "progress": 40, "rows": 1, "finished": False}
