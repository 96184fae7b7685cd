from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from dialogue_portal.directory import reorganisation
        from dialogues import minutes, panels

        from . import signals  # noqa: F401 — next_due follows assignments
        from .minutes import session_petition_opinions
        from .panels import PANEL
        from .reorganisation import move_open_work

        panels.register(PANEL)  # the session page's petitions panel
        minutes.register_opinion_provider("petitions", session_petition_opinions)  # the minutes' petitions
        reorganisation.register_hook(move_open_work)  # open assignments follow a dissolved department
