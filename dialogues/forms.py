"""Forms for sessions; they validate input, the services enforce the rules."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory

from .models import Addressee, AttendeeRequest, FollowUp, InvitationState
from .services import TITLE_MAX, SessionData

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class LocalDateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format=DATETIME_FORMAT, **kwargs)


def _datetime_field(label):
    return forms.DateTimeField(
        label=label,
        widget=LocalDateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
    )


CHOICE_ERRORS = {
    "invalid_choice": _("That choice is not in the list (it may not exist or be outside your area); choose again."),
    "invalid_pk_value": _("That choice is not in the list (it may not exist or be outside your area); choose again."),
}


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        # The shallowest unit of the menu carries no dash (a leader's own unit heads her list).
        if getattr(self, "_top_depth", None) is None:
            self._top_depth = obj.depth  # units come in path order: the first is the top of the menu
        return obj.label_below(self._top_depth)


class SessionForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=TITLE_MAX)
    host_unit = UnitChoiceField(label=_("Host unit"), queryset=OrgUnit.objects.none(), error_messages=CHOICE_ERRORS)
    starts_at = _datetime_field(_("Starts at"))
    ends_at = _datetime_field(_("Ends at"))
    venue = forms.CharField(label=_("Venue"), max_length=300, required=False)
    programme = forms.CharField(
        label=_("Programme"), max_length=200, required=False, help_text=_("For example: Dự án 8")
    )
    theme = forms.CharField(label=_("Theme"), max_length=300, required=False)
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4}))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=TopicCategory.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("Invited departments"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOICE_ERRORS,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    confirm = forms.BooleanField(
        label=_("I have read the warnings above and want to save anyway"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        # Planning is for staff and branch leaders; a department picks no host unit.
        units = OrgUnit.objects.visible_to(user) if policy.may_plan(user) else OrgUnit.objects.none()
        self.fields["host_unit"].queryset = units
        self.helper = FormHelper()
        self.helper.form_tag = False

    def show_confirmation(self):
        self.fields["confirm"].widget = forms.CheckboxInput()

    def clean(self):
        cleaned = super().clean()
        starts_at, ends_at = cleaned.get("starts_at"), cleaned.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The session must end after it starts."))
        return cleaned

    def session_data(self) -> SessionData:
        data = self.cleaned_data
        return SessionData(
            title=data["title"],
            host_unit=data["host_unit"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            programme=data["programme"],
            theme=data["theme"],
            description=data["description"],
            venue=data["venue"],
            topics=tuple(data["topics"]),
            departments=tuple(data["departments"]),
        )


class TransitionForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)
    starts_at = _datetime_field(_("New start"))
    ends_at = _datetime_field(_("New end"))

    def __init__(self, *args, needs_dates: bool, needs_note: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not needs_dates:
            del self.fields["starts_at"], self.fields["ends_at"]
        if needs_note:
            self.fields["note"].required = True
        self.helper = FormHelper()
        self.helper.form_tag = False


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Agenda item"), max_length=TITLE_MAX)
    presenter_department = forms.ModelChoiceField(
        label=_("Presenting department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    presenter_name = forms.CharField(label=_("Presenter"), max_length=200, required=False)
    planned_minutes = forms.IntegerField(label=_("Planned minutes"), min_value=1, max_value=600, initial=15)

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        if departments is not None:  # the active departments, already read by the page: no query of its own
            self.fields["presenter_department"].choices = [("", "---------"), *((d.pk, d.name) for d in departments)]
        self.helper = FormHelper()
        self.helper.form_tag = False


class MinutesForm(forms.Form):
    """The minutes (biên bản): chair, secretary, the real opening and closing, and the other notes."""

    chair_name = forms.CharField(label=_("Chair (chủ trì)"), max_length=200, required=False)
    chair_title = forms.CharField(label=_("Chair's title"), max_length=200, required=False)
    secretary_name = forms.CharField(label=_("Secretary (thư ký)"), max_length=200, required=False)
    secretary_title = forms.CharField(label=_("Secretary's title"), max_length=200, required=False)
    opened_at = forms.DateTimeField(
        label=_("Opened at"),
        widget=LocalDateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        required=False,
        help_text=_("Leave as it is if the meeting opened as scheduled."),
    )
    closed_at = forms.DateTimeField(
        label=_("Closed at"),
        widget=LocalDateTimeInput(),
        input_formats=[DATETIME_FORMAT, "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M"],
        required=False,
    )
    minutes = forms.CharField(
        label=_("Other notes"), required=False, widget=forms.Textarea(attrs={"rows": 6}), max_length=100000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    @classmethod
    def for_session(cls, session, **kwargs):
        """The form filled from ``session``; the times default to the schedule."""
        initial = {
            "chair_name": session.chair_name,
            "chair_title": session.chair_title,
            "secretary_name": session.secretary_name,
            "secretary_title": session.secretary_title,
            "opened_at": timezone.localtime(session.opened_at or session.starts_at),
            "closed_at": timezone.localtime(session.closed_at or session.ends_at),
            "minutes": session.minutes,
            "version": session.version,
        }
        return cls(initial=initial, **kwargs)

    def clean(self):
        cleaned = super().clean()
        opened, closed = cleaned.get("opened_at"), cleaned.get("closed_at")
        if opened and closed and closed <= opened:
            self.add_error("closed_at", _("The meeting must close after it opens."))
        return cleaned


class _RecordForm(forms.Form):
    """A form shown once per row on the session page: ``row`` makes its ids unique, ``departments`` (a list
    computed once per page) spares a query per row."""

    def __init__(self, *args, row=None, departments=None, **kwargs):
        if row is not None:
            kwargs.setdefault("auto_id", f"id_{self.id_stem}{row}_%s")
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.queryset = Department.objects.filter(is_active=True)
                if departments is not None:
                    field.choices = [("", "---------"), *((d.pk, d.name) for d in departments)]
        self.helper = FormHelper()
        self.helper.form_tag = False


class OpinionForm(_RecordForm):
    id_stem = "opinion"

    speaker = forms.CharField(
        label=_("Speaker or unit"),
        max_length=200,
        required=False,
        help_text=_("For example: Hội LHPN xã Linh Trường. Write no personal details the person did not agree to."),
    )
    text = forms.CharField(label=_("Opinion raised"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    answer_text = forms.CharField(
        label=_("Answer given at the session"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    answered_by = forms.ModelChoiceField(
        label=_("Answered by"), queryset=Department.objects.none(), required=False, error_messages=CHOICE_ERRORS
    )


class RecommendationForm(_RecordForm):
    id_stem = "rec"

    text = forms.CharField(label=_("Recommendation"), max_length=10000, widget=forms.Textarea(attrs={"rows": 3}))
    addressed_to = forms.ChoiceField(label=_("Addressed to"), choices=Addressee.choices)
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.none(),
        required=False,
        help_text=_("Only when addressed to a department."),
        error_messages=CHOICE_ERRORS,
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("addressed_to") == Addressee.DEPARTMENT and not cleaned.get("department"):
            self.add_error("department", _("Choose the department the recommendation is addressed to."))
        return cleaned

    @classmethod
    def for_recommendation(cls, rec, **kwargs):
        initial = {"text": rec.text, "addressed_to": rec.addressed_to, "department": rec.department_id}
        return cls(initial=initial, row=rec.pk, **kwargs)


class FollowUpForm(_RecordForm):
    id_stem = "follow"

    follow_up = forms.ChoiceField(label=_("Follow-up"), choices=FollowUp.choices)
    follow_up_on = forms.DateField(
        label=_("Date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Empty: today."),
    )
    response_note = forms.CharField(
        label=_("Response"), max_length=10000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    @classmethod
    def for_recommendation(cls, rec, **kwargs):
        initial = {"follow_up": rec.follow_up, "follow_up_on": rec.follow_up_on, "response_note": rec.response_note}
        return cls(initial=initial, row=rec.pk, **kwargs)


ATTENDED_CHOICES = [("", _("Not recorded")), ("yes", _("Attended")), ("no", _("Absent"))]


class AttendanceForm(forms.Form):
    """One field per invitation (attended?) and two per participant group (expected, actual)."""

    def __init__(self, *args, session, groups, **kwargs):
        super().__init__(*args, **kwargs)
        self.invitation_rows = []
        self.group_rows = []
        rows = {row.group_id: row for row in session.attendance.all()}
        for invitation in session.invitations.all():
            name = f"inv_{invitation.pk}"
            initial = {True: "yes", False: "no"}.get(invitation.attended, "")
            self.fields[name] = forms.ChoiceField(
                label=str(invitation.department), choices=ATTENDED_CHOICES, required=False, initial=initial
            )
            self.invitation_rows.append((invitation, name))
        for group in groups:
            row = rows.get(group.pk)
            expected, actual = f"exp_{group.pk}", f"act_{group.pk}"
            self.fields[expected] = forms.IntegerField(
                label=_("%(group)s: expected") % {"group": group},
                min_value=0,
                max_value=100000,
                required=False,
                initial=row.expected if row else None,
            )
            self.fields[actual] = forms.IntegerField(
                label=_("%(group)s: attended") % {"group": group},
                min_value=0,
                max_value=100000,
                required=False,
                initial=row.actual if row else None,
            )
            self.group_rows.append((group, expected, actual))

    def attendance(self):
        data = self.cleaned_data
        departments = {
            inv.pk: {"yes": True, "no": False}.get(data.get(name) or "") for inv, name in self.invitation_rows
        }
        groups = {group.pk: (data.get(exp), data.get(act)) for group, exp, act in self.group_rows}
        return departments, groups


class InvitationReplyForm(forms.Form):
    state = forms.ChoiceField(label=_("Reply"), choices=InvitationState.choices)
    representative_name = forms.CharField(label=_("Representative"), max_length=200, required=False)
    representative_title = forms.CharField(label=_("Representative's title"), max_length=200, required=False)
    delegate_name = forms.CharField(label=_("Delegated to"), max_length=200, required=False)


class PlanForm(forms.Form):
    """The plan's editable fields (dialogues.plans.save_plan checks the rules)."""

    purpose = forms.CharField(
        label=_("I. Purpose and requirements"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Printed as written, in Vietnamese, one paragraph per line. "
            "Leave as proposed to follow the programme and theme."
        ),
    )
    attendee_request = forms.ChoiceField(label=_("Whom each department should send"), choices=AttendeeRequest.choices)
    contact_name = forms.CharField(label=_("Contact person"), max_length=200, required=False)
    contact_phone = forms.RegexField(
        label=_("Contact phone"),
        max_length=30,
        required=False,
        regex=r"^[0-9 .+()-]*$",
        error_messages={"invalid": _("Enter a phone number: digits, spaces, dots, +, ( ) and - only.")},
    )
    reply_by = forms.DateField(
        label=_("Departments reply by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
        help_text=_("Left empty: three days before the session."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class PlanTaskForm(forms.Form):
    """One line of "Tổ chức thực hiện": a task, who does it (a unit, a department or a person), by when."""

    task = forms.CharField(label=_("Task"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    unit = UnitChoiceField(
        label=_("Unit"), queryset=OrgUnit.objects.none(), required=False, error_messages=CHOICE_ERRORS
    )
    department = forms.ModelChoiceField(
        label=_("Department"),
        queryset=Department.objects.filter(is_active=True),
        required=False,
        error_messages=CHOICE_ERRORS,
    )
    person = forms.CharField(label=_("Person in charge"), max_length=200, required=False)
    due_date = forms.DateField(
        label=_("Deadline"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.visible_to(user)
        self.helper = FormHelper()
        self.helper.form_tag = False
