from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

# Each app seeds on top of what the ones before it made (they share `context`).
SEEDERS = [
    # The 2024 structure first (re-opened on the first run), so 2024 work is made under it …
    "dialogue_portal.directory.demo.before_reform",
    "dialogue_portal.accounts.demo.seed",
    "dialogues.demo.seed",
    "petitions.demo.seed",
    # … then the 2025 reorganisation, through the reorganisation service.
    "dialogue_portal.directory.demo.apply_reform",
    "dialogues.demo.seed_after_reform",
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
