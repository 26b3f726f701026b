"""generate_load_dossiers leaves its tables as autovacuum would soon after: every page of the
dossiers marked all-visible, so the dashboard's pending figures come from the pending index alone
(an index-only scan) rather than from the 2 % of rows scattered over the whole table."""

import pytest
from django.core.management import call_command
from django.db import connection

from procedures.models import DailyRollup, Dossier, MonthlyRollup

pytestmark = [
    # VACUUM cannot run inside a transaction: this test commits, and its rows are flushed afterwards.
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the visibility map is PostgreSQL's"),
]


def pages(model):
    with connection.cursor() as cursor:
        cursor.execute("SELECT relpages, relallvisible FROM pg_class WHERE oid = %s::regclass", [model._meta.db_table])
        return cursor.fetchone()


def test_generated_dossiers_and_rollups_are_vacuumed():
    call_command("generate_load_dossiers", dossiers=3000, verbosity=0)
    assert Dossier.objects.filter(code__startswith="LOAD.").count() == 3000
    for model in (Dossier, DailyRollup, MonthlyRollup):
        total, visible = pages(model)
        assert total > 0 and visible == total, (model.__name__, total, visible)
