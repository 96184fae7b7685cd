"""Holiday → WorkdayOverride: the ``holidays`` package now gives the statutory holidays of every year, and
the table keeps only the government's yearly decisions the package does not know (day off or làm bù)."""

from datetime import date, timedelta

import holidays
from django.db import migrations, models

# The hand-kept list shipped with the reference data until now: (first day, days, name). Its rows are dropped —
# the package computes the same holidays (and the ones the list lacked) for any year.
SEEDED = [
    (date(2024, 1, 1), 1, "Tết Dương lịch"),
    (date(2024, 2, 8), 7, "Tết Nguyên đán"),
    (date(2024, 4, 18), 1, "Giỗ Tổ Hùng Vương"),
    (date(2024, 4, 29), 3, "Ngày Giải phóng miền Nam và Quốc tế Lao động"),
    (date(2024, 9, 2), 2, "Quốc khánh"),
    (date(2025, 1, 1), 1, "Tết Dương lịch"),
    (date(2025, 1, 25), 9, "Tết Nguyên đán"),
    (date(2025, 4, 7), 1, "Giỗ Tổ Hùng Vương"),
    (date(2025, 4, 30), 2, "Ngày Giải phóng miền Nam và Quốc tế Lao động"),
    (date(2025, 9, 1), 2, "Quốc khánh"),
    (date(2026, 1, 1), 1, "Tết Dương lịch"),
    (date(2026, 2, 14), 9, "Tết Nguyên đán"),
    (date(2026, 4, 26), 1, "Giỗ Tổ Hùng Vương"),
    (date(2026, 4, 30), 2, "Ngày Giải phóng miền Nam và Quốc tế Lao động"),
    (date(2026, 9, 1), 2, "Quốc khánh"),
    (date(2027, 1, 1), 1, "Tết Dương lịch"),
    (date(2027, 2, 5), 7, "Tết Nguyên đán"),
]


def keep_only_decisions(apps, schema_editor):
    """Drop the seeded rows and every row the package already makes a day off; staff's own entries stay."""
    WorkdayOverride = apps.get_model("directory", "WorkdayOverride")
    seeded = {(first + timedelta(days=i), name) for first, days, name in SEEDED for i in range(days)}
    rows = list(WorkdayOverride.objects.values_list("pk", "date", "name"))
    years = sorted({day.year for _, day, _ in rows})
    calendar = holidays.country_holidays("VN", years=years) if years else {}
    worked = set(getattr(calendar, "weekend_workdays", ()))
    redundant = [
        pk
        for pk, day, name in rows
        if (day, name) in seeded or day in calendar or (day.weekday() >= 5 and day not in worked)
    ]
    WorkdayOverride.objects.filter(pk__in=redundant).delete()


def _rename_permissions(apps, old_model, new_model, verbose_name):
    Permission = apps.get_model("auth", "Permission")
    for action in ("add", "change", "delete", "view"):
        old = Permission.objects.filter(content_type__app_label="directory", codename=f"{action}_{old_model}")
        if not Permission.objects.filter(content_type__app_label="directory", codename=f"{action}_{new_model}"):
            old.update(codename=f"{action}_{new_model}", name=f"Can {action} {verbose_name}")


def rename_permissions(apps, schema_editor):
    """Groups granted the old holiday permissions keep them under the new model's codenames."""
    _rename_permissions(apps, "holiday", "workdayoverride", "working-day change")


def rename_permissions_back(apps, schema_editor):
    _rename_permissions(apps, "workdayoverride", "holiday", "public holiday")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("directory", "0001_initial"),
    ]

    operations = [
        migrations.RenameModel(old_name="Holiday", new_name="WorkdayOverride"),
        migrations.AlterModelOptions(
            name="workdayoverride",
            options={
                "ordering": ["date"],
                "verbose_name": "working-day change",
                "verbose_name_plural": "working-day changes",
            },
        ),
        migrations.AddField(
            model_name="workdayoverride",
            name="kind",
            field=models.CharField(
                choices=[("day_off", "day off"), ("working_day", "working day (làm bù)")],
                default="day_off",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.RunPython(keep_only_decisions, migrations.RunPython.noop),
        migrations.RunPython(rename_permissions, rename_permissions_back),
    ]
