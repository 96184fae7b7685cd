from django.core.management.base import BaseCommand

from dialogue_portal.directory.services import load_reference_data


class Command(BaseCommand):
    help = "Load the departments, topics, and participant groups named in DOMAIN.md (idempotent)."

    def handle(self, *args, **options):
        counts = load_reference_data()
        self.stdout.write(", ".join(f"{name}: {n}" for name, n in counts.items()))
