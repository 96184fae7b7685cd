"""How services start background work: a Celery task named by its dotted name, once the transaction commits.

Services never import a tasks module: tasks import services, and the import-linter contract in
pyproject.toml keeps it one way. A service calls ``enqueue("petitions.tasks.notify_answer", answer.pk)``
instead. With REDIS_URL the task goes to the broker; without it (``CELERY_TASK_ALWAYS_EAGER``, see
settings) ``delay`` runs it in-process when the transaction commits, as a direct call did.
"""

from django.db import transaction

from dialogue_portal.celery import app


def task(name: str):
    """The registered task called ``name``; a misspelt name raises KeyError."""
    if name not in app.tasks:
        # A web process never imports the tasks modules; this runs the app's autodiscovery once.
        app.loader.import_default_modules()
    return app.tasks[name]


def enqueue(name: str, *args) -> None:
    """Queue task ``name`` with ``args`` when the current transaction commits (nothing on rollback)."""
    task(name)  # an unknown name fails here, in the caller, not later in an on-commit callback
    transaction.on_commit(lambda: task(name).delay(*args))
