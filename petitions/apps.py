from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from dialogues import minutes, panels

        from .minutes import session_petition_opinions
        from .panels import PANEL

        panels.register(PANEL)  # the session page's petitions panel
        minutes.register_opinion_provider("petitions", session_petition_opinions)  # the minutes' petitions
