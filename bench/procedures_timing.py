"""Server time of the procedures pages and of a 100,000-row import, on a filled database.

Run after bench/procedures_generate.py (see its docstring):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dolisa_proc_bench REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python bench/procedures_timing.py --import-file var/bench-procedures/ho-so-100k.csv

Each page is requested through Django's test client in this process (full
middleware, templates and queries; no network), the cache cleared before every
request so the widget is computed each time rather than served from the cache;
one uncounted request first warms the process up. --only "dashboard, this year"
(repeatable) times just the requests whose label contains the words given.
The import is run once, inside a transaction that is rolled back afterwards
(--keep to keep its rows), so the script can be run again on the same data.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dolisa_site.test_settings")

import django

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.contrib.auth.models import Group  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402

from dolisa_site import roles  # noqa: E402
from procedures.importing import DossierImporter  # noqa: E402
from procedures.models import Dossier, Sector  # noqa: E402
from procedures.sidebar import results_widget_context  # noqa: E402

DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"


def leader_client():
    user, _created = get_user_model().objects.get_or_create(username="bench-lanh-dao", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=roles.LEADER))
    client = Client()
    client.force_login(user)
    return client


def timed(label, call, runs, only=None):
    if only and not any(word in label for word in only):
        return
    call()  # warm-up, not counted: the first request of a process also loads templates and translations
    durations = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        call()
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    p95 = durations[max(0, round(len(durations) * 0.95) - 1)]
    print(f"| {label} | {statistics.median(durations):.0f} ms | {p95:.0f} ms | {len(durations)} |", flush=True)


def visibility():
    """The share of the dossier table's pages marked all-visible (PostgreSQL): the pending figures are
    counted from the pending index alone only where it is set (VACUUM sets it; generate_load_dossiers runs it)."""
    if connection.vendor != "postgresql":
        return ""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpages, relallvisible FROM pg_class WHERE oid = %s::regclass", [Dossier._meta.db_table]
        )
        pages, visible = cursor.fetchone()
    return f", {visible / pages:.0%} of its pages all-visible" if pages else ""


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument(
        "--only", action="append", metavar="WORDS", help="time only the requests whose label holds WORDS (repeatable)"
    )
    parser.add_argument("--import-file", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the imported rows")
    arguments = parser.parse_args()
    runs, only = arguments.runs, arguments.only

    print(f"{Dossier.objects.count():,} dossiers on {connection.vendor}{visibility()}\n")
    client = leader_client()
    field = Sector.objects.order_by("pk").first()

    def get(url, query=None):
        def call():
            response = client.get(url, query or {})
            assert response.status_code == 200, (url, response.status_code)

        return call

    print("| request (cache cleared before each) | median | p95 | requests |")
    print("| --- | ---: | ---: | ---: |")
    timed("results widget, this year (computing its figures)", lambda: results_widget_context(None), runs, only)
    timed("home page with the widget", get("/"), runs, only)
    timed("dashboard, this year", get(DASHBOARD), runs, only)
    timed("dashboard, one field, this year", get(DASHBOARD, {"linh-vuc": field.pk}), runs, only)
    timed("dashboard, a month", get(DASHBOARD, {"ky": "thang", "nam": 2026, "thang": 3}), runs, only)
    timed(
        "dashboard, a three-year range",
        get(DASHBOARD, {"ky": "khoang", "tu-ngay": "2023-12-01", "den-ngay": "2026-11-30"}),
        runs,
        only,
    )
    timed("dashboard, Excel export", get(DASHBOARD, {"xuat": "xlsx"}), max(3, runs // 4), only)
    timed("public statistics, this year", get("/thu-tuc-hanh-chinh/thong-ke/"), runs, only)

    if arguments.import_file:
        data = arguments.import_file.read_bytes()
        with transaction.atomic():
            started = time.perf_counter()
            run = DossierImporter().run(arguments.import_file.name, data)
            elapsed = time.perf_counter() - started
            print(
                f"\nimport of {arguments.import_file.name}: {elapsed:.1f} s — {run.created} created, "
                f"{run.updated} updated, {run.unchanged} unchanged, {run.rejected} rejected"
            )
            if not arguments.keep:
                transaction.set_rollback(True)


if __name__ == "__main__":
    main()
