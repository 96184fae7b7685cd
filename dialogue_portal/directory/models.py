"""Organisation units (a tree of any depth) and the reference data staff edit in the admin."""

from django.db import models
from django.db.models import F, Q
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
        from dialogue_portal import policy  # at call time: the policy reads the unit tree (successions)

        scope = policy.scope_of(user)
        if scope.everything or scope.department_id:
            return self.active()
        if scope.unit_path:
            return self.active().filter(path__startswith=scope.unit_path)
        return self.none()


class Versioned(models.Model):
    """A validity period: each organisation version is its own row; old rows stay, closed, for history."""

    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        abstract = True

    def valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class OrgUnit(Versioned):
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
    # Set when the unit was merged into another (its history then shows under the successor).
    successor = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="predecessors",
    )

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

    def current(self) -> "OrgUnit":
        """The live unit this one became: itself, or the end of its chain of successors."""
        unit, seen = self, {self.pk}
        while unit.successor_id and unit.successor_id not in seen:
            seen.add(unit.successor_id)
            unit = unit.successor
        return unit

    @property
    def current_name(self) -> str:
        """The name to show in today's lists: the live successor's."""
        return self.current().name if self.successor_id else self.name

    @property
    def former_names(self) -> list[str]:
        """Names of the units merged into this one ("trước đây: …")."""
        return sorted({u.name for u in self.predecessors.all() if u.name != self.name})


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


class Department(Versioned, NamedReference):
    """A department (sở, ban, ngành) that answers petitions and attends dialogues.

    A dissolved department stays as a closed row; ``DepartmentSuccession`` names who took its functions.
    """

    short_name = models.CharField(_("short name"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta(NamedReference.Meta):
        verbose_name = _("department (sở, ban, ngành)")
        verbose_name_plural = _("departments")

    def current(self, successors=None) -> list["Department"]:
        """The live department(s) that took over this one's functions: itself while it is active.

        ``successors`` (predecessor id → successors, from ``prime_current_departments``) spares a query per step.
        """
        if successors is None and "_current" in self.__dict__:
            return self._current
        found, frontier, seen = [], [self], {self.pk}
        while frontier:
            department = frontier.pop(0)
            if successors is not None:
                nexts = successors.get(department.pk, [])
            else:
                nexts = [s.successor for s in department.successions_out.select_related("successor")]
            if not nexts:
                found.append(department)
            for successor in nexts:
                if successor.pk not in seen:
                    seen.add(successor.pk)
                    frontier.append(successor)
        return found

    @property
    def current_label(self) -> str:
        """Short name(s) to show in today's lists: its own while active, else its successors'."""
        if self.is_active:
            return self.short_name or self.name
        return ", ".join(d.short_name or d.name for d in self.current())

    @property
    def current_name(self) -> str:
        return self.name if self.is_active else ", ".join(d.name for d in self.current())

    @property
    def former_names(self) -> list[str]:
        """Names of the departments whose functions this one took over ("trước đây: …")."""
        return sorted({s.predecessor.name for s in self.successions_in.select_related("predecessor")})


class DepartmentSuccession(models.Model):
    """A dissolved or merged department → one of its successors, with the functions that successor took."""

    predecessor = models.ForeignKey(
        Department, verbose_name=_("former department"), on_delete=models.PROTECT, related_name="successions_out"
    )
    successor = models.ForeignKey(
        Department, verbose_name=_("successor"), on_delete=models.PROTECT, related_name="successions_in"
    )
    functions = models.CharField(_("functions taken over"), max_length=500, blank=True)
    effective_on = models.DateField(_("effective on"))
    # The successor that receives the predecessor's open assignments.
    receives_open_work = models.BooleanField(_("receives open work"), default=False)

    class Meta:
        verbose_name = _("department succession")
        verbose_name_plural = _("department successions")
        ordering = ["effective_on", "predecessor_id", "successor_id"]
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="one_succession_per_pair"),
            models.CheckConstraint(condition=~Q(predecessor=F("successor")), name="succession_not_to_itself"),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor}"


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


def prime_current_departments(departments) -> None:
    """Work out ``current()`` of many departments in one query over the successions, however many rows show."""
    closed = [d for d in departments if not d.is_active and "_current" not in d.__dict__]
    if not closed:
        return
    successors = {}
    for succession in DepartmentSuccession.objects.select_related("successor"):
        successors.setdefault(succession.predecessor_id, []).append(succession.successor)
    for department in closed:
        department._current = department.current(successors)


def prime_current_units(units) -> None:
    """Load the successors of merged units a step at a time for all at once, so ``current()`` asks nothing more."""
    successor = OrgUnit._meta.get_field("successor")
    waiting, loaded = [u for u in units if u.successor_id and not successor.is_cached(u)], {}
    while waiting:
        missing = {u.successor_id for u in waiting} - loaded.keys()
        fresh = OrgUnit.objects.in_bulk(missing) if missing else {}
        loaded.update(fresh)
        for unit in waiting:
            successor.set_cached_value(unit, loaded.get(unit.successor_id))
        waiting = [u for u in fresh.values() if u.successor_id]


def unit_labels(queryset=None):
    """``label_from_instance`` for a menu of units in path order: the first unit listed (the top of the user's
    subtree) and its peers carry no dash, those under them one per level. No query of its own."""
    top = []

    def label(unit):
        if not top:
            top.append(unit.depth)
        return unit.label_below(top[0])

    return label
