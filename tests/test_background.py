"""Services enqueue tasks by name (dialogue_portal.background), so they never import a tasks module."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from dialogue_portal.background import enqueue

ROOT = Path(__file__).resolve().parent.parent


def test_a_misspelt_task_name_fails_where_it_is_enqueued(db):
    with pytest.raises(KeyError):
        enqueue("dialogue_portal.tasks.deliver_mails", "subject", "body", ["a@example.org"], [])


def test_a_web_process_finds_tasks_by_name_without_having_imported_them():
    # A fresh process, as a web worker starts: no tasks module is imported until a task is asked for.
    script = (
        "import sys, django; django.setup()\n"
        "assert 'petitions.tasks' not in sys.modules\n"
        "from dialogue_portal.background import task\n"
        "print(task('petitions.tasks.notify_answer').name)\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "dialogue_portal.settings"}

    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["petitions.tasks.notify_answer"]
