import base64
import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage


@shared_task(
    autoretry_for=(smtplib.SMTPException, ConnectionError, TimeoutError),
    retry_backoff=30,
    retry_backoff_max=30 * 60,
    max_retries=8,
)
def deliver_mail(subject: str, body: str, to: list[str], attachments: list[tuple[str, str, str]]) -> int:
    """Send one rendered mail; SMTP trouble is retried with back-off."""
    message = EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=to)
    for name, content, mimetype in attachments:
        message.attach(name, base64.b64decode(content), mimetype)
    return message.send()
