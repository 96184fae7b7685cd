"""Logins, failed logins, lock-outs and logouts go to the audit log."""

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditAction
from .services import record_event


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    record_event(action=AuditAction.LOGIN, actor=user, request=request)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    # The idle-timeout middleware marks the request so the log says why the session ended.
    action = getattr(request, "audit_logout_action", AuditAction.LOGOUT)
    record_event(action=action, actor=user, request=request)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # Django has already replaced the password by stars; only the name tried is kept.
    record_event(
        action=AuditAction.LOGIN_FAILED,
        request=request,
        details={"username": str(credentials.get("username", ""))[:150]},
    )


@receiver(user_locked_out, dispatch_uid="audit_locked_out")
def _locked_out(sender, request, username, ip_address, **kwargs):
    record_event(action=AuditAction.LOCKED_OUT, request=request, details={"username": str(username or "")[:150]})
