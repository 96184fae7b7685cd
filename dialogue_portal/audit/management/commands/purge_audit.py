from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from dialogue_portal.audit.services import purge_events


class Command(BaseCommand):
    help = "Delete audit events older than the given number of days (SECURITY.md: kept two years)."

    def add_arguments(self, parser):
        parser.add_argument("--older-than-days", type=int, required=True)

    def handle(self, *args, **options):
        days = options["older_than_days"]
        if days < 1:
            raise CommandError("--older-than-days must be at least 1")
        deleted = purge_events(older_than=timezone.now() - timedelta(days=days))
        self.stdout.write(self.style.SUCCESS(f"Deleted {deleted} audit events older than {days} days."))
