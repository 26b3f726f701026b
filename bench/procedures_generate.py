"""Synthetic dossiers for the procedures benchmarks.

Two uses:

    # fill a throw-away PostgreSQL database with the demo catalogue and N dossiers, then rebuild the rollups
    createdb -h 127.0.0.1 -U postgres dolisa_proc_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dolisa_proc_bench \
        .venv/bin/python bench/procedures_generate.py fill --dossiers 1000000

    # write an import file (FORMAT.md) of N rows whose codes are not in the database yet
    .venv/bin/python bench/procedures_generate.py csv var/bench-procedures/ho-so-100k.csv --rows 100000

Dossiers spread over three years up to yesterday; about 93 % resolved (a few late),
5 % returned or withdrawn, the rest pending (recent ones mostly within the deadline).
"""

import argparse
import csv
import io
import os
import random
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dolisa_site.test_settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from procedures import rollups  # noqa: E402
from procedures.importing import CHANNEL_NAMES, STATUS_NAMES  # noqa: E402
from procedures.models import Channel, Procedure, Status  # noqa: E402
from procedures.workdays import Calendar  # noqa: E402

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Thanh", "Minh", "Ngọc", "Quốc", "Thu"]
GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Hải", "Hùng", "Lan", "Long", "Mai", "Nam", "Phúc", "Sơn", "Vy"]
YEARS = 3


def ensure_catalogue():
    if not Procedure.objects.exists():
        call_command("loaddata", "fixtures/30_procedures.json", verbosity=0)
    return list(Procedure.objects.values_list("id", "code", "processing_days"))


def dossiers(count, procedures, calendar, seed, prefix):
    """Yield (code, procedure id, procedure code, channel, received, due, result, status, applicant) tuples."""
    rng = random.Random(seed)
    now = timezone.now()
    first = now - timedelta(days=365 * YEARS)
    span = (now - timedelta(days=1) - first).total_seconds()
    for number in range(count):
        procedure_id, code, days = rng.choice(procedures)
        received = first + timedelta(seconds=rng.random() * span)
        received = received.replace(microsecond=0, second=0)
        due = calendar.due_at(received, days)
        roll = rng.random()
        if roll < 0.93:
            status = Status.RESOLVED
            if rng.random() < 0.03:
                result = due + timedelta(hours=rng.randint(1, 240))
            else:
                result = received + (due - received) * rng.random()
        elif roll < 0.98:
            status = rng.choice([Status.RETURNED, Status.WITHDRAWN])
            result = received + timedelta(hours=rng.randint(1, 72))
        else:
            status, result = rng.choice([Status.PROCESSING, Status.AWAITING]), None
        if result is not None and result > now:
            status, result = Status.PROCESSING, None
        channel = rng.choice([Channel.ONLINE, Channel.ONLINE, Channel.IN_PERSON, Channel.POST])
        applicant = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        yield (f"{prefix}.{number:08d}", procedure_id, code, channel, received, due, result, status, applicant)


def fill(count):
    procedures = ensure_catalogue()
    started = time.perf_counter()
    columns = "code, procedure_id, channel, received_at, due_at, result_at, status, applicant_name, updated_at"
    now = timezone.now()
    # Loaded before COPY starts: the connection takes no other query during it.
    calendar = Calendar.load()
    with connection.cursor() as cursor:
        with cursor.cursor.copy(f"COPY procedures_dossier ({columns}) FROM STDIN") as copy:
            for code, procedure_id, _code, channel, received, due, result, status, applicant in dossiers(
                count, procedures, calendar, seed=1, prefix="BENCH"
            ):
                copy.write_row((code, procedure_id, channel, received, due, result, status, applicant, now))
    print(f"{count} dossiers written in {time.perf_counter() - started:.1f} s")
    started = time.perf_counter()
    written = rollups.rebuild()
    print(f"rollups rebuilt ({written} rows) in {time.perf_counter() - started:.1f} s")
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

    for code, _id, procedure_code, channel, received, due, result, status, applicant in dossiers(
        rows, procedures, Calendar.load(), seed=2, prefix="IMPORT"
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
