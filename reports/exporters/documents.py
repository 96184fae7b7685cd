"""Document reports: the session summary (.docx, .pdf) and the period report (.docx, .pdf, .xlsx)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.directory.models import OrgUnit, unit_labels
from dialogues.models import DialogueSession
from reports import selectors
from reports.documents import minutes, render_docx, render_pdf, summary
from reports.filters import overdue_assignments

from .base import DocumentExporter, RowExporter

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


class SessionSummaryForm(forms.Form):
    session = forms.ModelChoiceField(label=_("Dialogue session"), queryset=DialogueSession.objects.none())

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.fields["session"].queryset = DialogueSession.objects.visible_to(user).order_by("-starts_at")


class SessionSummaryExporter(DocumentExporter):
    identifier = "session_summary"
    verbose_name = _("Session summary (báo cáo tổng hợp ý kiến, kiến nghị)")
    formats = ("docx", "pdf")
    form_class = SessionSummaryForm

    def session(self):
        return (
            DialogueSession.objects.visible_to(self.viewer)
            .select_related("host_unit")
            .get(pk=self.parameters["session"])
        )

    def visibility_querysets(self):
        sessions = DialogueSession.objects.visible_to(self.viewer).filter(pk=self.parameters["session"])
        return [sessions, selectors.summary_petitions(session=self.parameters["session"], viewer=self.viewer)]

    described_fields = ("session",)

    def describe(self):
        session = DialogueSession.objects.visible_to(self.viewer).filter(pk=self.parameters.get("session")).first()
        return str(_("Summary report — %(session)s") % {"session": session.title if session else "?"})

    def filename(self, file_format):
        return f"bao-cao-tong-hop-doi-thoai-{self.parameters['session']}-{timezone.localdate():%Y%m%d}.{file_format}"

    def write(self, file_format, path, progress):
        """Both formats render the same document model; both return the petitions it covers."""
        document = summary.session_summary(session=self.session(), viewer=self.viewer)
        if file_format == "pdf":
            return render_pdf.render(document, path)
        return render_docx.render(document, path, lambda n: progress(n, document.rows))


class SessionMinutesExporter(SessionSummaryExporter):
    identifier = "session_minutes"
    verbose_name = _("Minutes of the dialogue (biên bản hội nghị)")
    rule = "export_minutes"
    counts_petitions = False  # ``rows``: the opinions recorded

    def visibility_querysets(self):
        return [DialogueSession.objects.visible_to(self.viewer).filter(pk=self.parameters["session"])]

    def describe(self):
        session = DialogueSession.objects.visible_to(self.viewer).filter(pk=self.parameters.get("session")).first()
        return str(_("Minutes — %(session)s") % {"session": session.title if session else "?"})

    def filename(self, file_format):
        return f"bien-ban-doi-thoai-{self.parameters['session']}-{timezone.localdate():%Y%m%d}.{file_format}"

    def write(self, file_format, path, progress):
        """Both formats render the same document model; ``rows`` is the opinions it records."""
        document = minutes.session_minutes(session=self.session(), viewer=self.viewer)
        if file_format == "pdf":
            return render_pdf.render(document, path)
        return render_docx.render(document, path, lambda n: progress(n, document.rows))


class PeriodForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("The whole year")), (1, "I"), (2, "II"), (3, "III"), (4, "IV")],
    )
    unit = forms.ModelChoiceField(
        label=_("Unit (and the units under it)"), queryset=OrgUnit.objects.none(), required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        if user is not None:
            self.fields["unit"].queryset = selectors.dashboard_units(user)
            self.fields["unit"].required = not policy.scope_of(user).everything
        self.fields["unit"].label_from_instance = unit_labels(self.fields["unit"].queryset)


class PeriodReportExporter(DocumentExporter, RowExporter):
    identifier = "period_report"
    verbose_name = _("Period report (quarter or year)")
    formats = ("docx", "pdf", "xlsx")
    form_class = PeriodForm
    rule = "export_period"

    def options(self) -> dict:
        unit_id = self.parameters.get("unit")
        return {
            "viewer": self.viewer,
            "unit": OrgUnit.objects.get(pk=unit_id) if unit_id else None,
            "year": int(self.parameters["year"]),
            "quarter": int(self.parameters["quarter"]) if self.parameters.get("quarter") else None,
        }

    described_fields = ("year", "quarter")

    def describe(self):
        year, quarter = self.parameters.get("year"), self.parameters.get("quarter")
        if quarter:
            period = _("quarter %(quarter)s/%(year)s") % {"quarter": ROMAN[int(quarter)], "year": year}
        else:
            period = _("year %(year)s") % {"year": year}
        return str(_("Period report — %(period)s") % {"period": period})

    def visibility_querysets(self):
        options = self.options()
        return [selectors.period_petitions(**options), selectors.period_sessions(**options)]

    def filename(self, file_format):
        options = self.options()
        period = f"q{options['quarter']}-{options['year']}" if options["quarter"] else str(options["year"])
        return f"bao-cao-dinh-ky-{period}.{file_format}"

    def count(self):
        return 0

    def write(self, file_format, path, progress):
        if file_format == "xlsx":
            # ``rows`` is the petitions the report covers, in every format.
            self.write_xlsx(path, progress)
            return selectors.period_petitions(**self.options()).count()
        document = summary.period_report(**self.options())
        if file_format == "pdf":
            return render_pdf.render(document, path)
        return render_docx.render(document, path, lambda n: progress(n, 0))

    def iterate_sheets(self):
        options = self.options()
        data = selectors.period_report(**options)
        yield (
            str(_("Dialogues held"))[:31],
            [
                [_("Date"), _("Dialogue"), _("Host unit"), _("Status")],
                *[[s.starts_at, s.title, s.host_unit.name, s.get_status_display()] for s in data.sessions],
            ],
        )
        yield str(_("By topic"))[:31], [[_("Topic"), _("Petitions")], *[list(row) for row in data.by_topic]]
        statuses = [[str(label), n] for label, n in data.by_status]
        yield str(_("By status"))[:31], [[_("Status"), _("Petitions")], *statuses]
        yield (
            str(_("By department"))[:31],
            [
                [
                    _("Department"),
                    _("Assigned"),
                    _("Answered"),
                    _("Answer rate (%)"),
                    _("Median days to answer"),
                    _("Overdue"),
                ],
                *[
                    [r.department.name, r.assigned, r.answered, r.answer_rate, r.median_days, r.overdue]
                    for r in data.by_department
                ],
            ],
        )
        yield str(_("Overdue"))[:31], self._overdue_sheet(options)

    def _overdue_sheet(self, options):
        # The same assignments as selectors.overdue_rows, with the due date as a date (a date cell).
        yield [_("No."), _("Code"), _("Petition"), _("Unit"), _("Department"), _("Due date"), _("Days late")]
        today = timezone.localdate()
        late = (
            overdue_assignments()
            .filter(petition__in=selectors.period_petitions(**options).values("pk"))
            .select_related("petition__unit", "department")
            .order_by("due_date", "pk")
        )
        for position, assignment in enumerate(late.iterator(chunk_size=2000), start=1):
            petition = assignment.petition
            yield [
                position,
                petition.code,
                petition.title,
                petition.unit.name,
                assignment.department.name,
                assignment.due_date,
                (today - assignment.due_date).days,
            ]
