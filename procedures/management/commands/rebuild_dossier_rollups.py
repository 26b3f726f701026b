from django.core.management import BaseCommand

from procedures import rollups


class Command(BaseCommand):
    help = (
        "Recount the daily dossier rollups from the raw dossiers, e.g. after changing dossiers "
        "directly in the database. Safe to run at any time."
    )

    def handle(self, *args, **options):
        written = rollups.rebuild()
        self.stdout.write(self.style.SUCCESS(f"Rebuilt {written} daily rollup rows."))
