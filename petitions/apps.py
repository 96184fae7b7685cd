from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PetitionsConfig(AppConfig):
    name = "petitions"
    verbose_name = _("Petitions")

    def ready(self):
        from dialogue_portal.directory import reorganisation
        from dialogues import panels

        from .panels import PANEL
        from .reorganisation import move_open_work

        panels.register(PANEL)  # the session page's petitions panel
        reorganisation.register_hook(move_open_work)  # open assignments follow a dissolved department
