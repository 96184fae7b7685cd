from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "dialogue_portal.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from dialogue_portal import writes

        from . import signals  # noqa: F401  (connects the login, logout and lock-out receivers)

        writes.watch_open_connections()  # and every connection opened later: each write moves the pages' stamp
