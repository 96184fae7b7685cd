from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app seeds on top of what the ones before it made (they share `context`).
SEEDERS = [
    "dialogue_portal.accounts.demo.seed",
    "dialogues.demo.seed",
    "petitions.demo.seed",
    "reports.demo.seed",
    # Last: publishes what the seeders before it finished.
    "public.demo.seed",
]


class Command(BaseCommand):
    help = "Load the Quảng Trị demo data and one user per role (idempotent); prints the logins."

    def handle(self, *args, **options):
        context: dict = {}
        logins: list[str] = []
        with transaction.atomic():
            for path in SEEDERS:
                logins.extend(import_string(path)(context) or [])
        self.stdout.write(self.style.SUCCESS("Demo data ready. Logins (user, password, role):"))
        for line in logins:
            self.stdout.write("  " + line)
