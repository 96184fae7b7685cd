from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.admin_guard import ScopedAdminMixin
from dialogue_portal.text import nfc

from . import reorganisation
from .models import (
    PATH_STEP,
    Department,
    DepartmentSuccession,
    OrgUnit,
    ParticipantGroup,
    TopicCategory,
    WorkdayOverride,
)
from .services import save_unit
from .workdays import check_override, statutory_days_off, statutory_working_weekend_days


class OrgUnitAdminForm(forms.ModelForm):
    """Checks what save_unit would otherwise fail on: a parent inside the unit's own subtree, a path too deep."""

    class Meta:
        model = OrgUnit
        fields = ["name", "level", "parent", "code", "is_active", "valid_from", "valid_until", "successor"]

    def clean_name(self):
        name = nfc(self.cleaned_data.get("name"))
        limit = OrgUnit._meta.get_field("name").max_length
        if not name:
            raise ValidationError(_("Give the unit a name."))
        if len(name) > limit:
            raise ValidationError(_("The name is longer than %(limit)d characters.") % {"limit": limit})
        return name

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is None:
            return parent
        if self.instance.pk and parent.is_within(self.instance):
            raise ValidationError(_("A unit cannot be placed under itself or under one of its own units."))
        if len(parent.path) + PATH_STEP + 1 > OrgUnit._meta.get_field("path").max_length:
            raise ValidationError(_("The tree of units cannot go this deep."))
        return parent


class MergeForm(forms.Form):
    target = forms.ModelChoiceField(label=_("Merge into"), queryset=OrgUnit.objects.filter(is_active=True))
    effective_on = forms.DateField(label=_("Effective on"), initial=timezone.localdate)


class MoveForm(forms.Form):
    parent = forms.ModelChoiceField(label=_("New parent unit"), queryset=OrgUnit.objects.filter(is_active=True))


class DissolveForm(forms.Form):
    successors = forms.ModelMultipleChoiceField(
        label=_("Successor departments"), queryset=Department.objects.filter(is_active=True)
    )
    open_work_to = forms.ModelChoiceField(
        label=_("Open assignments go to"), queryset=Department.objects.filter(is_active=True)
    )
    effective_on = forms.DateField(label=_("Effective on"), initial=timezone.localdate)


def _reorganise(modeladmin, request, queryset, form_class, make_step, title):
    """The action's two pages: a form with the preview of everything it will move, then apply on confirm."""
    if not policy.may("reorganise", request.user):
        modeladmin.message_user(request, _("Only an administrator may reorganise."), messages.ERROR)
        return None
    form = form_class(request.POST if "reorganise" in request.POST else None)
    result, error = None, None
    if form.is_valid():
        try:
            steps = [make_step(list(queryset), form.cleaned_data)]
            if request.POST.get("reorganise") == "apply":
                done = reorganisation.apply(steps, actor=request.user)
                modeladmin.message_user(request, _("Reorganisation applied: %(counts)s") % {"counts": done.counts()})
                return None
            result = reorganisation.preview(steps)
        except ValidationError as exc:
            error = "; ".join(exc.messages)
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "objects": queryset,
        "preview": result,
        "error": error,
        "action": request.POST.get("action"),
        "opts": modeladmin.model._meta,
    }
    return TemplateResponse(request, "admin/directory/reorganise.html", context)


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    form = OrgUnitAdminForm
    list_display = ["label", "level", "code", "is_active", "valid_from", "valid_until", "former"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "name_folded", "code"]
    autocomplete_fields = ["parent", "successor"]
    actions = ["merge_units", "move_units"]

    @admin.display(description=OrgUnit._meta.get_field("name").verbose_name, ordering="path")
    def label(self, obj):
        return obj.label

    @admin.display(description=_("formerly"))
    def former(self, obj):
        return ", ".join(obj.former_names)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("predecessors")

    def save_model(self, request, obj, form, change):
        save_unit(unit=obj)

    @admin.action(description=_("Merge the selected units into another (preview first)"))
    def merge_units(self, request, queryset):
        return _reorganise(
            self,
            request,
            queryset,
            MergeForm,
            lambda units, data: reorganisation.MergeUnits(
                sources=tuple(units), target=data["target"], effective_on=data["effective_on"]
            ),
            _("Merge units"),
        )

    @admin.action(description=_("Move the selected units under another unit (preview first)"))
    def move_units(self, request, queryset):
        return _reorganise(
            self,
            request,
            queryset,
            MoveForm,
            lambda units, data: reorganisation.ReparentUnits(units=tuple(units), parent=data["parent"]),
            _("Move units"),
        )


class ReferenceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


class SuccessionInline(admin.TabularInline):
    model = DepartmentSuccession
    fk_name = "predecessor"
    extra = 0
    readonly_fields = ["successor", "functions", "effective_on", "receives_open_work"]
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False  # successions are made by the reorganisation action


@admin.register(Department)
class DepartmentAdmin(ReferenceAdmin):
    list_display = ["name", "code", "sort_order", "is_active", "valid_until", "former"]
    inlines = [SuccessionInline]
    actions = ["dissolve"]

    @admin.display(description=_("formerly"))
    def former(self, obj):
        return ", ".join(obj.former_names)

    @admin.action(description=_("Dissolve the selected department into successors (preview first)"))
    def dissolve(self, request, queryset):
        def make_step(departments, data):
            if len(departments) != 1:
                raise ValidationError(_("Choose one department to dissolve."))
            return reorganisation.DissolveDepartment(
                department=departments[0],
                successors=tuple((d, "") for d in data["successors"]),
                open_work_to=data["open_work_to"],
                effective_on=data["effective_on"],
            )

        return _reorganise(self, request, queryset, DissolveForm, make_step, _("Dissolve a department"))


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
class WorkdayOverrideAdmin(ScopedAdminMixin, admin.ModelAdmin):
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
