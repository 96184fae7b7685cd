from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dialogue_portal.directory.models import unit_labels

from . import selectors


class DashboardForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)
    unit = forms.ModelChoiceField(label=_("Unit (and the units under it)"), queryset=None, required=False)
    structure = forms.ChoiceField(
        label=_("Count by"),
        choices=[
            ("current", _("today's units and departments (history rolled up to successors)")),
            ("as_at", _("the units and departments of the time")),
        ],
        required=False,
        initial="current",
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].initial = timezone.localdate().year
        self.fields["unit"].queryset = selectors.dashboard_units(user)
        self.fields["unit"].label_from_instance = unit_labels(self.fields["unit"].queryset)
