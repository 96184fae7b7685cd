from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from dialogue_portal.audit.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Restore a backup folder written by `manage.py backup`: replaces the database, adds the media files."

    def add_arguments(self, parser):
        parser.add_argument("backup", help="the backup folder (portal-backup-<time>)")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        source = Path(options["backup"])
        if not (source / "manifest.json").exists():
            raise CommandError(f"{source} is not a backup folder (no manifest.json)")
        name = connections["default"].settings_dict["NAME"]
        if options["interactive"]:
            answer = input(f"This replaces every table of the database {name}. Type 'yes' to continue: ")
            if answer.strip().lower() != "yes":
                raise CommandError("restore cancelled")
        try:
            manifest = restore_backup(source=source)
        except BackupError as error:
            raise CommandError(f"restore failed: {error}") from error
        rows = sum(manifest["tables"].values())
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {rows} rows in {len(manifest['tables'])} tables and {len(manifest['media_files'])} files "
                f"from the backup of {manifest['created_at']}; every count checked."
            )
        )
