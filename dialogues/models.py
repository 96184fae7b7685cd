"""Policy dialogue sessions (hội nghị đối thoại chính sách)."""

import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dialogue_portal import policy
from dialogue_portal.labels import label_of
from dialogue_portal.workflow import StatusChange


class SessionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PLANNED = "planned", _("Planned")
    INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
    HELD = "held", _("Held")
    SUMMARY_SENT = "summary_sent", _("Summary sent")
    POSTPONED = "postponed", _("Postponed")
    CANCELLED = "cancelled", _("Cancelled")


# The opening most session titles share; cut from calendar cells so what differs shows.
_GENERIC_TITLE = re.compile(
    r"^\s*(hội nghị\s+)?đối thoại(\s+chính sách)?(\s+(về|với|năm \d{4}))?\s*[:–—-]?\s*", re.IGNORECASE
)


class DialogueSessionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Sessions ``user`` may see.

        Staff: all. Branch leader: those hosted in the unit's subtree or by former units merged into it
        (read-only history), and those hosted above it (a province dialogue its members take part in)
        once planned. Department representative:
        those their department is invited to.
        """
        scope = policy.scope_of(user)
        if scope.everything:
            return self
        if scope.unit_path:
            above = Q(host_unit__path__in=scope.ancestor_paths) & ~Q(status=SessionStatus.DRAFT)
            return self.filter(scope.unit_q("host_unit") | above)
        if scope.department_id:
            # One invitation per department and session, so no duplicates to remove.
            return self.filter(invitations__department_id=scope.department_id)
        return self.none()

    def open_to_petitions(self):
        """Sessions a petition may be raised at: planned or held, not drafts or cancelled ones."""
        return self.exclude(status__in=[SessionStatus.DRAFT, SessionStatus.CANCELLED])


class InvitationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: all; a department: its own; a branch leader: those of sessions its subtree hosts."""
        scope = policy.scope_of(user)
        if scope.everything:
            return self
        if scope.department_id:
            return self.filter(department_id=scope.department_id)
        if scope.unit_path:
            return self.filter(scope.unit_q("session__host_unit"))
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
    # The minutes (biên bản): who chaired and who took them, when the meeting really opened and closed
    # (empty: as scheduled), and "other notes" — the free text the page had before the structured fields.
    chair_name = models.CharField(_("chair"), max_length=200, blank=True)
    chair_title = models.CharField(_("chair's title"), max_length=200, blank=True)
    secretary_name = models.CharField(_("secretary"), max_length=200, blank=True)
    secretary_title = models.CharField(_("secretary's title"), max_length=200, blank=True)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    minutes = models.TextField(_("other notes"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    is_published = models.BooleanField(_("published on the public outcomes page"), default=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    # The .ics SEQUENCE: raised on each new date and on cancelling, so calendars replace their copy.
    ical_sequence = models.PositiveIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = DialogueSessionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "updated_at"])

    class Meta:
        verbose_name = _("dialogue session (hội nghị đối thoại)")
        verbose_name_plural = _("dialogue sessions")
        ordering = ["-starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"
            ),
        ]
        indexes = [
            models.Index(fields=["starts_at"]),
            models.Index(fields=["status", "starts_at"]),
            models.Index(fields=["host_unit", "starts_at"]),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("dialogues:detail", args=[self.pk])

    def get_status_display(self):
        return label_of(SessionStatus, self.status)  # translated once per language: lists show many

    @property
    def choice_label(self) -> str:
        """How a drop-down names the session: "dd/mm/yyyy — title" (local date), so same titles differ."""
        from django.utils import timezone

        return f"{timezone.localtime(self.starts_at):%d/%m/%Y} — {self.title}"

    @property
    def short_title(self) -> str:
        """The title without the words every session shares ("Hội nghị đối thoại chính sách về …"), for a
        calendar cell; the whole title when nothing else is left."""
        rest = _GENERIC_TITLE.sub("", self.title, count=1).strip()
        return (rest[:1].upper() + rest[1:]) if rest else self.title

    @property
    def level(self):
        return self.host_unit.level


class SessionStatusChange(StatusChange):
    """One step of a session's workflow: who moved it, when, from what to what, and why."""

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=SessionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=SessionStatus.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("session status change")
        verbose_name_plural = _("session status changes")

    def __str__(self):
        return f"{self.session_id}: {self.from_status} → {self.to_status}"

    # Translated once per language (dialogue_portal/labels.py): the page lists every change.
    def get_from_status_display(self):
        return label_of(SessionStatus, self.from_status)

    def get_to_status_display(self):
        return label_of(SessionStatus, self.to_status)


class AgendaItem(models.Model):
    session = models.ForeignKey(
        DialogueSession, verbose_name=_("dialogue session"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    presenter_department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("presenting department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    presenter_name = models.CharField(_("presenter"), max_length=200, blank=True)
    planned_minutes = models.PositiveSmallIntegerField(_("planned minutes"), default=15)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "position", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(planned_minutes__lte=600), name="agenda_minutes_sane"),
        ]

    def __str__(self):
        return self.title


class InvitationState(models.TextChoices):
    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")
    DELEGATED = "delegated", _("Delegated")


class Invitation(models.Model):
    """A department invited to a session, and whether it came."""

    session = models.ForeignKey(
        DialogueSession, verbose_name=_("dialogue session"), on_delete=models.CASCADE, related_name="invitations"
    )
    department = models.ForeignKey(
        "directory.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="invitations"
    )
    representative_name = models.CharField(_("representative"), max_length=200, blank=True)
    representative_title = models.CharField(_("representative's title"), max_length=200, blank=True)
    state = models.CharField(
        _("reply"), max_length=20, choices=InvitationState.choices, default=InvitationState.PENDING
    )
    delegate_name = models.CharField(_("delegated to"), max_length=200, blank=True)
    attended = models.BooleanField(_("attended"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    history = HistoricalRecords()

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["session", "department__sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["session", "department"], name="one_invitation_per_department"),
        ]

    def __str__(self):
        return f"{self.department} — {self.session}"

    def get_state_display(self):
        return label_of(InvitationState, self.state)


class ParticipantAttendance(models.Model):
    """Expected and actual attendance of one participant group at a session."""

    session = models.ForeignKey(
        DialogueSession, verbose_name=_("dialogue session"), on_delete=models.CASCADE, related_name="attendance"
    )
    group = models.ForeignKey(
        "directory.ParticipantGroup", verbose_name=_("participant group"), on_delete=models.PROTECT, related_name="+"
    )
    expected = models.PositiveIntegerField(_("expected"), default=0)
    actual = models.PositiveIntegerField(_("attended"), null=True, blank=True)

    class Meta:
        verbose_name = _("participant attendance")
        verbose_name_plural = _("participant attendance")
        ordering = ["session", "group__sort_order"]
        constraints = [models.UniqueConstraint(fields=["session", "group"], name="one_attendance_row_per_group")]

    def __str__(self):
        return f"{self.group}: {self.actual}/{self.expected}"


class SessionOpinion(models.Model):
    """An opinion raised orally at the session (not a petition) and the answer given there, for the minutes."""

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="opinions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    speaker = models.CharField(_("speaker or unit"), max_length=200, blank=True)
    text = models.TextField(_("opinion"))
    answer_text = models.TextField(_("answer given"), blank=True)
    answered_by = models.ForeignKey(
        "directory.Department",
        verbose_name=_("answered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("opinion raised at the session")
        verbose_name_plural = _("opinions raised at the session")
        ordering = ["session", "position", "pk"]

    def __str__(self):
        return self.text[:80]


class Addressee(models.TextChoices):
    PARTY_COMMITTEE = "tinh_uy", _("Provincial Party Committee (Tỉnh ủy)")
    PEOPLES_COMMITTEE = "ubnd_tinh", _("Provincial People's Committee (UBND tỉnh)")
    DEPARTMENT = "department", _("A department")


class FollowUp(models.TextChoices):
    WAITING = "waiting", _("Waiting to be handled")
    IN_PROGRESS = "in_progress", _("Being handled")
    RESOLVED = "resolved", _("Resolved")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")


class RecommendationQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Recommendations of the sessions ``user`` may see."""
        return self.filter(session__in=DialogueSession.objects.visible_to(user).values("pk"))


class Recommendation(models.Model):
    """A recommendation (kiến nghị, đề xuất) raised at or after a session, addressed up, and followed to its end."""

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="recommendations")
    text = models.TextField(_("recommendation"))
    addressed_to = models.CharField(_("addressed to"), max_length=20, choices=Addressee.choices)
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="recommendations",
    )
    follow_up = models.CharField(_("follow-up"), max_length=20, choices=FollowUp.choices, default=FollowUp.WAITING)
    follow_up_on = models.DateField(_("followed up on"), null=True, blank=True)
    response_note = models.TextField(_("response"), blank=True)
    is_published = models.BooleanField(_("published on the public outcomes page"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecommendationQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("recommendation (kiến nghị, đề xuất)")
        verbose_name_plural = _("recommendations")
        ordering = ["session", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(addressed_to="department") | Q(department__isnull=False),
                name="recommendation_to_department_names_it",
            ),
            models.CheckConstraint(
                condition=Q(addressed_to="department") | Q(department__isnull=True),
                name="recommendation_to_committee_has_no_department",
            ),
        ]
        indexes = [models.Index(fields=["is_published", "-created_at"])]

    def __str__(self):
        return self.text[:80]

    def get_follow_up_display(self):
        return label_of(FollowUp, self.follow_up)

    def get_addressed_to_display(self):
        return label_of(Addressee, self.addressed_to)

    @property
    def addressee_label(self) -> str:
        if self.addressed_to == Addressee.DEPARTMENT and self.department_id:
            return self.department.name
        return str(self.get_addressed_to_display())


class AttendeeRequest(models.TextChoices):
    """Whom the invitation letter asks each department to send."""

    LEADER = "leader", _("A leader of the department")
    LEADER_OR_DELEGATE = "leader_or_delegate", _("A leader, or an official the leader delegates")


class SessionPlan(models.Model):
    """The editable parts of the session's plan (Kế hoạch) and invitation letters (Giấy mời).

    Everything else the documents say comes from the session itself: time, venue, agenda, invitations,
    participant groups. Blank fields fall back to the defaults in ``dialogues.plans``.
    """

    session = models.OneToOneField(DialogueSession, on_delete=models.CASCADE, related_name="plan")
    purpose = models.TextField(
        _("purpose and requirements"),
        blank=True,
        help_text=_("Section I of the plan, in Vietnamese; one paragraph per line."),
    )
    attendee_request = models.CharField(
        _("whom each department should send"),
        max_length=30,
        choices=AttendeeRequest.choices,
        default=AttendeeRequest.LEADER_OR_DELEGATE,
    )
    contact_name = models.CharField(_("contact person"), max_length=200, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    reply_by = models.DateField(_("reply by"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("session plan")
        verbose_name_plural = _("session plans")

    def __str__(self):
        return str(self.session)


class PlanTask(models.Model):
    """One line of "Tổ chức thực hiện": who prepares what, by when."""

    session = models.ForeignKey(DialogueSession, on_delete=models.CASCADE, related_name="plan_tasks")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    unit = models.ForeignKey(
        "directory.OrgUnit", verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    person = models.CharField(_("person in charge"), max_length=200, blank=True)
    task = models.TextField(_("task"))
    due_date = models.DateField(_("deadline"), null=True, blank=True)

    class Meta:
        verbose_name = _("plan task")
        verbose_name_plural = _("plan tasks")
        ordering = ["session", "position", "pk"]

    def __str__(self):
        return self.task[:80]

    @property
    def assignee(self) -> str:
        """ "Unit; Department; Person" — whichever are given."""
        parts = [self.unit.name if self.unit_id else "", self.department.name if self.department_id else ""]
        return "; ".join(part for part in [*parts, self.person] if part)
