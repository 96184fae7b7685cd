"""Documents other apps attach to a department's invitation, so that dialogues imports none of them.

The reports app issues each invited department's letter (Giấy mời) and registers a provider here in its
``AppConfig.ready()``; the invitation mail attaches what the providers give beside the .ics, and the
invitation's admin page and the session page link to the files.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .models import Invitation

Attachment = tuple[str, bytes, str]  # file name, content, MIME type


@dataclass(frozen=True)
class InvitationDocuments:
    name: str
    # (invitation, notice) -> files to attach to that notice ("invitation", "reminder", "postponed", …)
    attachments: Callable[[Invitation, str], list[Attachment]]
    # (invitation) -> (label, url) pairs of the files already issued for it
    links: Callable[[Invitation], list[tuple[str, str]]]


_registry: dict[str, InvitationDocuments] = {}


def register(provider: InvitationDocuments) -> None:
    """Add (or, under the same name, replace) a provider."""
    _registry[provider.name] = provider


def attachments_for(invitation: Invitation, notice: str) -> list[Attachment]:
    return [item for provider in _registry.values() for item in provider.attachments(invitation, notice)]


def links_for(invitation: Invitation) -> list[tuple[str, str]]:
    return [link for provider in _registry.values() for link in provider.links(invitation)]
