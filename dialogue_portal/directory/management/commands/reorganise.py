from datetime import date

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from dialogue_portal.directory.models import Department, OrgUnit
from dialogue_portal.directory.reorganisation import DissolveDepartment, MergeUnits, ReparentUnits, apply, preview


def _units(codes):
    found = {u.code: u for u in OrgUnit.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise CommandError(f"No unit with code: {', '.join(missing)}")
    return tuple(found[c] for c in codes)


def _departments(codes):
    found = {d.code: d for d in Department.objects.filter(code__in=codes)}
    missing = [c for c in codes if c not in found]
    if missing:
        raise CommandError(f"No department with code: {', '.join(missing)}")
    return tuple(found[c] for c in codes)


class Command(BaseCommand):
    help = (
        "Merge units, move units under a new parent, or dissolve a department into its successors. "
        "Shows the preview (a dry run) unless --apply is given; --apply runs it all or nothing."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        merge = sub.add_parser("merge-units", help="merge units A, B … into C")
        merge.add_argument("sources", nargs="+")
        merge.add_argument("--into", required=True)
        move = sub.add_parser("move-units", help="move units (with their subtrees) under a parent")
        move.add_argument("units", nargs="+")
        move.add_argument("--under", required=True)
        dissolve = sub.add_parser("dissolve-department", help="dissolve a department into its successors")
        dissolve.add_argument("department")
        dissolve.add_argument("--into", nargs="+", required=True)
        dissolve.add_argument("--open-work-to", required=True, help="the successor receiving open assignments")
        dissolve.add_argument("--functions", nargs="*", default=[], help="functions each successor takes, in order")
        for each in (merge, move, dissolve):
            each.add_argument("--effective-on", type=date.fromisoformat, default=date.today())
            each.add_argument("--apply", action="store_true", help="apply (default: preview only)")
            each.add_argument("--dry-run", action="store_true", help="preview only (the default)")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "merge-units":
            (target,) = _units([options["into"]])
            step = MergeUnits(sources=_units(options["sources"]), target=target, effective_on=options["effective_on"])
        elif action == "move-units":
            (parent,) = _units([options["under"]])
            step = ReparentUnits(units=_units(options["units"]), parent=parent)
        else:
            (department,) = _departments([options["department"]])
            successors = _departments(options["into"])
            functions = list(options["functions"]) + [""] * len(successors)
            (open_to,) = _departments([options["open_work_to"]])
            step = DissolveDepartment(
                department=department,
                successors=tuple(zip(successors, functions, strict=False)),
                open_work_to=open_to,
                effective_on=options["effective_on"],
            )
        try:
            result = apply([step]) if options["apply"] and not options["dry_run"] else preview([step])
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        for title, lines in result.steps:
            self.stdout.write(title)
            for line in lines:
                self.stdout.write(f"  {'!' if line.conflict else '-'} [{line.kind}] {line.text}")
        self.stdout.write(", ".join(f"{kind}: {n}" for kind, n in sorted(result.counts().items())) or "nothing to do")
        if options["apply"] and not options["dry_run"]:
            self.stdout.write(self.style.SUCCESS("Applied."))
        else:
            self.stdout.write("Preview only: nothing changed. Run again with --apply to apply it.")
