"""Data exports: the filtered petition list and the sessions list, as .xlsx or .csv."""

from django import forms
from django.db.models import Count, Prefetch
from django.utils.translation import gettext_lazy as _

from dialogues.models import DialogueSession, SessionStatus
from petitions.models import Assignment, Petition, PetitionKind, PetitionStatus
from reports.filters import PetitionFilter

from .base import RowExporter

CHUNK = 2000


class PetitionListExporter(RowExporter):
    identifier = "petitions"
    verbose_name = _("Petitions")
    form_class = PetitionFilter  # the list's own GET parameters

    def describe(self):
        return str(_("List of petitions"))

    @classmethod
    def make_form(cls, data, user):
        return PetitionFilter(data, queryset=Petition.objects.visible_to(user), user=user).form

    def base_queryset(self):
        return Petition.objects.visible_to(self.viewer)

    def queryset(self):
        filtered = PetitionFilter(self.parameters, queryset=self.base_queryset(), user=self.viewer).qs
        return filtered.order_by("-created_at", "-pk")

    def visibility_querysets(self):
        return [self.queryset()]

    def count(self) -> int:
        return self.queryset().count()

    def iterate_rows(self):
        yield [
            _("Code"),
            _("Kind"),
            _("Title"),
            _("Content"),
            _("Topics"),
            _("Submitting unit"),
            _("Petitioner"),
            _("Members who raised it"),
            _("Dialogue session"),
            _("Status"),
            _("Departments"),
            _("Due date"),
            _("Answers"),
            _("Submitted at"),
        ]
        hide_people = self.scope.get("kind") == "department"
        # Labels translated once, not once per row.
        kinds = {value: str(label) for value, label in PetitionKind.choices}
        statuses = {value: str(label) for value, label in PetitionStatus.choices}
        rows = (
            self.queryset()
            .select_related("unit", "session")
            .prefetch_related(
                "topics",
                Prefetch(
                    "assignments",
                    queryset=Assignment.objects.select_related("department", "answer").order_by("due_date", "pk"),
                ),
            )
        )
        for petition in rows.iterator(chunk_size=CHUNK):
            assignments = list(petition.assignments.all())
            petitioner = "" if petition.is_anonymous and hide_people else petition.petitioner_name
            yield [
                petition.code,
                kinds.get(petition.kind, petition.kind),
                petition.title,
                petition.content,
                ", ".join(topic.name for topic in petition.topics.all()),
                petition.unit.name,
                petitioner,
                petition.supporters_count,
                petition.session.title if petition.session else "",
                statuses.get(petition.status, petition.status),
                ", ".join(a.department.name for a in assignments),
                min((a.due_date for a in assignments), default=None),
                "\n".join(f"{a.department.name}: {a.answer.text}" for a in assignments if _has_answer(a)),
                petition.submitted_at,
            ]


def _has_answer(assignment) -> bool:
    try:
        return assignment.answer is not None
    except Assignment.answer.RelatedObjectDoesNotExist:
        return False


class SessionListForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), required=False, min_value=2000, max_value=2100)
    status = forms.ChoiceField(label=_("Status"), required=False, choices=[("", "---------"), *SessionStatus.choices])

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)


class SessionListExporter(RowExporter):
    identifier = "sessions"
    verbose_name = _("Dialogue sessions")
    form_class = SessionListForm

    def describe(self):
        return str(_("List of dialogue sessions"))

    def queryset(self):
        sessions = DialogueSession.objects.visible_to(self.viewer)
        if self.parameters.get("year"):
            sessions = sessions.filter(starts_at__year=self.parameters["year"])
        if self.parameters.get("status"):
            sessions = sessions.filter(status=self.parameters["status"])
        return sessions.order_by("starts_at", "pk")

    def visibility_querysets(self):
        return [self.queryset()]

    def count(self) -> int:
        return self.queryset().count()

    def iterate_rows(self):
        yield [
            _("Title"),
            _("Host unit"),
            _("Starts at"),
            _("Ends at"),
            _("Venue"),
            _("Status"),
            _("Topics"),
            _("Petitions"),
        ]
        rows = (
            self.queryset()
            .select_related("host_unit")
            .prefetch_related("topics")
            .annotate(petition_count=Count("petitions"))
        )
        for session in rows.iterator(chunk_size=CHUNK):
            yield [
                session.title,
                session.host_unit.name,
                session.starts_at,
                session.ends_at,
                session.venue,
                session.get_status_display(),
                ", ".join(topic.name for topic in session.topics.all()),
                session.petition_count,
            ]
