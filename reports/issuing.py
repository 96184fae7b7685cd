"""Writes for issued documents: the plan (KH) and each department's invitation letter (GM).

Each is numbered in sequence per year and type, rendered once to .docx and PDF, and kept with the SHA-256
of both files — what was sent is what is on record. A letter re-issued because the session moved keeps its
number, gets a new date and says which letter it replaces.
"""

import hashlib
import tempfile
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from dialogue_portal import policy
from dialogue_portal.audit.services import record_event
from dialogues.letters import InvitationDocuments
from dialogues.models import DialogueSession, Invitation, SessionStatus

from .models import DocumentKind, IssuedDocument, ReportSettings

PDF = "application/pdf"
# A plan is issued once the session is past its draft, and while it has not happened yet.
PLANNABLE = (SessionStatus.PLANNED, SessionStatus.INVITATIONS_SENT, SessionStatus.POSTPONED)


def next_number(*, type_code: str, year: int) -> int:
    """The next number of ``type_code`` this year (inside a transaction: it locks the settings row)."""
    ReportSettings.objects.select_for_update().filter(pk=ReportSettings.load().pk).first()
    last = IssuedDocument.objects.filter(type_code=type_code, year=year).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


def _render(document) -> tuple[bytes, bytes]:
    from .documents import render_docx, render_pdf

    with tempfile.TemporaryDirectory() as folder:
        docx, pdf = Path(folder) / "document.docx", Path(folder) / "document.pdf"
        render_docx.render(document, str(docx))
        render_pdf.render(document, str(pdf))
        return docx.read_bytes(), pdf.read_bytes()


def _issue(*, session, kind, type_code, build, actor, invitation=None, previous=None) -> IssuedDocument:
    """Number (or keep ``previous``'s number), build, file and record one document. Call inside a transaction."""
    today = timezone.localdate()
    if previous is None:
        year, number, revision = today.year, next_number(type_code=type_code, year=today.year), 0
    else:
        year, number, revision = previous.year, previous.number, previous.revision + 1
    document = build(number=number, date=today, replaces=previous)
    docx, pdf = _render(document)
    symbol = document.letterhead.number_line.removeprefix("Số: ")
    suffix = f"-r{revision}" if revision else ""
    department = invitation.department if invitation else None
    stem = f"{number:02d}-{symbol.split('/', 1)[1]}-{today:%Y%m%d}{suffix}"
    if department is not None:
        stem += f"-{department.code}"
    issued = IssuedDocument(
        session=session,
        kind=kind,
        department=department,
        invitation=invitation,
        type_code=type_code,
        year=year,
        number=number,
        revision=revision,
        replaces=previous,
        document_number=symbol,
        document_date=today,
        starts_at=session.starts_at,
        venue=session.venue,
        checksum=hashlib.sha256(docx).hexdigest(),
        pdf_checksum=hashlib.sha256(pdf).hexdigest(),
        issued_by=actor,
    )
    issued.file.save(f"issued/{year}/{stem}.docx", ContentFile(docx), save=False)
    issued.pdf.save(f"issued/{year}/{stem}.pdf", ContentFile(pdf), save=False)
    issued.save()
    record_event(
        action=f"report.{kind}_issued",
        actor=actor,
        target=issued,
        details={"session": session.pk, "number": symbol, "revision": revision, "sha256": issued.checksum},
    )
    return issued


def latest_plan(session) -> IssuedDocument | None:
    return IssuedDocument.objects.filter(session=session, kind=DocumentKind.PLAN).order_by("-revision").first()


def issue_plan(*, session: DialogueSession, actor) -> IssuedDocument:
    """Issue the session's plan: a new number the first time; issued again, the same number, a new date.

    Side effects: an IssuedDocument row with the .docx and the PDF and their SHA-256; an audit event.
    """
    from .documents.plan import PLAN, session_plan

    if not policy.may_manage_session(actor, session):
        raise PermissionDenied(_("You may not issue documents for this session."))
    with transaction.atomic():
        session = DialogueSession.objects.select_for_update().select_related("host_unit").get(pk=session.pk)
        if session.status not in PLANNABLE:
            raise ValidationError(
                _("A plan is issued once the session is planned, and before it is held."), code="not_plannable"
            )
        return _issue(
            session=session,
            kind=DocumentKind.PLAN,
            type_code=PLAN,
            build=lambda number, date, replaces: session_plan(session=session, number=number, date=date),
            actor=actor,
            previous=latest_plan(session),
        )


def latest_letter(invitation: Invitation) -> IssuedDocument | None:
    return (
        IssuedDocument.objects.filter(
            session_id=invitation.session_id, kind=DocumentKind.INVITATION, department_id=invitation.department_id
        )
        .order_by("-revision")
        .first()
    )


def letter_for(invitation: Invitation, *, actor=None) -> IssuedDocument:
    """The department's letter for the session as it stands: the one issued, or — the first time, or when
    the session's time or venue changed since — a newly issued one (a revision keeps the number).

    Safe to call again (a retried mail task): an unchanged session gives back the same letter.
    """
    from .documents.plan import LETTER, invitation_letter

    with transaction.atomic():
        invitation = (
            Invitation.objects.select_for_update()
            .select_related("session__host_unit", "department")
            .get(pk=invitation.pk)
        )
        session = invitation.session
        previous = latest_letter(invitation)
        if previous is not None and (previous.starts_at, previous.venue) == (session.starts_at, session.venue):
            return previous
        plan = latest_plan(session)
        return _issue(
            session=session,
            kind=DocumentKind.INVITATION,
            type_code=LETTER,
            build=lambda number, date, replaces: invitation_letter(
                invitation=invitation, number=number, date=date, replaces=replaces, plan=plan
            ),
            actor=actor,
            invitation=invitation,
            previous=previous,
        )


# --- the provider registered in dialogues.letters --------------------------------------------------------


def _pdf_attachment(issued: IssuedDocument) -> tuple[str, bytes, str]:
    with issued.pdf.open("rb") as fh:
        return issued.filename("pdf"), fh.read(), PDF


def letter_attachments(invitation: Invitation, notice: str) -> list[tuple[str, bytes, str]]:
    """The invitation mail carries the department's letter (issued now if the session is new or moved);
    a reminder carries the letter already issued; other notices carry none."""
    if notice == "invitation":
        return [_pdf_attachment(letter_for(invitation))]
    if notice == "reminder":
        issued = latest_letter(invitation)
        return [_pdf_attachment(issued)] if issued else []
    return []


def letter_links(invitation: Invitation) -> list[tuple[str, str]]:
    issued = latest_letter(invitation)
    if issued is None:
        return []
    label = _("Invitation letter No. %(number)s of %(date)s") % {
        "number": issued.document_number,
        "date": issued.document_date.strftime("%d/%m/%Y"),
    }
    return [
        (f"{label} (PDF)", reverse("reports:issued_file", args=[issued.pk, "pdf"])),
        (f"{label} (.docx)", reverse("reports:issued_file", args=[issued.pk, "docx"])),
    ]


PROVIDER = InvitationDocuments(name="invitation_letter", attachments=letter_attachments, links=letter_links)
