"""Writes for reports: asking for an export, building its file (idempotently), and sending a summary."""

import hashlib
import logging
import os
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F, Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogue_portal import policy
from dialogue_portal.audit.services import record_event
from dialogue_portal.background import enqueue
from dialogue_portal.mail import send_portal_mail
from dialogues.models import DialogueSession, SessionStatus

from .exporters import EXPORTERS, get_exporter
from .models import ExportJob, JobStatus, ReportSettings, Transmittal
from .scope import covers, scope_of, viewer_of

logger = logging.getLogger(__name__)

EXPORT_DIR = "exports"
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}


def request_export(*, user, kind: str, file_format: str, parameters: dict, language: str = "vi") -> ExportJob:
    """Record an export job for ``user`` and queue it.

    Side effects: an ExportJob row (status queued) carrying the user's visibility; an audit event; the
    Celery task is enqueued when the transaction commits.
    """
    exporter = EXPORTERS.get(kind)
    if exporter is None or file_format not in exporter.formats:
        raise ValidationError(_("This report cannot be built in that format."), code="bad_format")
    if not exporter.allowed_for(user):
        raise PermissionDenied(_("You may not ask for this report."))
    job = ExportJob.objects.create(
        kind=kind,
        file_format=file_format,
        parameters={**parameters, "language": language},
        scope=scope_of(user),
        requested_by=user,
    )
    record_event(
        action="report.export_requested",
        actor=user,
        target=job,
        details={"kind": kind, "format": file_format, "parameters": parameters},
    )
    enqueue("reports.tasks.run_export_job", job.pk)
    return job


def job_directory(job_id: int) -> Path:
    return Path(settings.MEDIA_ROOT) / EXPORT_DIR / str(job_id)


def run_export(*, job_id: int) -> ExportJob:
    """Build the job's file; safe to run again (a retry or a redelivery after a crash).

    The file is written under a temporary name and moved into place atomically at
    ``exports/<job id>/<name>``; anything else in that folder (an earlier attempt's leftovers) is removed,
    so a job has exactly one file. Side effects: status running → done, progress, checksum, times.
    A job already done is left alone.
    """
    with transaction.atomic():
        job = ExportJob.objects.select_for_update().get(pk=job_id)
        if job.status == JobStatus.DONE:
            return job
        job.status, job.started_at, job.error, job.progress = JobStatus.RUNNING, timezone.now(), "", 0
        job.attempts = F("attempts") + 1
        job.save(update_fields=["status", "started_at", "error", "progress", "attempts"])
    job.refresh_from_db()
    exporter = get_exporter(job.kind)(parameters=job.parameters, scope=job.scope)
    folder = job_directory(job.pk)
    folder.mkdir(parents=True, exist_ok=True)
    with translation.override(job.parameters.get("language", "vi")):
        name = exporter.filename(job.file_format)
        temporary = folder / f".{uuid.uuid4().hex}.part"
        try:
            rows = exporter.write(job.file_format, str(temporary), _progress_updater(job.pk))
            os.replace(temporary, folder / name)
        finally:
            temporary.unlink(missing_ok=True)
    for leftover in folder.iterdir():
        if leftover.name != name:
            leftover.unlink(missing_ok=True)
    ExportJob.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        progress=100,
        rows=rows,
        file=f"{EXPORT_DIR}/{job.pk}/{name}",
        checksum=_sha256(folder / name),
        finished_at=timezone.now(),
    )
    job.refresh_from_db()
    return job


def fail_export(*, job_id: int, error: str) -> None:
    """Mark a job failed with a message the requester can read."""
    ExportJob.objects.filter(pk=job_id).exclude(status=JobStatus.DONE).update(
        status=JobStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def _progress_updater(job_id: int):
    def update(done: int, total: int) -> None:
        percent = min(99, int(100 * done / total)) if total else 50
        ExportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(progress=percent, rows=done)

    return update


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def may_download(*, job: ExportJob, user) -> bool:
    """True when ``user`` may see every row the job's file holds.

    Their visibility must cover the requester's stored one, and — checked again through ``visible_to`` —
    no row the file was built from may lie outside what they see now.
    """
    if job.status != JobStatus.DONE or not covers(scope_of(user), job.scope):
        return False
    exporter = get_exporter(job.kind)(parameters=job.parameters, scope=job.scope)
    for rows in exporter.visibility_querysets():
        visible = rows.model.objects.visible_to(user).values("pk")
        if rows.exclude(pk__in=visible).exists():
            return False
    return True


# --- sending a summary to the committees ---------------------------------------------------------------


def next_document_number(*, year: int) -> int:
    """The next report number this year (call inside a transaction: it locks the settings row)."""
    ReportSettings.objects.select_for_update().filter(pk=ReportSettings.load().pk).first()
    last = Transmittal.objects.filter(year=year).aggregate(last=Max("number"))["last"] or 0
    return last + 1


def send_summary(*, session: DialogueSession, actor, note: str = "") -> Transmittal:
    """Number, build and send the session summary to the committees, and record it.

    Side effects: the session moves to "summary sent" (dialogues.services.transition, which logs it);
    a Transmittal row with the next number of the year, the recipients, the exact .docx sent and its
    SHA-256; an audit event; one mail with the file attached, sent after commit through Celery.
    """
    if not policy.may_send_summary(actor):
        raise PermissionDenied(_("Only province staff send summaries."))
    if session.status != SessionStatus.HELD:
        raise ValidationError(_("Only a session that has been held can have its summary sent."), code="not_held")
    report_settings = ReportSettings.load()
    emails = report_settings.email_list
    if not emails:
        raise ValidationError(
            _("Enter the committees' e-mail addresses in the report settings first."), code="no_emails"
        )
    from dialogues.services import mark_summary_sent

    from .documents import render_docx
    from .documents.summary import session_summary

    today = timezone.localdate()
    with transaction.atomic():
        number = next_document_number(year=today.year)
        session = mark_summary_sent(session=session, actor=actor, note=note)
        document = session_summary(session=session, viewer=viewer_of(scope_of(actor)), number=number, date=today)
        folder = Path(settings.MEDIA_ROOT) / "transmittals" / str(today.year)
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / f".{uuid.uuid4().hex}.part"
        try:
            render_docx.render(document, str(temporary))
            content = temporary.read_bytes()
        finally:
            temporary.unlink(missing_ok=True)
        symbol = f"BC-{report_settings.issuer_code}"
        transmittal = Transmittal(
            session=session,
            year=today.year,
            number=number,
            document_number=f"{number:02d}/{symbol}",
            document_date=today,
            recipients="\n".join(report_settings.copies_to),
            emails="\n".join(emails),
            checksum=hashlib.sha256(content).hexdigest(),
            sent_by=actor,
        )
        filename = f"{number:02d}-{symbol}-{today:%Y%m%d}.docx"
        transmittal.file.save(f"transmittals/{today.year}/{filename}", ContentFile(content), save=False)
        transmittal.save()
        record_event(
            action="report.summary_sent",
            actor=actor,
            target=transmittal,
            details={"session": session.pk, "number": transmittal.document_number, "sha256": transmittal.checksum},
        )
        send_portal_mail(
            to=emails,
            template="reports/mail/summary",
            context={
                "session_title": session.title,
                "document_number": transmittal.document_number,
                "document_date": today.strftime("%d/%m/%Y"),
                "issuing_body": report_settings.issuing_body,
            },
            attachments=[(filename, content, CONTENT_TYPES["docx"])],
        )
    return transmittal
