from django.contrib import admin

from dialogue_portal.admin_guard import ScopedAdminMixin

from .models import ExportJob, ReportSettings, Transmittal


@admin.register(ReportSettings)
class ReportSettingsAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """One row: the letterhead, signer and recipients of every report."""

    fieldsets = [
        (None, {"fields": ["parent_body", "issuing_body", "issuer_code", "place"]}),
        (None, {"fields": ["signing_authority", "signer_title", "signer_name"]}),
        (None, {"fields": ["addressees", "recipients", "drafting_unit", "recipient_emails", "drafter_initials"]}),
    ]

    def has_add_permission(self, request):
        return False  # the one row is made on first visit (changelist_view), so no query on every admin page

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        from django.shortcuts import redirect

        settings_row = ReportSettings.load()
        return redirect("admin:reports_reportsettings_change", settings_row.pk)


@admin.register(ExportJob)
class ExportJobAdmin(ScopedAdminMixin, admin.ModelAdmin):
    list_display = ["pk", "kind", "file_format", "requested_by", "status", "progress", "created_at", "finished_at"]
    list_filter = ["status", "kind"]
    readonly_fields = [f.name for f in ExportJob._meta.fields]

    def get_queryset(self, request):
        return ExportJob.objects.visible_to(request.user).select_related("requested_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Transmittal)
class TransmittalAdmin(ScopedAdminMixin, admin.ModelAdmin):
    """Read-only: a transmittal and its file are a record of what was sent."""

    list_display = ["document_number", "document_date", "session", "sent_by", "sent_at"]
    readonly_fields = [f.name for f in Transmittal._meta.fields]

    def get_queryset(self, request):
        return Transmittal.objects.visible_to(request.user).select_related("session", "sent_by")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
