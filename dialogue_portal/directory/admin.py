from django.contrib import admin

from .models import Department, Holiday, OrgUnit, ParticipantGroup, TopicCategory
from .services import save_unit


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


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"
