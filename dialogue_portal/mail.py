"""The one way the portal sends mail: rendered in the recipient's language, sent by Celery after commit."""

import base64
from collections.abc import Iterable

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from dialogue_portal.background import enqueue


def absolute_url(path: str) -> str:
    """``path`` ("/petitions/12/") as a link a mail reader can follow: settings.SITE_URL in front."""
    return f"{settings.SITE_URL.rstrip('/')}{path}"


def send_portal_mail(
    *,
    to: Iterable[str],
    template: str,
    context: dict,
    language: str = "vi",
    attachments: Iterable[tuple[str, bytes, str]] = (),
) -> bool:
    """Render ``<template>_subject.txt`` and ``<template>_body.txt`` and queue the mail.

    Side effects: one Celery task per call, enqueued when the current transaction commits
    (so a rolled-back change sends nothing). Returns False when there is nobody to send to.
    """
    recipients = sorted({address for address in to if address})
    if not recipients:
        return False
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    encoded = [(name, base64.b64encode(content).decode(), mimetype) for name, content, mimetype in attachments]

    enqueue("dialogue_portal.tasks.deliver_mail", subject, body, recipients, encoded)
    return True
