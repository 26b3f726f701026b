"""Server time of the procedures pages and of a 100,000-row import, on a filled database.

Run after bench/procedures_generate.py (see its docstring):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dolisa_proc_bench REDIS_URL=redis://127.0.0.1:6379/5 \
        .venv/bin/python bench/procedures_timing.py --import-file var/bench-procedures/ho-so-100k.csv

Each page is requested through Django's test client in this process (full
middleware, templates and queries; no network), the cache cleared before every
request so the widget is computed each time rather than served from the cache.
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
from procedures.models import Dossier, Field  # noqa: E402
from procedures.sidebar import results_widget_context  # noqa: E402

DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"


def leader_client():
    user, _created = get_user_model().objects.get_or_create(username="bench-lanh-dao", defaults={"is_staff": True})
    user.groups.add(Group.objects.get(name=roles.LEADER))
    client = Client()
    client.force_login(user)
    return client


def timed(label, call, runs):
    durations = []
    for _ in range(runs):
        cache.clear()
        started = time.perf_counter()
        call()
        durations.append((time.perf_counter() - started) * 1000)
    durations.sort()
    p95 = durations[max(0, round(len(durations) * 0.95) - 1)]
    print(f"| {label} | {statistics.median(durations):.0f} ms | {p95:.0f} ms |")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--import-file", type=Path)
    parser.add_argument("--keep", action="store_true", help="keep the imported rows")
    arguments = parser.parse_args()
    runs = arguments.runs

    print(f"{Dossier.objects.count():,} dossiers on {connection.vendor}\n")
    client = leader_client()
    field = Field.objects.order_by("pk").first()

    def get(url, query=None):
        def call():
            response = client.get(url, query or {})
            assert response.status_code == 200, (url, response.status_code)

        return call

    print("| request (cache cleared before each) | median | p95 |")
    print("| --- | ---: | ---: |")
    timed("results widget, this year (computing its figures)", lambda: results_widget_context(None), runs)
    timed("home page with the widget", get("/"), runs)
    timed("dashboard, this year", get(DASHBOARD), runs)
    timed("dashboard, one field, this year", get(DASHBOARD, {"field": field.pk}), runs)
    timed("dashboard, a month", get(DASHBOARD, {"kind": "thang", "year": 2026, "month": 3}), runs)
    timed(
        "dashboard, a three-year range",
        get(DASHBOARD, {"kind": "khoang", "start": "2023-12-01", "end": "2026-11-30"}),
        runs,
    )
    timed("dashboard, Excel export", get(DASHBOARD, {"xuat": "xlsx"}), max(3, runs // 4))
    timed("public statistics, this year", get("/thu-tuc-hanh-chinh/thong-ke/"), runs)

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
