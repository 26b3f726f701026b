"""Rollup upkeep: the rebuild command, and how a period is split into months and days."""

from datetime import date

import pytest
from django.core.management import call_command

from procedures import counting, rollups
from procedures.models import DailyRollup, Dossier, DossierStatus, MonthlyRollup

from .factories import make_dossier, make_procedure

pytestmark = pytest.mark.django_db


def test_rebuild_command_repairs_changes_made_behind_the_application(capsys):
    procedure = make_procedure(days=5)
    make_dossier("A", procedure, received="02/03/2026 08:00")
    # A bulk UPDATE sends no signal: the rollups go stale until rebuilt.
    Dossier.objects.update(status=DossierStatus.RESOLVED, result_at=Dossier.objects.get().received_at)
    first, last = date(2026, 3, 1), date(2026, 3, 31)
    assert rollups.figures(DailyRollup.objects.all(), first, last)[0].resolved == 0
    call_command("rebuild_dossier_rollups")
    assert "Rebuilt 1 daily rollup rows." in capsys.readouterr().out
    raw = counting.tally(Dossier.objects.all(), first, last)
    assert raw.resolved == 1
    assert rollups.Breakdown(DailyRollup.objects.all(), MonthlyRollup.objects.all(), first, last).total() == raw


@pytest.mark.parametrize(
    "first, last, months, edges",
    [
        (date(2026, 1, 1), date(2026, 12, 31), (date(2026, 1, 1), date(2027, 1, 1)), []),
        (
            date(2026, 1, 15),
            date(2026, 3, 31),
            (date(2026, 2, 1), date(2026, 4, 1)),
            [(date(2026, 1, 15), date(2026, 1, 31))],
        ),
        (
            date(2026, 2, 1),
            date(2026, 3, 10),
            (date(2026, 2, 1), date(2026, 3, 1)),
            [(date(2026, 3, 1), date(2026, 3, 10))],
        ),
        (date(2026, 3, 5), date(2026, 3, 20), None, [(date(2026, 3, 5), date(2026, 3, 20))]),
        (date(2026, 1, 31), date(2026, 2, 1), None, [(date(2026, 1, 31), date(2026, 2, 1))]),
    ],
)
def test_periods_split_into_whole_months_and_ragged_ends(first, last, months, edges):
    assert rollups.split(first, last) == (months, edges)


def test_nearby_days_are_recounted_as_one_span():
    days = [date(2026, 3, 1), date(2026, 3, 5), date(2026, 3, 30)]
    assert rollups.spans(days) == [(date(2026, 3, 1), date(2026, 3, 5)), (date(2026, 3, 30), date(2026, 3, 30))]
