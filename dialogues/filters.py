"""The session list's filters (django-filter)."""

import django_filters
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from dialogue_portal.directory.models import Department, OrgUnit, TopicCategory, UnitLevel, unit_labels
from dialogue_portal.text import fold

from .models import DialogueSession, Invitation, SessionStatus


class SessionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="filter_search", max_length=200)
    year = django_filters.NumberFilter(
        label=_("Year"), field_name="starts_at", lookup_expr="year", min_value=2000, max_value=2100
    )
    level = django_filters.ChoiceFilter(label=_("Level"), field_name="host_unit__level", choices=UnitLevel.choices)
    unit = django_filters.ModelChoiceFilter(
        label=_("Host unit and units below"), queryset=OrgUnit.objects.active(), method="filter_unit"
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=SessionStatus.choices)
    topic = django_filters.ModelChoiceFilter(
        label=_("Topic"), field_name="topics", queryset=TopicCategory.objects.filter(is_active=True)
    )
    department = django_filters.ModelChoiceFilter(
        label=_("Invited department"), queryset=Department.objects.filter(is_active=True), method="filter_department"
    )
    # Not in the list's form: the dashboard's links ("held at this unit in this year").
    host = django_filters.ModelChoiceFilter(
        label=_("Host unit"), field_name="host_unit", queryset=OrgUnit.objects.none()
    )
    held = django_filters.BooleanFilter(label=_("Held"), method="filter_held")
    archived = django_filters.BooleanFilter(
        label=_("Archived only"), field_name="is_archived", widget=forms.CheckboxInput, method="filter_archived"
    )

    class Meta:
        model = DialogueSession
        fields = []

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        if user is not None:
            self.filters["unit"].queryset = OrgUnit.objects.visible_to(user)
            # Any unit that hosts a session the user sees (a leader sees those hosted above her unit too).
            hosts = DialogueSession.objects.visible_to(user).values("host_unit_id")
            self.filters["host"].queryset = OrgUnit.objects.filter(pk__in=hosts)
        self.form.fields["unit"].label_from_instance = unit_labels(self.form.fields["unit"].queryset)

    def filter_search(self, queryset, name, value):
        folded = fold(value)
        return queryset.filter(search_text__contains=folded) if folded else queryset

    def filter_unit(self, queryset, name, value):
        return queryset.filter(host_unit__path__startswith=value.path)

    def filter_department(self, queryset, name, value):
        # EXISTS, not a join, so a session is listed once.
        invited = Invitation.objects.filter(session=OuterRef("pk"), department=value)
        return queryset.filter(Exists(invited))

    def filter_held(self, queryset, name, value):
        held = (SessionStatus.HELD, SessionStatus.SUMMARY_SENT)
        return queryset.filter(status__in=held) if value else queryset.exclude(status__in=held)

    def filter_archived(self, queryset, name, value):
        return queryset.filter(is_archived=bool(value))
