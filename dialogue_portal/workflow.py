"""The shape every status workflow of the portal shares: sessions, petitions, assignments, invitations.

Each entity declares one ``Workflow`` (its table: from → to → the roles that may make the move, and
what a move requires); its service calls ``Workflow.check`` with the roles ``policy`` gives the actor.
Moves named only by ``policy.SYSTEM`` are made by a service (e.g. "summary sent" by a transmittal).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class StaleEdit(ValidationError):
    """The form was based on an older version; ``changes`` says what was saved meanwhile. Nothing was saved."""

    def __init__(self, changes=(), message: str | None = None):
        self.changes = list(changes)
        text = message or _("Someone else saved this after you opened the form. Nothing was saved.")
        super().__init__([text, *(str(change) for change in self.changes)], code="stale")


def check_version(current_version: int, expected_version, changes_since) -> None:
    """Refuse a form opened on an older version (``changes_since(version)`` lists what changed)."""
    if expected_version is None:
        return
    try:
        expected = int(expected_version)
    except (TypeError, ValueError):
        raise StaleEdit() from None
    if expected != current_version:
        raise StaleEdit(changes_since(expected))


@dataclass(frozen=True)
class Workflow:
    """One entity's transition table and the fields its moves require."""

    name: str
    table: dict[str, dict[str, frozenset[str]]]
    # to status → (field or "note", message when it is missing)
    required: dict[str, tuple[str, object]] = field(default_factory=dict)
    # The refusal of a move the table lacks, with %(from)s and %(to)s.
    not_allowed: object = gettext_lazy("“%(from)s” cannot become “%(to)s”.")

    @property
    def states(self) -> set[str]:
        return set(self.table) | {to for targets in self.table.values() for to in targets}

    def targets(self, from_status: str, roles) -> list[str]:
        """The statuses an actor holding ``roles`` may move to from ``from_status``, in table order."""
        return [to for to, who in self.table.get(from_status, {}).items() if who & set(roles)]

    def check(self, from_status: str, to_status: str, roles, *, label=str) -> None:
        """ValidationError when the table has no such move; PermissionDenied when ``roles`` may not make it."""
        allowed = self.table.get(from_status, {})
        if to_status not in allowed:
            raise ValidationError(
                str(self.not_allowed) % {"from": label(from_status), "to": label(to_status)}, code="not_allowed"
            )
        if not allowed[to_status] & set(roles):
            raise PermissionDenied(_("You may not make this change."))

    def check_required(self, to_status: str, values: dict) -> None:
        """ValidationError naming the field a move to ``to_status`` needs and did not get."""
        need = self.required.get(to_status)
        if need and not values.get(need[0]):
            raise ValidationError({need[0]: need[1]})


class StatusChange(models.Model):
    """One step of a workflow: who moved it, when, from what to what, and why (each entity adds its key)."""

    from_status = models.CharField(gettext_lazy("from"), max_length=20, blank=True)
    to_status = models.CharField(gettext_lazy("to"), max_length=20)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=gettext_lazy("by"), null=True, on_delete=models.SET_NULL
    )
    note = models.TextField(gettext_lazy("note"), blank=True)
    at = models.DateTimeField(gettext_lazy("at"), auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["at", "pk"]
