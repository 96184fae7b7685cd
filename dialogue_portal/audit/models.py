"""The audit log: who did what, from where and when."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """Actions this app records itself; other apps record their own names ("petition.export", …)."""

    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Locked out after repeated failed logins")
    LOGOUT = "logout", _("Logged out")
    SESSION_EXPIRED = "session_expired", _("Logged out after inactivity")
    PERMISSION_DENIED = "permission_denied", _("Access denied")
    BAD_REQUEST = "bad_request", _("Malformed request refused")
    ADMIN_ADDITION = "admin.addition", _("Added in the administration")
    ADMIN_CHANGE = "admin.change", _("Changed in the administration")
    ADMIN_DELETION = "admin.deletion", _("Deleted in the administration")


class AuditEvent(models.Model):
    """One recorded event. Rows are only added, never changed; `purge_audit` removes old ones."""

    action = models.CharField(_("action"), max_length=64)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="audit_events",
    )
    # Kept apart from the foreign key so the event still names the user after the account is gone.
    actor_username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)
    target_content_type = models.ForeignKey(
        ContentType, verbose_name=_("object type"), null=True, blank=True, on_delete=models.SET_NULL
    )
    target_id = models.CharField(_("object id"), max_length=64, blank=True)
    target_repr = models.CharField(_("object"), max_length=200, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["at"], name="audit_at_idx"),
            models.Index(fields=["action", "at"], name="audit_action_at_idx"),
            models.Index(fields=["actor", "at"], name="audit_actor_at_idx"),
            models.Index(fields=["target_content_type", "target_id"], name="audit_target_idx"),
        ]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action} {self.actor_username}".strip()

    @property
    def action_label(self) -> str:
        """The readable name of a known action, else the action's own name."""
        try:
            return AuditAction(self.action).label
        except ValueError:
            return self.action
