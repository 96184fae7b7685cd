from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from dialogue_portal.audit.backup import BackupError, create_backup


class Command(BaseCommand):
    help = "Back up the database (pg_dump custom format, or a copy of the SQLite file) and MEDIA_ROOT into a folder."

    def add_arguments(self, parser):
        parser.add_argument("--output", default="backups", help="folder to write the backup into (default: backups/)")

    def handle(self, *args, **options):
        try:
            folder = create_backup(destination=Path(options["output"]))
        except BackupError as error:
            raise CommandError(f"backup failed: {error}") from error
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
