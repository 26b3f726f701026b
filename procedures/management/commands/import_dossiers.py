import sys
from pathlib import Path

from django.core.management import BaseCommand, CommandError
from tqdm import tqdm

from procedures.importing import DossierImporter


class Command(BaseCommand):
    help = "Import dossiers from a one-stop system export (.csv or .xlsx); re-importing updates, never duplicates."
    importer_class = DossierImporter

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file, **options):
        try:
            data = file.read_bytes()
        except OSError as error:
            raise CommandError(f"Cannot read {file}: {error.strerror}")
        # tqdm redraws one line with "\r"; Django's stderr wrapper would end each redraw with a newline.
        importer = self.importer_class(progress=lambda rows, **kwargs: tqdm(rows, file=sys.stderr, **kwargs))
        run = importer.run(file.name, data)
        if run.refused:
            raise CommandError(f"{file.name} refused, nothing imported: {run.refused}")
        for row, reason in run.errors:
            self.stdout.write(f"Row {row}: {reason}")
        if run.rejected > len(run.errors):
            self.stdout.write(f"… and {run.rejected - len(run.errors)} more rejected rows.")
        self.stdout.write(
            self.style.SUCCESS(
                f"{run.created} created, {run.updated} updated, {run.unchanged} unchanged, {run.rejected} rejected."
            )
        )
