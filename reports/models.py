"""Reports: export jobs built in Celery, the document settings, and transmittals to the committees."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from dialogue_portal import policy

DEFAULT_ADDRESSEES = "Thường trực Tỉnh ủy Quảng Trị\nỦy ban nhân dân tỉnh Quảng Trị"
DEFAULT_RECIPIENTS = "Như trên\nBan Dân vận Tỉnh ủy\nTW Hội LHPN Việt Nam"


class ReportSettings(models.Model):
    """The one row of letterhead facts staff edit in the admin (Decree 30/2020 header, signer, recipients)."""

    parent_body = models.CharField(_("parent body (cơ quan chủ quản)"), max_length=200, default="HỘI LHPN VIỆT NAM")
    issuing_body = models.CharField(_("issuing body"), max_length=200, default="BAN THƯỜNG VỤ HỘI LHPN TỈNH QUẢNG TRỊ")
    issuer_code = models.CharField(
        _("issuer's abbreviation"), max_length=30, default="HPN", help_text=_("Used in the symbol: Số: 12/BC-HPN.")
    )
    place = models.CharField(_("place name in the date line"), max_length=100, default="Quảng Trị")
    signing_authority = models.CharField(_("signing authority"), max_length=200, default="TM. BAN THƯỜNG VỤ")
    signer_title = models.CharField(_("signer's office"), max_length=200, default="CHỦ TỊCH")
    signer_name = models.CharField(_("signer's name"), max_length=200, blank=True)
    addressees = models.TextField(
        _("addressees (Kính gửi)"),
        default=DEFAULT_ADDRESSEES,
        help_text=_("One per line: the bodies a report is sent up to, printed under the title after “Kính gửi:”."),
    )
    recipients = models.TextField(
        _("recipients (Nơi nhận)"),
        default=DEFAULT_RECIPIENTS,
        help_text=_(
            "One per line, as printed under “Nơi nhận:”; the last line, “Lưu: VT, …”, is added from the drafting unit."
        ),
    )
    drafting_unit = models.CharField(
        _("drafting unit's abbreviation"),
        max_length=30,
        default="VP",
        help_text=_("Printed in the last line of “Nơi nhận:”: “- Lưu: VT, VP.”"),
    )
    recipient_emails = models.TextField(
        _("e-mail addresses the summary is sent to"), blank=True, help_text=_("One address per line.")
    )
    drafter_initials = models.CharField(_("drafter's initials and copies"), max_length=50, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")
        constraints = [models.CheckConstraint(condition=Q(pk=1), name="report_settings_singleton")]

    def __str__(self):
        return str(_("Report settings"))

    @classmethod
    def load(cls) -> "ReportSettings":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @property
    def recipient_lines(self) -> list[str]:
        return [line.strip() for line in self.recipients.splitlines() if line.strip()]

    @property
    def addressee_lines(self) -> list[str]:
        return [line.strip() for line in self.addressees.splitlines() if line.strip()]

    @property
    def copies_to(self) -> list[str]:
        """Nơi nhận as printed: the recipients, then "Lưu: VT, <drafting unit>" (replacing any older "Lưu" line)."""
        lines = [line for line in self.recipient_lines if not line.casefold().startswith("lưu")]
        keep = ", ".join(part for part in ("VT", self.drafting_unit.strip()) if part)
        return [*lines, f"Lưu: {keep}"]

    @property
    def email_list(self) -> list[str]:
        return [line.strip() for line in self.recipient_emails.replace(",", "\n").splitlines() if line.strip()]


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class ExportJobQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Jobs ``user`` asked for (staff see all); whether the file may be downloaded is checked apart."""
        scope = policy.scope_of(user)
        if scope.everything:
            return self
        if scope.nothing:
            return self.none()
        return self.filter(requested_by=user)


class ExportJob(models.Model):
    """One report or data export, built by a Celery task into one file keyed by the job's id."""

    kind = models.CharField(_("report"), max_length=50)
    # What the requester reads in the job list, in their language when asked, e.g. "Danh sách … (.xlsx)".
    title = models.CharField(_("title"), max_length=300, blank=True)
    file_format = models.CharField(_("format"), max_length=10)
    parameters = models.JSONField(_("parameters"), default=dict, blank=True)
    # The requester's visibility when asked (role, unit path, department): the file holds no more than this.
    scope = models.JSONField(default=dict, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(_("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), max_length=300, blank=True)
    checksum = models.CharField(_("SHA-256"), max_length=64, blank=True)
    error = models.TextField(_("error"), blank=True)
    attempts = models.PositiveSmallIntegerField(default=0, editable=False)
    # The same request (kind, format, parameters, requester's scope) hashes the same: one job runs for it.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False, db_index=True)
    # The data stamp (dialogue_portal.datastamp) when the build started: a done job is reused until it moves.
    data_version = models.BigIntegerField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("requested at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="export_progress_is_a_percentage"),
            models.CheckConstraint(condition=~Q(status="done") | ~Q(file=""), name="done_export_has_file"),
            # Four clicks at once still make one job: a second active job with the same request cannot exist.
            models.UniqueConstraint(
                fields=["fingerprint"],
                condition=Q(status__in=["queued", "running"]) & ~Q(fingerprint=""),
                name="one_active_export_per_request",
            ),
        ]
        indexes = [models.Index(fields=["requested_by", "-created_at"])]

    def __str__(self):
        return f"#{self.pk} {self.title or f'{self.kind}.{self.file_format}'}"

    def get_absolute_url(self):
        return reverse("reports:job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class TransmittalQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Transmittals go from the union to the committees: staff see them, nobody else."""
        return self if policy.scope_of(user).everything else self.none()


class Transmittal(models.Model):
    """A session summary sent to the committees: its number, recipients and the exact file, never changed."""

    session = models.ForeignKey(
        "dialogues.DialogueSession", verbose_name=_("dialogue session"), on_delete=models.PROTECT, related_name="+"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number in year"))
    document_number = models.CharField(_("number and symbol"), max_length=60)
    document_date = models.DateField(_("document date"))
    recipients = models.TextField(_("recipients (Nơi nhận)"))
    emails = models.TextField(_("sent to"), blank=True)
    file = models.FileField(_("file sent"), max_length=300, editable=False)
    checksum = models.CharField(_("SHA-256"), max_length=64, editable=False)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("sent by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    objects = TransmittalQuerySet.as_manager()

    class Meta:
        verbose_name = _("transmittal (văn bản gửi đi)")
        verbose_name_plural = _("transmittals")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["year", "number"], name="transmittal_number_unique_per_year"),
            models.CheckConstraint(condition=Q(number__gte=1), name="transmittal_number_positive"),
        ]

    def __str__(self):
        return self.document_number

    @property
    def filename(self) -> str:
        return self.file.name.rsplit("/", 1)[-1] if self.file else ""


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Plan (Kế hoạch)")
    INVITATION = "invitation", _("Invitation letter (Giấy mời)")


class IssuedDocumentQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Staff: all; a branch leader: those of sessions her subtree hosts; a department: its own letters."""
        scope = policy.scope_of(user)
        if scope.everything:
            return self
        if scope.unit_path:
            return self.filter(session__host_unit__path__startswith=scope.unit_path)
        if scope.department_id:
            return self.filter(kind=DocumentKind.INVITATION, department_id=scope.department_id)
        return self.none()


class IssuedDocument(models.Model):
    """A plan or an invitation letter as issued: its number, date and the exact files, never changed.

    Numbered in sequence per year and type (KH, GM). A revision (a letter re-issued after the session
    moved) keeps the number, gets a new date and points at the one it replaces.
    """

    session = models.ForeignKey(
        "dialogues.DialogueSession", verbose_name=_("dialogue session"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("document"), max_length=20, choices=DocumentKind.choices)
    # The department a letter is addressed to (kept when its invitation row goes).
    department = models.ForeignKey(
        "directory.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    invitation = models.ForeignKey(
        "dialogues.Invitation",
        verbose_name=_("invitation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    type_code = models.CharField(_("type"), max_length=10)  # KH, GM
    year = models.PositiveSmallIntegerField(_("year"))
    number = models.PositiveIntegerField(_("number in year"))
    revision = models.PositiveSmallIntegerField(_("revision"), default=0)
    replaces = models.ForeignKey(
        "self", verbose_name=_("replaces"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    document_number = models.CharField(_("number and symbol"), max_length=60)
    document_date = models.DateField(_("document date"))
    # The session's time and venue the document states: a letter is re-issued when they change.
    starts_at = models.DateTimeField(_("session starts at"))
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    file = models.FileField(_("file (.docx)"), max_length=300, editable=False)
    checksum = models.CharField(_("SHA-256 (.docx)"), max_length=64, editable=False)
    pdf = models.FileField(_("file (PDF)"), max_length=300, editable=False)
    pdf_checksum = models.CharField(_("SHA-256 (PDF)"), max_length=64, editable=False)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("issued by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(_("issued at"), auto_now_add=True)

    objects = IssuedDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("issued document")
        verbose_name_plural = _("issued documents")
        ordering = ["session", "kind", "department__sort_order", "year", "number", "revision"]
        constraints = [
            models.UniqueConstraint(
                fields=["type_code", "year", "number", "revision"], name="issued_number_unique_per_year_and_type"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="issued_number_positive"),
            models.CheckConstraint(
                condition=Q(kind="plan") | Q(department__isnull=False), name="letter_has_department"
            ),
        ]

    def __str__(self):
        return self.document_number

    def filename(self, file_format: str = "docx") -> str:
        field = self.pdf if file_format == "pdf" else self.file
        return field.name.rsplit("/", 1)[-1] if field else ""
