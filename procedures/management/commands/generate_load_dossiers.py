"""Generated dossiers for the benchmarks (procedures/loadgen.py), then the rollups recounted.

Idempotent: generated dossiers are numbered (codes LOAD.00000000 …), a run adds
the missing numbers and removes those past --dossiers, so running it again
changes nothing. Dossiers with other codes (the demo's, imports) are kept.
"""

from pathlib import Path

from django.conf import settings
from django.core.management import BaseCommand, call_command
from django.db import connection, transaction

from dolisa_site import bulkload

from ... import loadgen, rollups
from ...models import DailyRollup, Dossier, MonthlyRollup, Procedure
from ...workdays import Calendar

PREFIX = "LOAD"
FIELDS = (
    "code",
    "procedure_id",
    "channel",
    "received_at",
    "due_at",
    "due_computed",
    "result_at",
    "status",
    "applicant_name",
)


def generated():
    return Dossier.objects.filter(code__startswith=f"{PREFIX}.")


class Command(BaseCommand):
    help = "Make the generated dossiers exactly --dossiers (for benchmarks) and recount the rollups."

    def add_arguments(self, parser):
        parser.add_argument("--dossiers", type=int, default=1_000_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        wanted = options["dossiers"]
        if not Procedure.objects.exists():
            call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / "30_procedures.json"), verbosity=0)
        surplus = generated().filter(code__gte=loadgen.code(PREFIX, wanted))
        # A raw delete: one statement, no per-row signals; the rollups are recounted below anyway.
        removed = surplus._raw_delete(surplus.db)
        existing = set()
        count = generated().count()
        last = generated().order_by("-code").values_list("code", flat=True).first()
        if count and last != loadgen.code(PREFIX, count - 1):
            # Not the contiguous 0..count-1 this command leaves (an interrupted run): look at each code.
            existing = {int(code.split(".", 1)[1]) for code in generated().values_list("code", flat=True)}
            missing = [number for number in range(wanted) if number not in existing]
        else:
            missing = range(count, wanted)
        if missing:
            self.add(missing, options)
        rebuilt = self.rebuild_rollups(options) if missing or removed else None
        self.vacuum()
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Procedures: {wanted} generated dossiers ({len(missing)} added, {removed} removed); "
                f"{Dossier.objects.count()} dossiers in all"
                + ("." if rebuilt is None else f"; rollups recounted ({rebuilt} daily rows).")
            )

    def add(self, numbers, options):
        procedures = list(Procedure.objects.values_list("id", "code", "processing_days"))
        # Loaded before COPY starts: the connection takes no other query during it.
        calendar = Calendar.load()
        rows = (
            (code, procedure_id, channel, received, due, True, result, status, applicant)
            for code, procedure_id, _code, channel, received, due, result, status, applicant in loadgen.dossiers(
                numbers, procedures, calendar, seed=options["seed"], prefix=PREFIX
            )
        )
        with bulkload.progress(len(numbers), "Dossiers", options, unit="hồ sơ") as bar:
            with transaction.atomic():
                bulkload.insert_rows(Dossier, FIELDS, rows, bar=bar)
        bulkload.analyze(Dossier)

    def rebuild_rollups(self, options):
        """The rollups the public pages and the dashboard read, recounted from every dossier
        (what manage.py rebuild_dossier_rollups does): COPY and a raw delete bypass the
        signals that keep them current."""
        if options["verbosity"] >= 1:
            self.stdout.write("Recounting the dossier rollups …")
        return rollups.rebuild()

    def vacuum(self):
        """VACUUM (ANALYZE) the dossiers and their rollups, as autovacuum does soon after a large load
        in production: rows written by COPY are not yet marked visible to all in the table's visibility
        map, so until then the dashboard's pending figures, counted from the pending index, read the
        20,000 pending rows scattered over the table as well (12 ms at 1,000,000 dossiers instead of 3).
        Nothing to do on SQLite, nor inside a transaction (VACUUM cannot run there: the tests)."""
        if connection.vendor != "postgresql" or connection.in_atomic_block:
            return
        with connection.cursor() as cursor:
            for model in (Dossier, DailyRollup, MonthlyRollup):
                cursor.execute(f"VACUUM (ANALYZE) {connection.ops.quote_name(model._meta.db_table)}")
