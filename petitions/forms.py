"""Forms validate input; services do the work."""

import uuid

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogue_portal.directory.models import Department, OrgUnit, ParticipantGroup, TopicCategory
from dialogue_portal.directory.workdays import add_working_days

from . import services, workflow
from .files import MAX_ATTACHMENT_BYTES, check_upload
from .models import AnswerMethod, Petition, PetitionKind, PetitionStatus
from .services import MAX_ANSWER, MAX_CONTENT, MAX_SUPPORTERS, MAX_TITLE

DEFAULT_ANSWER_WORKING_DAYS = 15


class AttachmentField(forms.FileField):
    """A file checked by content (pdf, docx, xlsx, jpg, png; ≤ 10 MB).

    The limit rides on the input (``data-max-bytes``) so the phone refuses a larger file before uploading it
    (static/js/portal.js); the server stops reading past it anyway (dialogue_portal/uploads.py).
    """

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.update(
            {
                "accept": ".pdf,.docx,.xlsx,.jpg,.jpeg,.png",
                "data-max-bytes": str(MAX_ATTACHMENT_BYTES),
                "data-too-big": _("This file is larger than 10 MB. Choose a smaller file or a smaller photo."),
            }
        )
        return attrs

    def clean(self, data, initial=None):
        upload = super().clean(data, initial)
        if upload:
            check_upload(upload)
        return upload


def template_picker(field: forms.ChoiceField, *, templates, assignment, target: str) -> None:
    """Turn ``field`` into the template picker: choosing one copies its text, blanks filled, into ``target``.

    The filled texts ride on the select as JSON (static/js/petitions.js); without script the choice does nothing.
    """
    import json

    templates = list(templates)
    field.choices = [("", "—")] + [(str(t.pk), t.title) for t in templates]
    texts = services.answer_templates_for(assignment, templates) if assignment is not None else {}
    field.widget.attrs.update(
        {
            "data-answer-templates": json.dumps(texts, ensure_ascii=False),
            "data-answer-target": target,
            "data-confirm": _("Replace the text you wrote with the template?"),
        }
    )


def _helper(submit_label, *layout) -> FormHelper:
    helper = FormHelper()
    helper.form_tag = False
    if layout:
        helper.layout = Layout(*layout)
    helper.add_input(Submit("submit", submit_label))
    return helper


class PetitionForm(forms.Form):
    """The one short form a branch leader fills on a phone; staff use it too."""

    kind = forms.ChoiceField(label=_("Kind"), choices=PetitionKind.choices, initial=PetitionKind.RECOMMENDATION)
    title = forms.CharField(label=_("Title"), max_length=MAX_TITLE)
    content = forms.CharField(label=_("Content"), max_length=MAX_CONTENT, widget=forms.Textarea(attrs={"rows": 5}))
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=TopicCategory.objects.filter(is_active=True),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    unit = forms.ModelChoiceField(label=_("Submitting unit"), queryset=OrgUnit.objects.none())
    supporters_count = forms.IntegerField(
        label=_("Members who raised it"), min_value=1, max_value=MAX_SUPPORTERS, initial=1
    )
    is_anonymous = forms.BooleanField(
        label=_("Anonymous (hide the petitioner from departments and the public)"), required=False
    )
    petitioner_name = forms.CharField(label=_("Petitioner's name"), max_length=200, required=False)
    petitioner_phone = forms.CharField(label=_("Petitioner's phone"), max_length=30, required=False)
    petitioner_ethnicity = forms.CharField(label=_("Ethnicity"), max_length=100, required=False)
    petitioner_has_disability = forms.BooleanField(label=_("Has a disability"), required=False)
    participant_group = forms.ModelChoiceField(
        label=_("Participant group"), queryset=ParticipantGroup.objects.filter(is_active=True), required=False
    )
    session = forms.ModelChoiceField(label=_("Raised at dialogue session"), queryset=None, required=False)
    attachment = AttachmentField(label=_("Attached file (PDF, Word, Excel, JPG or PNG, at most 10 MB)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # A resend with the same key returns the petition already made (a double tap, a phone's queue).
    client_key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, user, editing: Petition | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        from dialogues.models import DialogueSession

        self.fields["unit"].queryset = OrgUnit.objects.visible_to(user)
        self.fields["unit"].label_from_instance = lambda unit: unit.label
        if user.unit_id and not self.initial.get("unit"):
            self.fields["unit"].initial = user.unit_id
        self.fields["session"].queryset = (
            DialogueSession.objects.visible_to(user).open_to_petitions().order_by("-starts_at")
        )
        self.fields["session"].label_from_instance = lambda session: session.choice_label
        if editing is not None:
            for name in ("unit", "session", "attachment", "client_key"):
                del self.fields[name]
        else:
            self.fields["client_key"].initial = uuid.uuid4()
        petitioner = Fieldset(
            _("Petitioner (optional, entered on the member's behalf)"),
            "petitioner_name",
            "petitioner_phone",
            "petitioner_ethnicity",
            "petitioner_has_disability",
            "participant_group",
        )
        main = [
            name for name in ("kind", "title", "content", "topics", "unit", "supporters_count") if name in self.fields
        ]
        tail = [
            name for name in ("is_anonymous", "session", "attachment", "version", "client_key") if name in self.fields
        ]
        self.helper = _helper(_("Save") if editing else _("Submit petition"), *main, petitioner, *tail)


class TransitionForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=())
    note = forms.CharField(
        label=_("Note (required when returning or rejecting)"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    forwarded_authority = forms.CharField(
        label=_("Competent authority (when forwarding)"), required=False, max_length=300
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, petition: Petition, user, **kwargs):
        super().__init__(*args, **kwargs)
        targets = [t for t in workflow.allowed_targets(petition, user) if t in workflow.MANUAL_TARGETS]
        self.fields["to_status"].choices = [(t, PetitionStatus(t).label) for t in targets]
        self.fields["version"].initial = petition.version
        self.helper = _helper(_("Change status"))


class AssignForm(forms.Form):
    """Several departments at once, each with its own due date (default: N working days from today)."""

    departments = forms.ModelMultipleChoiceField(
        label=_("Departments"), queryset=Department.objects.filter(is_active=True), widget=forms.CheckboxSelectMultiple
    )
    note = forms.CharField(
        label=_("Note to the departments"),
        required=False,
        max_length=MAX_CONTENT,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, petition: Petition, **kwargs):
        super().__init__(*args, **kwargs)
        taken = set(petition.assignments.values_list("department_id", flat=True))
        departments = Department.objects.filter(is_active=True).exclude(pk__in=taken)
        self.fields["departments"].queryset = departments
        self.fields["version"].initial = petition.version
        self.default_due = add_working_days(timezone.localdate(), DEFAULT_ANSWER_WORKING_DAYS)
        self.rows = []
        for department in departments:
            name = f"due_{department.pk}"
            self.fields[name] = forms.DateField(
                label=_("Due date for %(department)s") % {"department": department},
                initial=self.default_due,
                required=False,
                widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
            )
            self.rows.append((department, name))

    def bound_rows(self):
        chosen = {str(v) for v in (self["departments"].value() or [])}
        return [(department, str(department.pk) in chosen, self[name]) for department, name in self.rows]

    def clean(self):
        cleaned = super().clean()
        routes = []
        for department in cleaned.get("departments") or []:
            due = cleaned.get(f"due_{department.pk}") or self.default_due
            if due < timezone.localdate():
                self.add_error(f"due_{department.pk}", _("The due date cannot be in the past."))
            routes.append((department, due))
        cleaned["routes"] = routes
        return cleaned


class AnswerForm(forms.Form):
    template = forms.ChoiceField(label=_("Start from a template"), required=False)
    text = forms.CharField(label=_("Answer"), max_length=MAX_ANSWER, widget=forms.Textarea(attrs={"rows": 6}))
    method = forms.ChoiceField(label=_("How it was answered"), choices=AnswerMethod.choices)
    forwarded_authority = forms.CharField(
        label=_("Competent authority (when forwarded)"), required=False, max_length=300
    )
    resolve_by = forms.DateField(
        label=_("To be resolved by"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    attachment = AttachmentField(label=_("Attached file (PDF, Word, Excel, JPG or PNG, at most 10 MB)"), required=False)

    def __init__(self, *args, templates=(), assignment=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.templates = list(templates)
        template_picker(self.fields["template"], templates=self.templates, assignment=assignment, target="id_text")
        self.helper = _helper(_("Save answer"))

    def clean_text(self):
        text = self.cleaned_data["text"]
        try:
            services.check_answer_blanks(text)
        except ValidationError as error:
            raise ValidationError(error.message_dict["text"]) from error
        return text

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("method") == AnswerMethod.FORWARDED and not cleaned.get("forwarded_authority"):
            self.add_error("forwarded_authority", _("Name the competent authority."))
        if cleaned.get("method") == AnswerMethod.WILL_RESOLVE and not cleaned.get("resolve_by"):
            self.add_error("resolve_by", _("Give the date by which it will be resolved."))
        return cleaned


class SessionLinkForm(forms.Form):
    session = forms.ModelChoiceField(
        label=_("Dialogue session"), queryset=None, required=False, empty_label=_("— not raised at a session —")
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, petition: Petition, user, **kwargs):
        super().__init__(*args, **kwargs)
        from dialogues.models import DialogueSession

        self.fields["session"].queryset = (
            DialogueSession.objects.visible_to(user).open_to_petitions().order_by("-starts_at")
        )
        self.fields["session"].label_from_instance = lambda session: session.choice_label
        self.fields["session"].initial = petition.session_id
        self.fields["version"].initial = petition.version
        self.helper = _helper(_("Link to session"))


class MergeForm(forms.Form):
    keep_code = forms.CharField(label=_("Code of the petition to keep (e.g. KN-2024-00012)"), max_length=20)
    note = forms.CharField(
        label=_("Note"), required=False, max_length=MAX_CONTENT, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, petition: Petition, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.petition, self.user = petition, user
        self.helper = _helper(_("Merge into that petition"))

    def clean_keep_code(self):
        from .selectors import find_by_code

        code = self.cleaned_data["keep_code"].strip().upper()
        keep = find_by_code(Petition.objects.visible_to(self.user), code)
        if keep is None:
            raise ValidationError(_("No petition has the code %(code)s.") % {"code": code})
        if keep.pk == self.petition.pk:
            raise ValidationError(_("A petition cannot be merged into itself."))
        self.keep = keep
        return keep.code


class BulkForm(forms.Form):
    RECEIVE, CLOSE, ARCHIVE = "receive", "close", "archive"
    action = forms.ChoiceField(
        label=_("With the selected petitions"),
        choices=[(RECEIVE, _("Mark received")), (CLOSE, _("Close")), (ARCHIVE, _("Archive"))],
    )
    petitions = forms.ModelMultipleChoiceField(queryset=None, widget=forms.MultipleHiddenInput)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["petitions"].queryset = Petition.objects.visible_to(user).filter(is_archived=False)
        self.fields["petitions"].error_messages["required"] = _("Select at least one petition.")


class AttachmentForm(forms.Form):
    file = AttachmentField(label=_("File (PDF, Word, Excel, JPG or PNG, at most 10 MB)"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Attach"))


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Spreadsheet (.xlsx) or CSV file"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _helper(_("Check the file"))
