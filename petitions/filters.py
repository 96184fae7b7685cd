"""List filters (django-filter); choices limited to what the user may see."""

from datetime import timedelta

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.datastamp import stats_version
from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory, unit_labels

from . import selectors
from .models import Assignment, Petition, PetitionKind, PetitionStatus

SESSION_CHOICES = 50


class PetitionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=PetitionKind.choices, empty_label=_("All kinds"))
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=PetitionStatus.choices, empty_label=_("All statuses"), method="filter_status"
    )
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=TopicCategory.objects.filter(is_active=True)
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit and below"), queryset=OrgUnit.objects.none(), method="filter_unit"
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Department"), queryset=Department.objects.filter(is_active=True), method="filter_department"
    )
    session = django_filters.ModelChoiceFilter(label=_("Dialogue session"), queryset=None)
    submitted_from = django_filters.DateFilter(
        label=_("Submitted from"),
        field_name="submitted_at",
        lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    submitted_to = django_filters.DateFilter(
        label=_("Submitted to"),
        field_name="submitted_at",
        lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)

    class Meta:
        model = Petition
        fields = []

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from dialogues.models import DialogueSession

        self.user = user
        units = OrgUnit.objects.visible_to(user).only("pk", "name", "depth", "path")
        self.filters["unit"].queryset = units
        self.form.fields["unit"].queryset = units
        self.form.fields["unit"].label_from_instance = unit_labels(units)
        sessions = DialogueSession.objects.visible_to(user).order_by("-starts_at")
        # The menu offers the 50 latest sessions up to a year ahead (a province holds thousands over the
        # years); a session chosen from its own page is accepted whatever its date.
        # Lazy: with the menu kept (see menu_key) the query runs only to check a chosen session.
        latest = sessions.filter(starts_at__lte=timezone.now() + timedelta(days=365)).values("pk")[:SESSION_CHOICES]
        offered = Q(pk__in=Subquery(latest))
        chosen = str((self.data or {}).get("session") or "")
        if chosen.isdigit():
            offered |= Q(pk=int(chosen))
        self.form.fields["session"].queryset = sessions.filter(offered).only("pk", "title", "starts_at")
        self.form.fields["session"].label_from_instance = lambda session: session.choice_label
        scope = policy.scope_of(user)
        if scope.department_id:  # a department sees only its own assignments
            del self.form.fields["department"]
            del self.filters["department"]
        # The menus' options are kept by this key: what they list depends on the language, the user's scope,
        # the data (its version stamp is bumped by every change of a session, unit, department or topic) and
        # the day (sessions up to a year ahead).
        # A session chosen from its own page is offered beside the latest ones: part of the key too.
        self.form.menu_key = (get_language(), scope, stats_version(), timezone.localdate(), chosen)

    def filter_search(self, queryset, name, value):
        return selectors.search(queryset, value)

    def filter_status(self, queryset, name, value):
        return selectors.with_status(queryset, value) if value else queryset

    def filter_unit(self, queryset, name, value):
        return queryset.filter(unit__path__startswith=value.path) if value else queryset

    def filter_department(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(Exists(Assignment.objects.filter(petition=OuterRef("pk"), department=value)))

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        department = self.form.cleaned_data.get("department")
        if department:
            # "Overdue at this department", as the dashboard counts it, not overdue at any department.
            return selectors.overdue(queryset, department=department)
        return selectors.overdue(queryset)
