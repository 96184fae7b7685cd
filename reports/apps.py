from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and statistics")

    def ready(self):
        from dialogues import panels

        from . import signals  # noqa: F401  (statistics cache version stamp)
        from .panels import MINUTES_PANEL, PANEL

        panels.register(MINUTES_PANEL)  # the session page's minutes document (biên bản)
        panels.register(PANEL)  # the session page's summary panel
