"""Writes to the audit log. Every app records through `record_event`."""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.http import HttpRequest

from .masking import mask_data, mask_phone
from .models import AuditEvent
from .net import client_ip

logger = logging.getLogger("dialogue_portal.audit")

# The request being served, so services called from a view record the address without every
# view passing it down. Unset in Celery tasks and commands: those events carry no address.
_current_request: ContextVar[HttpRequest | None] = ContextVar("audit_current_request", default=None)


@contextmanager
def serving(request: HttpRequest):
    """Within this block, events recorded without a request use ``request`` (set by AuditMiddleware)."""
    token = _current_request.set(request)
    try:
        yield
    finally:
        _current_request.reset(token)


def record_event(
    *,
    action: str,
    actor=None,
    request: HttpRequest | None = None,
    target: models.Model | None = None,
    details: dict | None = None,
) -> AuditEvent:
    """Add one event to the audit log and return it.

    ``actor`` defaults to the request's logged-in user; the IP address comes from the request, or
    from the request being served (see ``serving``) when a service records without one.
    Phone numbers in ``details`` and in the target's text are masked before saving.
    Side effects: one AuditEvent row; one line on the ``dialogue_portal.audit`` logger.
    """
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=False) if target is not None else None
    return save_event(
        action=action,
        actor=actor,
        request=request,
        target_content_type_id=content_type.pk if content_type else None,
        target_id="" if target is None else str(target.pk),
        target_repr="" if target is None else str(target),
        details=details,
    )


def save_event(
    *,
    action: str,
    actor,
    request,
    target_content_type_id: int | None = None,
    target_id: str = "",
    target_repr: str = "",
    details=None,
) -> AuditEvent:
    """`record_event` for a target known only by its type, id and text (e.g. an admin LogEntry)."""
    if request is None:
        request = _current_request.get()
    if actor is None and request is not None:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            actor = user
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    event = AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_username=actor.get_username() if actor is not None else "",
        ip_address=client_ip(request),
        target_content_type_id=target_content_type_id,
        target_id=target_id[:64],
        target_repr=mask_phone(target_repr)[:200],
        details=mask_data(details or {}),
    )
    logger.info(
        "audit %s by %s from %s on %s", action, event.actor_username or "-", event.ip_address, event.target_repr
    )
    return event


def purge_events(*, older_than) -> int:
    """Delete the audit events recorded before ``older_than`` (a datetime). Returns how many went."""
    deleted, _ = AuditEvent.objects.filter(at__lt=older_than).delete()
    return deleted
