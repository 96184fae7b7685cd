"""Petitions (ý kiến, kiến nghị, thắc mắc, phản ánh), their routing to departments, and answers."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from dialogue_portal import policy
from dialogue_portal.labels import label_of
from dialogue_portal.workflow import StatusChange


class PetitionKind(models.TextChoices):
    OPINION = "opinion", _("Opinion")
    RECOMMENDATION = "recommendation", _("Recommendation")
    QUESTION = "question", _("Question")
    COMPLAINT = "complaint", _("Complaint")


class PetitionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RECEIVED = "received", _("Received")
    ASSIGNED = "assigned", _("Assigned")
    ANSWERED = "answered", _("Answered")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")
    RETURNED = "returned", _("Returned for more information")
    REJECTED = "rejected", _("Rejected")
    MERGED = "merged", _("Merged into another petition")
    FORWARDED = "forwarded", _("Forwarded to a competent authority")


class PetitionQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Petitions ``user`` may see.

        Province staff: all. Branch leader: those submitted by units in their subtree, or by former
        units merged into it (history, read-only).
        Department representative: those assigned to their department. Anyone else: none.
        """
        scope = policy.scope_of(user)
        if scope.everything:
            return self
        if scope.unit_path:
            return self.filter(scope.unit_q("unit"))
        if scope.department_id:
            # A subquery, not a join, so no duplicate rows and no DISTINCT.
            assigned = Assignment.objects.filter(department_id=scope.department_id).values("petition_id")
            return self.filter(pk__in=assigned)
        return self.none()


class ScopedQuerySet(models.QuerySet):
    """Rows hanging off a petition: visible exactly when their petition is (``petition_field`` names the path)."""

    petition_field = "petition"

    def visible_to(self, user):
        scope = policy.scope_of(user)
        if scope.everything:
            return self
        if scope.nothing:
            return self.none()
        petitions = Petition.objects.visible_to(scope).values("pk")
        return self.filter(**{f"{self.petition_field}__in": petitions})


class AssignmentQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Staff: all; a branch leader: those of the subtree's petitions; a department: its own."""
        scope = policy.scope_of(user)
        if scope.department_id:
            return self.filter(department_id=scope.department_id)
        return super().visible_to(scope)


class AnswerQuerySet(ScopedQuerySet):
    petition_field = "assignment__petition"

    def visible_to(self, user):
        scope = policy.scope_of(user)
        if scope.department_id:
            return self.filter(assignment__department_id=scope.department_id)
        return super().visible_to(scope)


class Petition(models.Model):
    """One member's opinion, recommendation, question or complaint, from intake to its end."""

    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    number = models.PositiveIntegerField(_("number in year"), editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=PetitionKind.choices, default=PetitionKind.RECOMMENDATION)
    title = models.CharField(_("title"), max_length=300)
    content = models.TextField(_("content"))
    topics = models.ManyToManyField("directory.TopicCategory", verbose_name=_("topics"), blank=True)
    unit = models.ForeignKey(
        "directory.OrgUnit", verbose_name=_("submitting unit"), on_delete=models.PROTECT, related_name="petitions"
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="submitted_petitions",
    )
    # Petitioner details, entered on the member's behalf; hidden from departments when anonymous.
    petitioner_name = models.CharField(_("petitioner's name"), max_length=200, blank=True)
    petitioner_phone = models.CharField(_("petitioner's phone"), max_length=30, blank=True)
    petitioner_ethnicity = models.CharField(_("ethnicity"), max_length=100, blank=True)
    petitioner_has_disability = models.BooleanField(_("has a disability"), default=False)
    participant_group = models.ForeignKey(
        "directory.ParticipantGroup",
        verbose_name=_("participant group"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    supporters_count = models.PositiveIntegerField(_("members who raised it"), default=1)
    is_anonymous = models.BooleanField(_("anonymous"), default=False)
    session = models.ForeignKey(
        "dialogues.DialogueSession",
        verbose_name=_("dialogue session"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="petitions",
    )
    status = models.CharField(_("status"), max_length=20, choices=PetitionStatus.choices, default=PetitionStatus.DRAFT)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )
    forwarded_authority = models.CharField(_("competent authority"), max_length=300, blank=True)
    status_reason = models.TextField(_("reason"), blank=True)
    is_published = models.BooleanField(_("published on the public outcomes page"), default=False)
    is_archived = models.BooleanField(_("archived"), default=False)
    search_text = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)
    # Chosen by the submitting phone (or the form): a resend with the same key returns this petition.
    client_key = models.UUIDField(_("submission key"), null=True, blank=True, unique=True, editable=False)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    # The earliest due date of a pending assignment (None when nothing waits), kept by
    # services.refresh_next_due so the admin list sorts by an index instead of a subquery per row.
    next_due = models.DateField(_("next due date"), null=True, blank=True, editable=False)

    objects = PetitionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_text", "next_due"])

    class Meta:
        verbose_name = _("petition (ý kiến, kiến nghị)")
        verbose_name_plural = _("petitions")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="petition_number_unique_per_year"),
            models.CheckConstraint(condition=Q(supporters_count__gte=1), name="petition_has_a_supporter"),
            models.CheckConstraint(
                condition=~Q(status="merged") | Q(merged_into__isnull=False), name="merged_petition_names_target"
            ),
        ]
        indexes = [
            models.Index(fields=["status", "-created_at"]),
            models.Index(fields=["unit", "-created_at"]),
            models.Index(fields=["session"]),
            models.Index(fields=["-created_at", "-id"]),
            # The list (never archived rows): a deep page's keys and the capped count from the index alone.
            models.Index(fields=["-created_at", "-id"], condition=Q(is_archived=False), name="petition_live_newest"),
            models.Index(fields=["next_due", "-created_at", "-id"], name="petition_next_due"),
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        # next_due is written by services.refresh_next_due alone: a petition loaded before an assignment
        # changed must not write its stale copy back.
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                f.name for f in self._meta.concrete_fields if not f.primary_key and f.name != "next_due"
            ]
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("petitions:detail", args=[self.pk])

    def get_status_display(self):
        return label_of(PetitionStatus, self.status)


class PetitionStatusChange(StatusChange):
    """One step of a petition's workflow, shown as its timeline."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(_("from"), max_length=20, choices=PetitionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=PetitionStatus.choices)

    class Meta(StatusChange.Meta):
        verbose_name = _("petition status change")
        verbose_name_plural = _("petition status changes")

    def __str__(self):
        return f"{self.petition_id}: {self.from_status} → {self.to_status}"


class AssignmentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")
    FORWARDED = "forwarded", _("Forwarded to a competent authority")
    RESOLVED = "resolved", _("Resolved")


class Assignment(models.Model):
    """A petition sent to one department, with its own due date and its own answer."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(
        "directory.Department", verbose_name=_("department"), on_delete=models.PROTECT, related_name="assignments"
    )
    due_date = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    assigned_at = models.DateTimeField(_("assigned at"), auto_now_add=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    history = HistoricalRecords()

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("assignment to a department")
        verbose_name_plural = _("assignments to departments")
        ordering = ["due_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["petition", "department"], name="one_assignment_per_department"),
        ]
        indexes = [
            models.Index(fields=["department", "status", "due_date"]),
            models.Index(fields=["status", "due_date"]),
        ]

    def __str__(self):
        return f"{self.petition.code} → {self.department}"

    def get_status_display(self):
        return label_of(AssignmentStatus, self.status)


class AnswerMethod(models.TextChoices):
    AT_DIALOGUE = "at_dialogue", _("Answered at the dialogue")
    IN_WRITING = "in_writing", _("Answered in writing")
    FORWARDED = "forwarded", _("Forwarded to a competent authority")
    WILL_RESOLVE = "will_resolve", _("Will be resolved by a date")


class Answer(models.Model):
    """A department's answer to its assignment."""

    assignment = models.OneToOneField(Assignment, on_delete=models.CASCADE, related_name="answer")
    text = models.TextField(_("answer"))
    method = models.CharField(_("how it was answered"), max_length=20, choices=AnswerMethod.choices)
    forwarded_authority = models.CharField(_("competent authority"), max_length=300, blank=True)
    resolve_by = models.DateField(_("to be resolved by"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("author"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords()

    objects = AnswerQuerySet.as_manager()

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.CheckConstraint(
                condition=~Q(method="forwarded") | ~Q(forwarded_authority=""), name="forwarded_answer_names_authority"
            ),
            models.CheckConstraint(
                condition=~Q(method="will_resolve") | Q(resolve_by__isnull=False), name="will_resolve_answer_has_date"
            ),
        ]

    def __str__(self):
        return f"{self.assignment}"


class Attachment(models.Model):
    """A file attached to a petition or to an answer; stored under a generated name."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    answer = models.ForeignKey(Answer, null=True, blank=True, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="attachments/%Y/%m/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name


class AnswerTemplate(models.Model):
    """Reusable answer wording for staff and departments."""

    title = models.CharField(_("title"), max_length=200, unique=True)
    text = models.TextField(_("text"))
    topic = models.ForeignKey(
        "directory.TopicCategory", verbose_name=_("topic"), null=True, blank=True, on_delete=models.SET_NULL
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("answer template")
        verbose_name_plural = _("answer templates")
        ordering = ["title"]

    def __str__(self):
        return self.title


class PetitionCounter(models.Model):
    """The last petition number given out in a year; its row lock serialises concurrent submissions."""

    year = models.PositiveSmallIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("petition counter")
        verbose_name_plural = _("petition counters")

    def __str__(self):
        return f"{self.year}: {self.last_number}"
