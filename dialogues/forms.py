"""Forms for sessions; they validate input, the services enforce the rules."""

from crispy_forms.helper import FormHelper
from django import forms
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory

from .models import AttendeeRequest, InvitationState
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
        return obj.label


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes and outcomes"), required=False, widget=forms.Textarea(attrs={"rows": 10}), max_length=100000
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


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
