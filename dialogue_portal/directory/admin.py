from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from dialogue_portal.admin_guard import ScopedAdminMixin
from dialogue_portal.text import nfc

from .models import PATH_STEP, Department, Holiday, OrgUnit, ParticipantGroup, TopicCategory
from .services import save_unit


class OrgUnitAdminForm(forms.ModelForm):
    """Checks what save_unit would otherwise fail on: a parent inside the unit's own subtree, a path too deep."""

    class Meta:
        model = OrgUnit
        fields = ["name", "level", "parent", "code", "is_active"]

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


@admin.register(OrgUnit)
class OrgUnitAdmin(ScopedAdminMixin, admin.ModelAdmin):
    form = OrgUnitAdminForm
    list_display = ["label", "level", "code", "is_active"]
    list_filter = ["level", "is_active"]
    search_fields = ["name", "name_folded", "code"]
    autocomplete_fields = ["parent"]

    @admin.display(description=OrgUnit._meta.get_field("name").verbose_name, ordering="path")
    def label(self, obj):
        return obj.label

    def save_model(self, request, obj, form, change):
        save_unit(unit=obj)


class ReferenceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["name", "code", "sort_order", "is_active"]
    list_editable = ["sort_order", "is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


admin.site.register(Department, ReferenceAdmin)
admin.site.register(TopicCategory, ReferenceAdmin)
admin.site.register(ParticipantGroup, ReferenceAdmin)


@admin.register(Holiday)
class HolidayAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
