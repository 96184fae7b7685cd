"""Organisation units (a tree of any depth) and the reference data staff edit in the admin."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from dialogue_portal.text import fold, nfc

PATH_STEP = 6  # digits per level in OrgUnit.path: "000001.000004."


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    BRANCH = "branch", _("Branch")


class OrgUnitQuerySet(models.QuerySet):
    def subtree_of(self, unit):
        """The unit and every unit below it, in one indexed prefix query."""
        if unit is None:
            return self.none()
        return self.filter(path__startswith=unit.path)

    def active(self):
        return self.filter(is_active=True)

    def visible_to(self, user):
        """The active units ``user`` may pick or filter by: staff and departments all, a branch leader its subtree."""
        from dialogue_portal import policy  # policy reads no model; imported here to keep directory a leaf

        scope = policy.scope_of(user)
        if scope.everything or scope.department_id:
            return self.active()
        if scope.unit_path:
            return self.active().filter(path__startswith=scope.unit_path)
        return self.none()


class OrgUnit(models.Model):
    """A union body: province, district, commune, branch — whatever the tree holds.

    ``path`` is a materialised path of zero-padded ids, so a subtree is one
    ``LIKE 'prefix%'`` on an indexed column. It is kept by services.save_unit.
    """

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=20, choices=UnitLevel.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    is_active = models.BooleanField(_("active"), default=True)
    name_folded = models.CharField(max_length=200, editable=False, default="", db_index=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        indexes = [models.Index(fields=["path"], name="orgunit_path_idx", opclasses=["varchar_pattern_ops"])]

    def __str__(self):
        return self.name

    @property
    def label(self):
        """The name indented one dash per level below the top of the tree; a top-level unit has none."""
        return self.label_below(0)

    def label_below(self, top_depth: int) -> str:
        """The name indented one dash per level below ``top_depth`` (the shallowest unit of a list)."""
        return f"{'— ' * max(self.depth - top_depth, 0)}{self.name}"

    def is_within(self, other) -> bool:
        return other is not None and self.path.startswith(other.path)

    def ancestors(self):
        ids = [int(p) for p in self.path.strip(".").split(".") if p]
        return OrgUnit.objects.filter(pk__in=ids).order_by("depth")

    def normalise(self):
        self.name = nfc(self.name)
        # Folding can lengthen a name (a Hangul syllable becomes two or three letters); the key is for search.
        self.name_folded = fold(self.name)[: OrgUnit._meta.get_field("name_folded").max_length]


class NamedReference(models.Model):
    """Shared shape of the reference tables: a name, a short code, an order, active or not."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    code = models.SlugField(_("code"), max_length=50, unique=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        abstract = True
        ordering = ["sort_order", "name"]

    def __str__(self):
        return self.name


class Department(NamedReference):
    """A department (sở, ban, ngành) that answers petitions and attends dialogues."""

    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(NamedReference.Meta):
        verbose_name = _("department (sở, ban, ngành)")
        verbose_name_plural = _("departments")


class TopicCategory(NamedReference):
    """A petition topic, e.g. "vay vốn khởi nghiệp"."""

    class Meta(NamedReference.Meta):
        verbose_name = _("topic category")
        verbose_name_plural = _("topic categories")


class ParticipantGroup(NamedReference):
    """Who attends a dialogue or raises a petition, e.g. ethnic-minority women."""

    class Meta(NamedReference.Meta):
        verbose_name = _("participant group")
        verbose_name_plural = _("participant groups")


class WorkdayKind(models.TextChoices):
    DAY_OFF = "day_off", _("day off")
    WORKING_DAY = "working_day", _("working day (làm bù)")


class WorkdayOverride(models.Model):
    """A government decision for one date that the ``holidays`` package's calendar does not know.

    The package gives the statutory holidays of any year (Tết by the lunar calendar); staff record here
    the yearly decisions on top: an extra day off, the two halves of a swap, a Saturday worked in
    compensation. An override wins over the package and over the weekend.
    """

    date = models.DateField(_("date"), unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=WorkdayKind.choices, default=WorkdayKind.DAY_OFF)
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        verbose_name = _("working-day change")
        verbose_name_plural = _("working-day changes")
        ordering = ["date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"


def unit_labels(queryset=None):
    """``label_from_instance`` for a menu of units in path order: the first unit listed (the top of the user's
    subtree) and its peers carry no dash, those under them one per level. No query of its own."""
    top = []

    def label(unit):
        if not top:
            top.append(unit.depth)
        return unit.label_below(top[0])

    return label
