"""Report pages: ask for a report, follow its progress, download it; the dashboard; transmittals."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from dialogue_portal import policy
from dialogue_portal.audit.services import record_event
from dialogues.models import DialogueSession, SessionStatus

from . import charts, issuing, selectors, services
from .exporters import EXPORTERS
from .forms import DashboardForm
from .models import ExportJob, IssuedDocument, ReportSettings


def _exporters_for(user):
    return [cls for cls in EXPORTERS.values() if cls.allowed_for(user)]


def _make_form(exporter, data, user):
    return exporter.make_form(data or None, user)


def _parameters(form) -> dict:
    """The form's cleaned data as JSON: model instances by id, dates as ISO text, empty values left out."""
    result = {}
    for name, value in form.cleaned_data.items():
        if value is None or value == "":
            continue
        if hasattr(value, "pk"):
            value = value.pk
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        result[name] = value
    return result


@login_required
def index(request):
    """The reports a user may ask for, and their latest jobs."""
    exporters = _exporters_for(request.user)
    if not exporters:
        raise Http404
    return render(
        request,
        "reports/index.html",
        {"exporters": exporters, "jobs": selectors.jobs_for(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def export(request, kind):
    """GET: the report's parameters (pre-filled from the query string, e.g. the petition list's filters).
    POST: record the job and go to its progress page."""
    exporter = EXPORTERS.get(kind)
    if exporter is None or not exporter.allowed_for(request.user):
        raise Http404
    if request.method == "POST":
        form = _make_form(exporter, request.POST, request.user)
        file_format = request.POST.get("format", "")
        if form is None or form.is_valid():
            parameters = _parameters(form) if form is not None else {}
            try:
                job = services.request_export(
                    user=request.user,
                    kind=kind,
                    file_format=file_format,
                    parameters=parameters,
                    language=translation.get_language() or "vi",
                )
            except ValidationError as error:
                messages.error(request, error.messages[0])
            else:
                if getattr(job, "reused", False):
                    messages.info(request, _("You asked for this report already; here it is."))
                else:
                    messages.success(request, _("Your report has been queued."))
                return redirect(job)
    else:
        form = _make_form(exporter, request.GET, request.user)
        if form is not None and not request.GET:
            form = _make_form(exporter, None, request.user)
    return render(request, "reports/export.html", {"exporter": exporter, "form": form, "kind": kind})


def _job_for(request, pk):
    return get_object_or_404(ExportJob.objects.visible_to(request.user), pk=pk)


@login_required
def job(request, pk):
    """A job's progress; refreshes itself (JS poller, or a meta refresh without JS) until it is done."""
    export_job = _job_for(request, pk)
    return render(
        request,
        "reports/job.html",
        {
            "job": export_job,
            "exporter": EXPORTERS.get(export_job.kind),
            "may_download": services.may_download(job=export_job, user=request.user),
        },
    )


@login_required
def job_status(request, pk):
    export_job = _job_for(request, pk)
    return JsonResponse(
        {
            "status": export_job.status,
            "status_label": export_job.get_status_display(),
            "progress": export_job.progress,
            "rows": export_job.rows,
            "finished": export_job.is_finished,
        }
    )


@login_required
def download(request, pk):
    """The job's file, only to a user who may see every row in it (404 otherwise)."""
    export_job = _job_for(request, pk)
    if not services.may_download(job=export_job, user=request.user):
        raise Http404
    record_event(
        action="report.downloaded", request=request, target=export_job, details={"sha256": export_job.checksum}
    )
    return FileResponse(
        export_job.file.open("rb"),
        as_attachment=True,
        filename=export_job.filename,
        content_type=services.CONTENT_TYPES.get(export_job.file_format, "application/octet-stream"),
    )


# --- dashboard ------------------------------------------------------------------------------------------


def _list_url(base: str, **params) -> str:
    return f"{base}?{urlencode({k: v for k, v in params.items() if v not in (None, '')})}"


@policy.rule_required("view_dashboard")
def dashboard(request):
    """Statistics for province staff (all) and unit leaders (their subtree); every number links to its list."""
    user = request.user
    form = DashboardForm(request.GET or None, user=user)
    year, unit, structure = timezone.localdate().year, None, "current"
    if form.is_valid():
        year = form.cleaned_data["year"] or year
        unit = form.cleaned_data["unit"]
        structure = form.cleaned_data["structure"] or structure
    # The figures' part of the page is the same for everyone who sees the same figures: rendered once under
    # their cache key (which holds the language), not per request (it runs to hundreds of rows and bars).
    key = selectors.dashboard_key(user=user, year=year, unit=unit, structure=structure) + ":html"
    figures_html = cache.get(key)
    if figures_html is None:
        figures_html = render_to_string(
            "reports/_dashboard_figures.html", _dashboard_context(user, year=year, unit=unit, structure=structure)
        )
        cache.set(key, figures_html, selectors.CACHE_SECONDS)
    context = {"form": form, "year": year, "unit": unit, "structure": structure, "figures_html": figures_html}
    return render(request, "reports/dashboard.html", context)


def _dashboard_context(user, *, year, unit, structure) -> dict:
    figures = selectors.dashboard(user=user, year=year, unit=unit, structure=structure)
    petitions = reverse("petitions:list") if _has_url("petitions:list") else "/petitions/"
    sessions = reverse("dialogues:list") if _has_url("dialogues:list") else "/sessions/"
    scope = {
        "unit": unit.pk if unit else "",
        # The petition list's own parameter names (see petitions/filters.py).
        "submitted_from": f"{year}-01-01",
        "submitted_to": f"{year}-12-31",
    }
    topics = [(name, n, _list_url(petitions, topic=pk, **scope)) for pk, name, n in figures["topics"]]
    statuses = [(label, n, _list_url(petitions, status=value, **scope)) for value, label, n in figures["statuses"]]
    departments = [
        {
            "name": name,
            "assigned": assigned,
            "answered": answered,
            "rate": rate,
            "overdue": overdue,
            "url": _list_url(petitions, department=pk, **scope),
            "overdue_url": _list_url(petitions, department=pk, overdue="true", **scope),
        }
        for pk, name, assigned, answered, rate, overdue in figures["departments"]
    ]
    months = [
        (
            f"{month:02d}",
            n,
            _list_url(
                petitions,
                unit=scope["unit"],
                submitted_from=f"{year}-{month:02d}-01",
                submitted_to=_month_end(year, month),
            ),
        )
        for month, n in figures["months"]
    ]
    per_unit = [
        # Counted per host unit (not its subtree) and held or summary sent: the list's "host" and "held".
        (name, unit_year, n, _list_url(sessions, host=unit_id, year=unit_year, held="true"))
        for unit_id, name, unit_year, n in figures["sessions_per_unit"]
    ]
    return {
        "year": year,
        "total": figures["total"],
        "total_url": _list_url(petitions, **scope),
        "topics": topics,
        "statuses": statuses,
        "departments": departments,
        "months": months,
        "per_unit": per_unit,
        "topic_chart": charts.bar_chart(topics, title=_("Petitions by topic")),
        "status_chart": charts.bar_chart(statuses, title=_("Petitions by status")),
        "department_chart": charts.bar_chart(
            [(d["name"], d["assigned"], d["url"]) for d in departments], title=_("Petitions by department")
        ),
        "month_chart": charts.column_chart(months, title=_("Petitions per month")),
        "unit_chart": charts.bar_chart(
            [(f"{name} ({unit_year})", n, url) for name, unit_year, n, url in per_unit],
            title=_("Dialogues per unit and year"),
        ),
    }


def _month_end(year: int, month: int) -> str:
    import calendar

    return f"{year}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def _has_url(name: str) -> bool:
    from django.urls import NoReverseMatch

    try:
        reverse(name)
    except NoReverseMatch:
        return False
    return True


# --- transmittals ---------------------------------------------------------------------------------------


@policy.rule_required("send_summary")
def transmittals(request):
    return render(
        request, "reports/transmittals.html", {"transmittals": selectors.transmittals_visible_to(request.user)}
    )


@login_required
def transmittal_file(request, pk):
    transmittal = get_object_or_404(selectors.transmittals_visible_to(request.user), pk=pk)
    record_event(action="report.transmittal_downloaded", request=request, target=transmittal)
    return FileResponse(
        transmittal.file.open("rb"),
        as_attachment=True,
        filename=transmittal.filename,
        content_type=services.CONTENT_TYPES["docx"],
    )


@login_required
@require_http_methods(["GET", "POST"])
def send_summary(request, session_pk):
    """Confirm, then number, build and e-mail the session summary to the committees."""
    session = get_object_or_404(DialogueSession.objects.visible_to(request.user), pk=session_pk)
    policy.require("send_summary", request.user)
    report_settings = ReportSettings.load()
    if request.method == "POST":
        try:
            transmittal = services.send_summary(session=session, actor=request.user, note=request.POST.get("note", ""))
        except (ValidationError, PermissionDenied) as error:
            messages.error(request, error.messages[0] if hasattr(error, "messages") else str(error))
        else:
            messages.success(
                request, _("Summary %(number)s sent to the committees.") % {"number": transmittal.document_number}
            )
            return redirect(reverse("dialogues:detail", args=[session.pk]) + "#summary")
    return render(
        request,
        "reports/send_summary.html",
        {
            "session": session,
            "settings": report_settings,
            "is_held": session.status == SessionStatus.HELD,
        },
    )


# --- the plan and the invitation letters ------------------------------------------------------------------

FILE_FORMATS = ("docx", "pdf")


@login_required
@require_http_methods(["POST"])
def issue_plan(request, session_pk):
    """Number, build and file the session's plan (Kế hoạch); issued again, it keeps its number."""
    session = get_object_or_404(DialogueSession.objects.visible_to(request.user), pk=session_pk)
    policy.require("manage_session", request.user, session)
    try:
        issued = issuing.issue_plan(session=session, actor=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
    else:
        messages.success(request, _("Plan %(number)s issued.") % {"number": issued.document_number})
    return redirect(reverse("dialogues:detail", args=[session.pk]) + "#plan")


@login_required
def issued_file(request, pk, file_format):
    """The exact file issued (.docx or PDF) — staff, the hosting leader, and a department its own letter."""
    if file_format not in FILE_FORMATS:
        raise Http404
    issued = get_object_or_404(IssuedDocument.objects.visible_to(request.user), pk=pk)
    record_event(action="report.issued_downloaded", request=request, target=issued, details={"format": file_format})
    field = issued.pdf if file_format == "pdf" else issued.file
    return FileResponse(
        field.open("rb"),
        as_attachment=True,
        filename=issued.filename(file_format),
        content_type=services.CONTENT_TYPES[file_format],
    )
