"""Celery tasks for sessions: thin, primitive ids in, a service call out."""

import logging

from celery import shared_task

from .models import DialogueSession

logger = logging.getLogger(__name__)


@shared_task
def notify_departments(session_id: int, notice: str) -> int:
    """Mail the session's invited departments (invitation, postponed, cancelled)."""
    from .services import notify_invited

    session = DialogueSession.objects.select_related("host_unit").filter(pk=session_id).first()
    if session is None:
        logger.warning("Session %s vanished before its %s notice was sent", session_id, notice)
        return 0
    return notify_invited(session=session, notice=notice)


@shared_task
def send_session_reminders() -> int:
    """Daily (Celery beat): remind departments of sessions starting within SESSION_REMINDER_DAYS."""
    from .services import send_due_reminders

    return send_due_reminders()
