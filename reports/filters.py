"""The petition list's filters (the GET parameters of /petitions/), reused by exports and the dashboard links.

Parameter names: kind, topic, status, unit (its subtree), department, session, overdue, q, and the
submission date range submitted_after / submitted_before (local dates, both ends included).
"""

import datetime

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory
from dialogue_portal.text import fold
from dialogues.models import DialogueSession
from petitions.models import Assignment, AssignmentStatus, Petition, PetitionKind, PetitionStatus


class AnyYesNo(forms.NullBooleanSelect):
    """Yes / no, and "all" (not Django's "unknown") when the filter is not used."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("unknown", _("All")), ("true", _("Yes")), ("false", _("No"))]


def overdue_assignments():
    """Assignments still waiting for an answer after their due date."""
    return Assignment.objects.filter(status=AssignmentStatus.PENDING, due_date__lt=timezone.localdate())


class PetitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_q", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PetitionKind.choices)
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=TopicCategory.objects.order_by("sort_order", "name")
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PetitionStatus.choices)
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=OrgUnit.objects.none(), method="filter_unit")
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.order_by("sort_order", "name"), method="filter_department"
    )
    session = django_filters.ModelChoiceFilter(label=_("Dialogue session"), queryset=DialogueSession.objects.none())
    overdue = django_filters.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=AnyYesNo)
    submitted_after = django_filters.DateFilter(
        label=_("Submitted from"), field_name="submitted_at", method="filter_after"
    )
    submitted_before = django_filters.DateFilter(
        label=_("Submitted until"), field_name="submitted_at", method="filter_before"
    )

    class Meta:
        model = Petition
        fields = ["q", "kind", "topic", "status", "unit", "department", "session", "overdue"]

    def __init__(self, *args, user=None, **kwargs):
        """``user``: whoever asks (a user, or a job's stored scope); units and sessions offered are theirs."""
        super().__init__(*args, **kwargs)
        self.filters["unit"].queryset = OrgUnit.objects.visible_to(user)
        self.filters["session"].queryset = DialogueSession.objects.visible_to(user).order_by("-starts_at")
        self.form.fields["session"].label_from_instance = lambda session: session.choice_label

    def filter_after(self, queryset, name, value):
        return queryset.filter(submitted_at__gte=_day_start(value))

    def filter_before(self, queryset, name, value):
        return queryset.filter(submitted_at__lt=_day_start(value + datetime.timedelta(days=1)))

    def filter_q(self, queryset, name, value):
        folded = fold(value).strip()
        return queryset.filter(search_text__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path)

    def filter_department(self, queryset, name, value):
        return queryset.filter(pk__in=Assignment.objects.filter(department=value).values("petition_id"))

    def filter_overdue(self, queryset, name, value):
        late = Exists(overdue_assignments().filter(petition_id=OuterRef("pk")))
        return queryset.filter(late) if value else queryset.exclude(late)


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
