"""The Celery beat crontab admin, made to refuse what Celery cannot read instead of failing with a 500.

django-celery-beat's validators let some expressions through that Celery's parser refuses (``-1`` as a day
of the month), and its ``human_readable`` column raises on them, so the add form crashed on redisplay.
"""

from celery.schedules import ParseException, crontab
from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import CrontabSchedule

MAX_ZONE_NAME = 64  # the longest IANA name is about 30 characters
PARTS = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")


def _checked_zone(to_python):
    """The time zone field opens a file named after the value: a long one was an OSError, not a form error."""

    def checked(value):
        if value and len(str(value)) > MAX_ZONE_NAME:
            raise ValidationError(gettext("Choose a time zone from the list."), code="invalid_choice")
        try:
            return to_python(value)
        except (OSError, ValueError) as error:
            raise ValidationError(gettext("Choose a time zone from the list."), code="invalid_choice") from error

    return checked


class CrontabScheduleForm(forms.ModelForm):
    class Meta:
        model = CrontabSchedule
        fields = ["minute", "hour", "day_of_week", "day_of_month", "month_of_year", "timezone"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("timezone")
        if field is not None:
            field.to_python = _checked_zone(field.to_python)

    def clean(self):
        cleaned = super().clean()
        if all(part in cleaned for part in PARTS):
            try:
                crontab(**{part: cleaned[part] for part in PARTS})  # the parse the scheduler will do
            except (ParseException, ValueError) as error:
                raise ValidationError(
                    gettext("Celery cannot read this schedule: %(error)s"), params={"error": str(error)[:200]}
                ) from error
        return cleaned


def harden_beat_admin(site: admin.AdminSite) -> None:
    registered = site._registry.get(CrontabSchedule)
    if registered is None:
        return

    class CrontabScheduleAdmin(type(registered)):
        form = CrontabScheduleForm

        @admin.display(description=_("human readable"))
        def human_readable(self, obj):
            try:
                return obj.human_readable
            except (ParseException, ValueError):
                return "—"

    site._registry[CrontabSchedule] = CrontabScheduleAdmin(CrontabSchedule, site)
