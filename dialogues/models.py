"""Policy dialogue sessions (hội nghị đối thoại chính sách)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLANNED = "planned", _("Planned")
    INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
    HELD = "held", _("Held")
    SUMMARY_SENT = "summary_sent", _("Summary sent")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


class DialogueSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions ``user`` may see: staff all; a branch leader those hosted in the unit's subtree."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_province_staff:
            return self
        if user.is_branch_leader:
            return self.filter(host_unit__path__startswith=user.unit.path)
        return self.none()


class DialogueSession(models.Model):
    """One dialogue: its host unit's level is the dialogue's level."""

    title = models.CharField(_("title"), max_length=300)
    host_unit = models.ForeignKey(
        "directory.OrgUnit", verbose_name=_("host unit"), on_delete=models.PROTECT, related_name="sessions"
    )
    programme = models.CharField(_("programme"), max_length=200, blank=True)
    theme = models.CharField(_("theme"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    topics = models.ManyToManyField("directory.TopicCategory", verbose_name=_("topics"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.DRAFT)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DialogueSessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("dialogue session (hội nghị đối thoại)")
        verbose_name_plural = _("dialogue sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [models.Index(fields=["starts_at"]), models.Index(fields=["status", "starts_at"])]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dialogues:detail", args=[self.pk])

    @property
    def level(self):
        return self.host_unit.level
