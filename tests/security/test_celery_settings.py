"""No lost task: a task is acknowledged only when done, and Redis never hands a running task to another worker."""

from dialogue_portal.celery import app


def test_tasks_are_acknowledged_after_they_finish():
    assert (app.conf.task_acks_late, app.conf.task_reject_on_worker_lost) == (True, True)
    assert app.conf.worker_prefetch_multiplier == 1


def test_visibility_timeout_is_longer_than_hard_time_limit():
    visibility = app.conf.broker_transport_options["visibility_timeout"]

    assert app.conf.task_soft_time_limit < app.conf.task_time_limit < visibility


def test_no_task_sets_a_longer_time_limit_than_visibility_timeout():
    app.loader.import_default_modules()
    visibility = app.conf.broker_transport_options["visibility_timeout"]

    limits = {name: task.time_limit for name, task in app.tasks.items() if getattr(task, "time_limit", None)}

    assert {name: limit for name, limit in limits.items() if limit >= visibility} == {}
