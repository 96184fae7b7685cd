from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports and statistics")

    def ready(self):
        from dialogues import letters, panels

        from . import signals  # noqa: F401  (statistics cache version stamp)
        from .issuing import PROVIDER
        from .panels import DOCUMENTS_PANEL, MINUTES_PANEL, PANEL

        panels.register(MINUTES_PANEL)  # the session page's minutes document (biên bản)
        panels.register(PANEL)  # the session page's summary panel
        panels.register(DOCUMENTS_PANEL)  # the plan and the invitation letters
        letters.register(PROVIDER)  # each department's letter in its invitation mail and on its pages
