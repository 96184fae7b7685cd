"""Panels that other apps add to the session page, so that dialogues imports none of them.

An app registers its panels in its ``AppConfig.ready()``. For each request the session page asks
every panel for its context and includes the panel's template at the panel's place on the page.
A panel checks its own permission (through ``dialogue_portal.policy``) and returns None to stay
hidden. Its template sees its context as ``panel``, beside the page's ``session`` and ``csrf_token``.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.http import HttpRequest

from .models import DialogueSession

# Places on the session page where panels go, top to bottom.
AFTER_ATTENDANCE = "after_attendance"
AFTER_MINUTES = "after_minutes"
PLACES = (AFTER_ATTENDANCE, AFTER_MINUTES)


@dataclass(frozen=True)
class SessionPanel:
    name: str
    place: str
    template: str
    # (request, session, manager=<may the user manage the session>) -> the template's context, or None to hide it
    context: Callable[..., dict | None]


_registry: dict[str, SessionPanel] = {}


def register(panel: SessionPanel) -> None:
    """Add (or, under the same name, replace) a panel; panels of one place show in registration order."""
    if panel.place not in PLACES:
        raise ValueError(f"Unknown place {panel.place!r} on the session page; one of {PLACES}")
    _registry[panel.name] = panel


def registered() -> list[SessionPanel]:
    return list(_registry.values())


def panels_for(request: HttpRequest, session: DialogueSession, *, manager: bool) -> dict[str, list[dict]]:
    """The panels ``request.user`` sees on ``session``'s page, by place: [{"template", "context"}]."""
    shown: dict[str, list[dict]] = {place: [] for place in PLACES}
    for panel in _registry.values():
        context = panel.context(request, session, manager=manager)
        if context is not None:
            shown[panel.place].append({"name": panel.name, "template": panel.template, "context": context})
    return shown
