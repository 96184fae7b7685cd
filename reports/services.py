"""Writes for reports: asking for an export, building its file (idempotently), and sending a summary."""

import datetime
import hashlib
import json
import logging
import os
import time
import uuid
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, OperationalError, connection, transaction
from django.db.models import F, Max, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from dialogue_portal import policy
from dialogue_portal.audit.services import record_event
from dialogue_portal.background import enqueue
from dialogue_portal.datastamp import stats_version
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


ACTIVE = (JobStatus.QUEUED, JobStatus.RUNNING)


def request_export(*, user, kind: str, file_format: str, parameters: dict, language: str = "vi") -> ExportJob:
    """The export job for this request: an existing one when it is the same request, else a new one, queued.

    The same request — kind, format, parameters, language and the same requester with the same scope —
    returns the job still queued or running, or the one done since the data last changed (and today: a
    file states its date). Side effects of a new job: an ExportJob row (status queued) carrying the user's
    visibility and a human title; an audit event; the Celery task enqueued when the transaction commits.
    """
    exporter = EXPORTERS.get(kind)
    if exporter is None or file_format not in exporter.formats:
        raise ValidationError(_("This report cannot be built in that format."), code="bad_format")
    if not exporter.allowed_for(user):
        raise PermissionDenied(_("You may not ask for this report."))
    asked, parameters = parameters, {**parameters, "language": language}
    scope = scope_of(user)
    fingerprint = _fingerprint(user=user, kind=kind, file_format=file_format, parameters=parameters, scope=scope)
    existing = reusable_job(fingerprint)
    if existing is not None:
        existing.reused = True
        return existing
    with translation.override(language):
        title = exporter(parameters=parameters, scope=scope).job_title(file_format)
    try:
        with transaction.atomic():
            job = ExportJob.objects.create(
                kind=kind,
                title=title[:300],
                file_format=file_format,
                parameters=parameters,
                scope=scope,
                requested_by=user,
                fingerprint=fingerprint,
            )
    except IntegrityError:
        # The same request was recorded a moment ago by a concurrent click.
        existing = ExportJob.objects.filter(fingerprint=fingerprint, status__in=ACTIVE).first()
        if existing is None:
            raise
        existing.reused = True
        return existing
    record_event(
        action="report.export_requested",
        actor=user,
        target=job,
        details={"kind": kind, "format": file_format, "parameters": asked},
    )
    enqueue("reports.tasks.run_export_job", job.pk)
    return job


def reusable_job(fingerprint: str) -> ExportJob | None:
    """A job for the same request still queued or running, or done today on the data as it is now."""
    today = timezone.make_aware(datetime.datetime.combine(timezone.localdate(), datetime.time()))
    fresh = Q(status=JobStatus.DONE, data_version=stats_version(), finished_at__gte=today)
    return (
        ExportJob.objects.filter(fingerprint=fingerprint)
        .filter(Q(status__in=ACTIVE) | fresh)
        .order_by("-created_at", "-pk")
        .first()
    )


def _fingerprint(*, user, kind, file_format, parameters, scope) -> str:
    request = {"user": user.pk, "kind": kind, "format": file_format, "parameters": parameters, "scope": scope}
    return hashlib.sha256(json.dumps(request, sort_keys=True, default=str).encode()).hexdigest()


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
        # Read before the build: a change made while it runs moves the stamp, and the file is not reused.
        job.data_version = stats_version()
        job.save(update_fields=["status", "started_at", "error", "progress", "attempts", "data_version"])
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
    """Number, build and send the session summary to the committees, and record it — once.

    Side effects: the session moves to "summary sent" (dialogues.services.transition, which logs it);
    a Transmittal row with the next number of the year, the recipients, the exact .docx sent and its
    SHA-256; an audit event; one mail with the file attached, sent after commit through Celery.

    Two senders at once: the session row is locked first, so the second waits and is told the summary
    was sent (a ValidationError). SQLite has no row locks: a writer that finds the database locked rolls
    back and tries again, then sees the summary sent; it never surfaces "database is locked".
    """
    if not policy.may_send_summary(actor):
        raise PermissionDenied(_("Only province staff send summaries."))
    _check_sendable(session)
    report_settings = ReportSettings.load()
    emails = report_settings.email_list
    if not emails:
        raise ValidationError(
            _("Enter the committees' e-mail addresses in the report settings first."), code="no_emails"
        )
    for attempt in range(1, LOCK_ATTEMPTS + 1):
        try:
            return _send_summary(session=session, actor=actor, note=note, report_settings=report_settings)
        except OperationalError as error:
            if not _is_lock_error(error) or transaction.get_connection().in_atomic_block:
                raise
            logger.info("send summary for session %s: database locked (attempt %s)", session.pk, attempt)
            time.sleep(LOCK_BACKOFF * attempt)
    raise ValidationError(_("The summary is being sent by someone else; look again in a moment."), code="busy")


LOCK_ATTEMPTS = 5
LOCK_BACKOFF = 0.2  # seconds, times the attempt number


def _is_lock_error(error: OperationalError) -> bool:
    return "locked" in str(error).lower()


def _check_sendable(session: DialogueSession) -> None:
    if session.status == SessionStatus.SUMMARY_SENT:
        raise ValidationError(_("The summary of this session has already been sent."), code="already_sent")
    if session.status != SessionStatus.HELD:
        raise ValidationError(_("Only a session that has been held can have its summary sent."), code="not_held")


def _lock_session(pk: int) -> DialogueSession:
    """The session row, locked for this transaction (on SQLite: the database's write lock, taken now)."""
    if connection.vendor == "sqlite":
        DialogueSession.objects.filter(pk=pk).update(status=F("status"))
    return DialogueSession.objects.select_for_update().get(pk=pk)


def _send_summary(*, session, actor, note, report_settings) -> Transmittal:
    from dialogues.services import mark_summary_sent

    from .documents import render_docx
    from .documents.summary import session_summary

    emails = report_settings.email_list
    today = timezone.localdate()
    with transaction.atomic():
        _check_sendable(_lock_session(session.pk))
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
