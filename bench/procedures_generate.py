"""Synthetic dossiers for the procedures benchmarks.

Two uses:

    # fill a throw-away PostgreSQL database with the demo catalogue and N dossiers, then rebuild the rollups
    createdb -h 127.0.0.1 -U postgres dolisa_proc_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dolisa_proc_bench \
        .venv/bin/python bench/procedures_generate.py fill --dossiers 1000000

    # write an import file (FORMAT.md) of N rows whose codes are not in the database yet
    .venv/bin/python bench/procedures_generate.py csv var/bench-procedures/ho-so-100k.csv --rows 100000

`fill` is `manage.py generate_load_dossiers` (also run by `manage.py
generate_load_data`); the dossiers themselves come from procedures/loadgen.py:
spread over three years up to yesterday; about 93 % resolved (a few late), 5 %
returned or withdrawn, the rest pending (recent ones mostly within the deadline).
"""

import argparse
import csv
import io
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dolisa_site.test_settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from procedures import loadgen  # noqa: E402
from procedures.importing import CHANNEL_NAMES, STATUS_NAMES  # noqa: E402
from procedures.models import Procedure  # noqa: E402
from procedures.workdays import Calendar  # noqa: E402


def ensure_catalogue():
    if not Procedure.objects.exists():
        call_command("loaddata", "fixtures/30_procedures.json", verbosity=0)
    return list(Procedure.objects.values_list("id", "code", "processing_days"))


def fill(count):
    """The generated dossiers of `manage.py generate_load_dossiers` (COPY, then the rollups recounted)."""
    started = time.perf_counter()
    call_command("generate_load_dossiers", dossiers=count)
    print(f"{count} dossiers in place and rollups recounted in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def write_csv(path, rows):
    procedures = ensure_catalogue()
    path.parent.mkdir(parents=True, exist_ok=True)
    output = io.StringIO()
    writer = csv.writer(output)
    writer.writerow(
        [
            "Mã hồ sơ",
            "Mã thủ tục",
            "Kênh nộp",
            "Ngày tiếp nhận",
            "Ngày hẹn trả",
            "Ngày có kết quả",
            "Trạng thái",
            "Người nộp",
        ]
    )

    def local(moment):
        return f"{timezone.localtime(moment):%d/%m/%Y %H:%M}" if moment else ""

    for code, _id, procedure_code, channel, received, due, result, status, applicant in loadgen.dossiers(
        range(rows), procedures, Calendar.load(), seed=2, prefix="IMPORT"
    ):
        writer.writerow(
            [
                code,
                procedure_code,
                CHANNEL_NAMES[channel],
                local(received),
                local(due),
                local(result),
                STATUS_NAMES[status],
                applicant,
            ]
        )
    path.write_text("\ufeff" + output.getvalue(), encoding="utf-8")
    print(f"{rows} rows written to {path}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)
    fill_parser = commands.add_parser("fill")
    fill_parser.add_argument("--dossiers", type=int, default=1_000_000)
    csv_parser = commands.add_parser("csv")
    csv_parser.add_argument("path", type=Path)
    csv_parser.add_argument("--rows", type=int, default=100_000)
    arguments = parser.parse_args()
    if arguments.command == "fill":
        fill(arguments.dossiers)
    else:
        write_csv(arguments.path, arguments.rows)


if __name__ == "__main__":
    main()
