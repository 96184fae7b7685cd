"""The portal's user: one login, bound to a unit or a department by role."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from .roles import Role


def new_token() -> str:
    return secrets.token_urlsafe(32)


class User(AbstractUser):
    """A portal user.

    Branch leaders are bound to an organisation unit and see its subtree;
    department representatives are bound to a department and use the admin.
    """

    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    unit = models.ForeignKey(
        "directory.OrgUnit",
        verbose_name=_("organisation unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
    )
    language = models.CharField(
        _("language"), max_length=8, default="vi", choices=[("vi", "Tiếng Việt"), ("en", "English")]
    )
    # Secret for the personal calendar feed; rotating it revokes old subscriptions.
    feed_token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.username

    @cached_property
    def role_names(self) -> frozenset[str]:
        """The user's roles, read once per request (a new request sees a revoked role)."""
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    @property
    def is_administrator(self) -> bool:
        return self.is_active and (self.is_superuser or self.has_role(Role.ADMINISTRATOR))

    @property
    def is_province_staff(self) -> bool:
        return self.is_administrator or self.has_role(Role.PROVINCE_STAFF)

    @property
    def is_branch_leader(self) -> bool:
        return self.has_role(Role.BRANCH_LEADER) and self.unit_id is not None

    @property
    def is_department_rep(self) -> bool:
        return self.has_role(Role.DEPARTMENT_REP) and self.department_id is not None

    @property
    def display_name(self) -> str:
        return self.full_name or self.username
