"""A real Celery worker process against Redis: the task goes out and its result comes back."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def worker():
    env = {**os.environ, "REDIS_URL": settings.REDIS_URL, "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings"}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "dialogue_portal",
            "worker",
            "--pool=solo",
            "--concurrency=1",
            "--loglevel=WARNING",
            "-Q",
            "celery",
            "-n",
            f"test-{os.getpid()}@%h",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    yield proc
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()


@pytest.mark.redis
def test_worker_runs_task_sent_through_redis(worker):
    from dialogue_portal.accounts.tasks import ping
    from dialogue_portal.celery import app

    app.conf.task_always_eager = False
    started = time.monotonic()
    result = ping.delay("xin chào")
    assert result.get(timeout=60) == "xin chào"
    assert worker.poll() is None, "the worker process should still be running"
    print(f"round trip through Redis and a worker: {time.monotonic() - started:.2f}s")
