"""Admin: sessions for staff (read and archive), invitations for department representatives.

Every queryset comes from a selector, so a representative sees only their own department's
invitations, and another department's invitation answers 404.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from dialogue_portal.admin_guard import ScopedAdminMixin

from . import letters, selectors, services
from .models import AgendaItem, DialogueSession, Invitation, SessionStatusChange


class ScopedAdmin(ScopedAdminMixin, admin.ModelAdmin):
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ("position", "title", "presenter_department", "presenter_name", "planned_minutes")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


class StatusChangeInline(admin.TabularInline):
    model = SessionStatusChange
    extra = 0
    fields = ("at", "from_status", "to_status", "actor", "note")
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(DialogueSession)
class DialogueSessionAdmin(ScopedAdmin):
    """Staff look sessions up here; planning happens on the portal pages, which apply the workflow."""

    list_display = ("title", "host_unit", "starts_at", "status", "is_archived")
    list_filter = ("status", "is_archived", "host_unit__level")
    search_fields = ("title", "venue")
    date_hierarchy = "starts_at"
    list_select_related = ("host_unit",)
    readonly_fields = (
        "title",
        "host_unit",
        "programme",
        "theme",
        "description",
        "starts_at",
        "ends_at",
        "venue",
        "status",
        "minutes",
        "cancel_reason",
        "is_archived",
        "is_published",  # published and withdrawn from the session page, through the service (audited)
        "created_by",
    )
    fields = readonly_fields
    inlines = [AgendaItemInline, StatusChangeInline]
    actions = ["archive_selected"]

    def get_queryset(self, request):
        return selectors.sessions_visible_to(request.user, include_archived=True)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False  # archive instead

    def save_model(self, request, obj, form, change):
        """Nothing is edited here: sessions change in the portal, through the services."""

    @admin.action(description=_("Archive the selected sessions"), permissions=["change"])
    def archive_selected(self, request, queryset):
        done = 0
        for session in queryset.select_related("host_unit"):
            try:
                services.archive_session(session=session, actor=request.user)
                done += 1
            except PermissionDenied:
                self.message_user(request, _("You may not archive “%(s)s”.") % {"s": session}, messages.ERROR)
        self.message_user(request, _("%(n)d sessions archived.") % {"n": done}, messages.SUCCESS)


class InvitationAdminForm(forms.ModelForm):
    """The reply fields only; the rules live in services.validate_reply and saving in the service."""

    actor = None  # set per request by InvitationAdmin.get_form

    class Meta:
        model = Invitation
        fields = ("state", "representative_name", "representative_title", "delegate_name")

    def clean(self):
        cleaned = super().clean()
        try:
            services.validate_reply(
                invitation=self.instance,
                actor=self.actor,
                state=cleaned.get("state"),
                delegate_name=cleaned.get("delegate_name", ""),
            )
        except ValidationError as exc:
            field = "delegate_name" if getattr(exc, "code", "") == "delegate_required" else None
            self.add_error(field, exc)
        except PermissionDenied as exc:
            self.add_error(None, str(exc))
        return cleaned


@admin.register(Invitation)
class InvitationAdmin(ScopedAdmin):
    list_display = ("session", "session_start", "department", "state", "delegate_name", "attended")
    list_filter = ("state",)
    search_fields = ("session__title", "department__name")
    readonly_fields = (
        "session",
        "department",
        "session_start",
        "session_venue",
        "session_host",
        "sent_at",
        "responded_at",
        "attended",
        "letters",
    )
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "session",
                    "session_start",
                    "session_venue",
                    "session_host",
                    "department",
                    "sent_at",
                    "responded_at",
                    "attended",
                    "letters",
                )
            },
        ),
        (_("Your reply"), {"fields": ("state", "representative_name", "representative_title", "delegate_name")}),
    )

    def get_queryset(self, request):
        return selectors.invitations_visible_to(request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs["form"] = type("InvitationReply", (InvitationAdminForm,), {"actor": request.user})
        return super().get_form(request, obj, change, **kwargs)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("venue"))
    def session_venue(self, obj):
        return obj.session.venue or "—"

    @admin.display(description=_("host unit"))
    def session_host(self, obj):
        return obj.session.host_unit.name

    @admin.display(description=_("starts at"), ordering="session__starts_at")
    def session_start(self, obj):
        from django.utils import timezone
        from django.utils.formats import date_format

        return date_format(timezone.localtime(obj.session.starts_at), "d/m/Y H:i")

    @admin.display(description=_("invitation letter"))
    def letters(self, obj):
        """The department's letter (Giấy mời) as issued, from the apps that issue it (dialogues.letters)."""
        links = letters.links_for(obj) if obj.pk else []
        if not links:
            return _("Issued when the invitations are sent.")
        return format_html_join("", '<div><a href="{}">{}</a></div>', ((url, label) for label, url in links))

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        try:
            services.reply_to_invitation(
                invitation=obj,
                actor=request.user,
                state=data["state"],
                representative_name=data["representative_name"],
                representative_title=data["representative_title"],
                delegate_name=data["delegate_name"],
            )
        except ValidationError as exc:  # the form checked the same rules; a race is all that is left
            raise PermissionDenied(" ".join(exc.messages)) from exc
