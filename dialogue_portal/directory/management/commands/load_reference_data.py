from django.core.management.base import BaseCommand

from dialogue_portal.directory.services import load_reference_data


class Command(BaseCommand):
    help = "Load units, departments, their 2025 successions, topics and groups from directory/data (idempotent)."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
