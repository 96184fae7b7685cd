from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from .models import Department, OrgUnit, ParticipantGroup, TopicCategory, WorkdayOverride
from .services import save_unit
from .workdays import check_override, statutory_days_off, statutory_working_weekend_days


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["label", "level", "code", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "name_folded", "code"]
    autocomplete_fields = ["parent"]

    @admin.display(description=OrgUnit._meta.get_field("name").verbose_name, ordering="path")
    def label(self, obj):
        return obj.label

    def save_model(self, request, obj, form, change):
        save_unit(unit=obj)


class ReferenceAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


admin.site.register(Department, ReferenceAdmin)
admin.site.register(TopicCategory, ReferenceAdmin)
admin.site.register(ParticipantGroup, ReferenceAdmin)


class WorkdayOverrideForm(forms.ModelForm):
    class Meta:
        model = WorkdayOverride
        fields = ["date", "kind", "name"]
        help_texts = {
            "kind": _(
                "A swap is two rows: the weekday given off (day off) and the Saturday worked for it (working day)."
            ),
            "name": _('What the government decided, e.g. "Nghỉ bù Quốc khánh theo Thông báo …/TB-BNV".'),
        }

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("date") and cleaned.get("kind"):
            try:
                check_override(cleaned["date"], cleaned["kind"])
            except forms.ValidationError as error:
                self.add_error("date", error)
        return cleaned


@admin.register(WorkdayOverride)
class WorkdayOverrideAdmin(admin.ModelAdmin):
    """The government's yearly decisions on top of the public holidays the calendar computes."""

    form = WorkdayOverrideForm
    list_display = ["date", "weekday", "kind", "name"]
    list_filter = ["kind"]
    search_fields = ["name"]
    date_hierarchy = "date"

    @admin.display(description=_("weekday"), ordering="date")
    def weekday(self, obj):
        return date_format(obj.date, "l")

    def changelist_view(self, request, extra_context=None):
        # Show the year's public holidays the calendar already knows, so staff enter only what it lacks.
        try:
            year = int(request.GET.get("date__year", ""))
        except ValueError:
            year = timezone.localdate().year
        extra_context = {
            **(extra_context or {}),
            "calendar_year": year,
            "statutory_days_off": sorted(statutory_days_off(year).items()),
            "statutory_working_days": sorted(statutory_working_weekend_days(year)),
        }
        return super().changelist_view(request, extra_context=extra_context)
