"""Thin Celery tasks: ids in, load, call the notification or reminder service."""

from celery import shared_task

from . import notifications
from .models import Answer, Assignment, PetitionStatusChange


@shared_task
def notify_status_change(change_id: int) -> int:
    change = PetitionStatusChange.objects.select_related("petition__submitted_by").filter(pk=change_id).first()
    return notifications.notify_status_change(change) if change else 0


@shared_task
def notify_assignment(assignment_id: int) -> int:
    assignment = Assignment.objects.select_related("petition", "department").filter(pk=assignment_id).first()
    return notifications.notify_assignment(assignment) if assignment else 0


@shared_task
def notify_answer(answer_id: int) -> int:
    answer = (
        Answer.objects.select_related("assignment__petition", "assignment__department").filter(pk=answer_id).first()
    )
    return notifications.notify_answer(answer) if answer else 0


@shared_task
def notify_answer_corrected(answer_id: int) -> int:
    answer = (
        Answer.objects.select_related("assignment__petition__submitted_by", "assignment__department")
        .filter(pk=answer_id)
        .first()
    )
    return notifications.notify_answer_corrected(answer) if answer else 0


@shared_task
def send_overdue_reminders() -> int:
    """Daily, from Celery beat (settings.CELERY_BEAT_SCHEDULE)."""
    from .services import remind_overdue

    return remind_overdue()
