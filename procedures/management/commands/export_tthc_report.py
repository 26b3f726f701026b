from datetime import datetime
from pathlib import Path

from django.core.management import BaseCommand, CommandError

from dolisa_site.text import fold
from procedures import periods, report
from procedures.models import Sector


def day(text, name):
    try:
        return datetime.strptime(text, "%d/%m/%Y").date()
    except ValueError:
        raise CommandError(f"--{name} must be a date as DD/MM/YYYY, not {text!r}.")


def find_field(text):
    """A field by its number (id) or its name, typed with or without diacritics."""
    fields = list(Sector.objects.all())
    for field in fields:
        if text == str(field.pk) or fold(text) == fold(field.name):
            return field
    known = "; ".join(f"{field.pk} = {field.name}" for field in fields) or "none yet"
    raise CommandError(f"Unknown field {text!r}. Fields: {known}.")


class Command(BaseCommand):
    help = (
        "Write the official results report (Biểu số II.06a/VPCP/KSTT) for a period as .xlsx and print its "
        "totals. Decree 09/2019 periods end on the 14th, e.g. the year 2025 is --from 15/12/2024 --to 14/12/2025."
    )

    def add_arguments(self, parser):
        parser.add_argument("--from", dest="first", required=True, help="first day, DD/MM/YYYY")
        parser.add_argument("--to", dest="last", required=True, help="last day, DD/MM/YYYY")
        parser.add_argument("--field", help="only this field: its number or its name")
        parser.add_argument("--output", required=True, type=Path, help="the .xlsx file to write")

    def handle(self, *args, first, last, field, output, **options):
        first, last = day(first, "from"), day(last, "to")
        if first > last:
            raise CommandError(f"The period ends ({last:%d/%m/%Y}) before it starts ({first:%d/%m/%Y}).")
        if output.suffix.lower() != ".xlsx":
            raise CommandError(f"--output must be an .xlsx file, not {output.name!r}.")
        chosen = find_field(field) if field else None
        result = report.build(periods.identify(first, last), chosen)
        try:
            output.write_bytes(report.workbook(result))
        except OSError as error:
            raise CommandError(f"Cannot write {output}: {error.strerror}")
        numbers = "  ".join(f"({column})={value}" for column, value in enumerate(result.total.values(), start=3))
        self.stdout.write(f"Total {first:%d/%m/%Y}-{last:%d/%m/%Y}: {numbers}")
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
