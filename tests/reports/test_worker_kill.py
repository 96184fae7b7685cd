"""Issue 6: a worker killed mid-export (SIGKILL) loses nothing — a new worker finishes the job exactly once."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import timezone

from petitions.models import Petition
from reports import services
from reports.models import ExportJob, JobStatus

ROOT = Path(__file__).resolve().parents[2]
ROWS = 20_000


def _start_worker(name: str) -> subprocess.Popen:
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "REDIS_URL": settings.REDIS_URL,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # Redeliver an unacknowledged task after 5 s instead of hours, so the test sees it.
        "CELERY_VISIBILITY_TIMEOUT": "5",
        "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings",
    }
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dialogue_portal",
            "worker",
            "--pool=solo",
            "--loglevel=WARNING",
            "-n",
            f"{name}-{os.getpid()}@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def _wait(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.mark.redis
@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_killed_worker_job_finishes_exactly_once(users, units):
    from dialogue_portal.celery import app

    now = timezone.now()
    Petition.objects.bulk_create(
        Petition(
            code=f"KN-{now.year}-{n:06d}",
            year=now.year,
            number=n,
            title=f"Kiến nghị số {n}",
            content="Đề nghị hỗ trợ vay vốn khởi nghiệp",
            unit=units["a1"],
            status="submitted",
            submitted_at=now,
        )
        for n in range(1, ROWS + 1)
    )
    app.conf.task_always_eager = False
    app.control.purge()
    first = _start_worker("first")
    second = None
    try:
        job = services.request_export(user=users["staff"], kind="petitions", file_format="xlsx", parameters={})
        _wait(
            lambda: ExportJob.objects.filter(pk=job.pk, status=JobStatus.RUNNING, rows__gt=0).exists(),
            120,
            "a running job",
        )
        os.kill(first.pid, signal.SIGKILL)
        first.wait(timeout=10)
        assert ExportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING  # killed mid-run

        second = _start_worker("second")
        _wait(lambda: ExportJob.objects.filter(pk=job.pk, status=JobStatus.DONE).exists(), 240, "the job to finish")
        time.sleep(6)  # past the visibility timeout: no second redelivery may run it again

        job.refresh_from_db()
        files = sorted(p.name for p in services.job_directory(job.pk).iterdir())
        assert job.status == JobStatus.DONE
        assert job.rows == ROWS
        assert job.attempts == 2
        assert files == [job.filename]
    finally:
        for proc in (first, second):
            if proc and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    proc.kill()
