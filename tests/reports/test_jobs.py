import pytest
from django.urls import reverse

from reports import services
from reports.models import ExportJob, JobStatus

from .conftest import make_petition


@pytest.fixture
def petitions(units, topics):
    return [
        make_petition(unit=units["a1"], title="Vay vốn khởi nghiệp", topics=[topics[0]]),
        make_petition(unit=units["b1"], title="Đào tạo nghề", topics=[topics[0]]),
    ]


def test_export_page_builds_file_in_process_and_offers_download(
    client_for, petitions, django_capture_on_commit_callbacks
):
    client = client_for("staff")

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("reports:export", args=["petitions"]), {"format": "xlsx"})

    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert job.status == JobStatus.DONE
    assert job.rows == 2
    page = client.get(job.get_absolute_url())
    assert reverse("reports:download", args=[job.pk]) in page.content.decode()
    download = client.get(reverse("reports:download", args=[job.pk]))
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")


def test_job_page_refreshes_without_js_until_done(client_for, users, petitions):
    job = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})

    page = client_for("staff").get(job.get_absolute_url()).content.decode()
    status = client_for("staff").get(reverse("reports:job_status", args=[job.pk])).json()

    assert '<meta http-equiv="refresh"' in page
    assert status["status"] == "queued"
    assert status["finished"] is False


def test_retried_job_yields_exactly_one_file(users, petitions, monkeypatch):
    job = services.request_export(user=users["staff"], kind="petitions", file_format="xlsx", parameters={})
    from reports.exporters.data import PetitionListExporter

    original = PetitionListExporter.write_xlsx
    calls = {"n": 0}

    def flaky(self, path, progress):
        calls["n"] += 1
        if calls["n"] == 1:
            with open(path, "wb") as fh:  # half a file, then the worker dies
                fh.write(b"partial")
            raise ConnectionError("database went away")
        return original(self, path, progress)

    monkeypatch.setattr(PetitionListExporter, "write_xlsx", flaky)
    with pytest.raises(ConnectionError):
        services.run_export(job_id=job.pk)

    services.run_export(job_id=job.pk)
    services.run_export(job_id=job.pk)  # a redelivered message after success changes nothing

    job.refresh_from_db()
    files = list(services.job_directory(job.pk).iterdir())
    assert job.status == JobStatus.DONE
    assert job.attempts == 2
    assert [f.name for f in files] == [job.filename]


def test_task_retries_transient_error_then_finishes(users, petitions, monkeypatch, django_capture_on_commit_callbacks):
    from reports.exporters.data import PetitionListExporter

    original = PetitionListExporter.write_csv
    calls = {"n": 0}

    def flaky(self, path, progress):
        calls["n"] += 1
        if calls["n"] == 1:
            raise TimeoutError("disk busy")
        return original(self, path, progress)

    monkeypatch.setattr(PetitionListExporter, "write_csv", flaky)
    with django_capture_on_commit_callbacks(execute=True):
        job = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})

    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert len(list(services.job_directory(job.pk).iterdir())) == 1


def test_user_who_cannot_see_a_row_cannot_download_the_file(client_for, users, units, petitions):
    job = services.request_export(user=users["leader_a"], kind="petitions", file_format="csv", parameters={})
    services.run_export(job_id=job.pk)
    assert client_for("leader_a").get(reverse("reports:download", args=[job.pk])).status_code == 200

    # The leader is moved down to a commune: the file still holds a row of the district.
    make_petition(unit=units["a"], title="Ở cấp huyện")
    leader = users["leader_a"]
    leader.unit = units["a1x"]
    leader.save()
    job2 = services.request_export(user=users["staff"], kind="petitions", file_format="csv", parameters={})
    services.run_export(job_id=job2.pk)

    assert client_for("leader_a").get(reverse("reports:download", args=[job.pk])).status_code == 404
    assert services.may_download(job=job2, user=users["leader_b"]) is False
    assert client_for("leader_b").get(reverse("reports:download", args=[job2.pk])).status_code == 404
    assert client_for("staff").get(reverse("reports:download", args=[job.pk])).status_code == 200


def test_download_rechecks_rows_with_visible_to(users, units, petitions):
    job = services.request_export(user=users["leader_a"], kind="petitions", file_format="csv", parameters={})
    job = services.run_export(job_id=job.pk)

    assert services.may_download(job=job, user=users["leader_a"]) is True
    assert services.may_download(job=job, user=users["staff"]) is True
    assert services.may_download(job=job, user=users["rep_x"]) is False
    assert services.may_download(job=job, user=users["leader_b"]) is False


def test_department_rep_cannot_ask_for_a_session_summary(client_for, session_held):
    response = client_for("rep_x").get(reverse("reports:export", args=["session_summary"]))
    assert response.status_code == 404


def test_bad_format_is_a_clear_message_not_an_error(client_for, petitions):
    response = client_for("staff").post(reverse("reports:export", args=["petitions"]), {"format": "exe"}, follow=True)
    assert response.status_code == 200
    assert "Không thể tạo báo cáo này theo định dạng đã chọn." in response.content.decode()
    assert ExportJob.objects.count() == 0
