"""Request-level security: audit of denials and admin changes, staff idle timeout, no-store, CSP."""

import time
from functools import lru_cache

from csp.constants import HEADER, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware
from csp.utils import build_policy
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import add_never_cache_headers
from django.utils.translation import ngettext

from dialogue_portal import policy

from .models import AuditAction
from .services import record_event, save_event, serving

ADMIN_ACTIONS = {
    ADDITION: AuditAction.ADMIN_ADDITION,
    CHANGE: AuditAction.ADMIN_CHANGE,
    DELETION: AuditAction.ADMIN_DELETION,
}
LAST_SEEN_KEY = "last_seen"
# Writing the session on every click would cost a query each; a minute's precision is enough.
LAST_SEEN_GRANULARITY = 60


def _admin_prefix() -> str:
    return reverse("admin:index")


class AuditMiddleware:
    """Records every 403 answer, and copies the admin's own change log (LogEntry) into the audit log.

    The copy is taken after each admin POST rather than from a post_save signal because the
    admin's bulk "delete selected" writes its LogEntry rows with bulk_create, which sends no signal.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = timezone.now()
        with serving(request):
            response = self.get_response(request)
        user = getattr(request, "user", None)
        if response.status_code == 403:
            record_event(
                action=AuditAction.PERMISSION_DENIED,
                request=request,
                details={"path": request.path[:500], "method": request.method},
            )
        if (
            request.method == "POST"
            and user is not None
            and user.is_authenticated
            and request.path.startswith(_admin_prefix())
        ):
            self._copy_admin_log(request, user, since=started)
        return response

    @staticmethod
    def _copy_admin_log(request, user, *, since):
        for entry in LogEntry.objects.filter(user=user, action_time__gte=since).order_by("pk"):
            save_event(
                action=ADMIN_ACTIONS.get(entry.action_flag, AuditAction.ADMIN_CHANGE),
                actor=user,
                request=request,
                target_content_type_id=entry.content_type_id,
                target_id=entry.object_id or "",
                target_repr=entry.object_repr,
                details={"change": entry.get_change_message(), "log_entry": entry.pk},
            )


def idle_timeout_applies(user) -> bool:
    """Staff, administrators and department representatives: the accounts that see the most."""
    return policy.capabilities(user)["idle_logout"]  # kept with the user: no rule evaluation per request


class StaffIdleTimeoutMiddleware:
    """Logs staff out after STAFF_IDLE_TIMEOUT_MINUTES without a request (0 turns it off)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        minutes = settings.STAFF_IDLE_TIMEOUT_MINUTES
        user = request.user
        if minutes and user.is_authenticated and idle_timeout_applies(user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > minutes * 60:
                request.audit_logout_action = AuditAction.SESSION_EXPIRED
                logout(request)
                messages.info(
                    request,
                    ngettext(
                        "You were logged out after %(minutes)d minute without activity. Please log in again.",
                        "You were logged out after %(minutes)d minutes without activity. Please log in again.",
                        minutes,
                    )
                    % {"minutes": minutes},
                )
                return redirect_to_login(request.get_full_path())
            if last_seen is None or now - last_seen >= LAST_SEEN_GRANULARITY:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class NoStoreForUsersMiddleware:
    """Pages shown to a logged-in user hold personal data: no browser or proxy may keep a copy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response


class PortalCSPMiddleware(CSPMiddleware):
    """The site's policy allows scripts only with the page's nonce.

    Django 5.2's admin loads its own script files with plain <script src> tags and no nonce
    (it has no inline scripts), so under /admin/ only, scripts from our own origin are allowed too.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(_admin_prefix()):
            parts.update = {**(parts.update or {}), "script-src": [SELF]}
        return parts

    def process_response(self, request, response):
        """The library's answer, with the header text built once per process (two kinds of page, with and
        without a nonce) instead of twice per response; a view's own policy goes the library's way."""
        if (
            settings.DEBUG
            or getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
            or (getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}).get("EXCLUDE_URL_PREFIXES")
            or any(hasattr(response, name) for name in _PER_RESPONSE_POLICY)
        ):
            return super().process_response(request, response)
        nonce = getattr(request, "_csp_nonce", None)
        if HEADER not in response:
            header = _policy_text(request.path_info.startswith(_admin_prefix()), nonce is not None)
            response[HEADER] = header.replace(_NONCE_SLOT, nonce) if nonce else header
        if nonce is None:
            request.csp_nonce = CheckableLazyObject(self._csp_nonce_post_response)
        return response


_PER_RESPONSE_POLICY = tuple(
    f"_csp_{kind}{suffix}" for kind in ("config", "update", "replace", "exempt") for suffix in ("", "_ro")
)
_NONCE_SLOT = "portal-csp-nonce-slot"


@lru_cache(maxsize=4)
def _policy_text(admin: bool, with_nonce: bool) -> str:
    return build_policy(update={"script-src": [SELF]} if admin else None, nonce=_NONCE_SLOT if with_nonce else None)
