import json

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy
from dialogue_portal.admin_guard import ScopedAdminMixin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only, and for administrators only: the log is evidence, nobody edits it."""

    list_display = ["at", "action_label", "actor_username", "ip_address", "target_type", "target_repr"]
    list_filter = ["action", "at"]
    search_fields = ["actor_username", "ip_address", "target_repr", "action"]
    date_hierarchy = "at"
    list_select_related = ["target_content_type"]
    fields = [
        "at",
        "action_label",
        "actor_username",
        "ip_address",
        "target_type",
        "target_id",
        "target_repr",
        "details_text",
    ]
    readonly_fields = fields
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("target_content_type")

    @admin.display(description=_("action"), ordering="action")
    def action_label(self, obj):
        return obj.action_label

    @admin.display(description=_("object type"))
    def target_type(self, obj):
        return obj.target_content_type.name if obj.target_content_type else ""

    @admin.display(description=_("details"))
    def details_text(self, obj):
        return format_html("<pre>{}</pre>", json.dumps(obj.details, ensure_ascii=False, indent=2))

    def has_module_permission(self, request):
        return policy.may("view_audit", request.user)

    def has_view_permission(self, request, obj=None):
        return policy.may("view_audit", request.user)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
