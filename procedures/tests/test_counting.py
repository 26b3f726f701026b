"""The counting rules as a table, counted on the database in use (SQLite or PostgreSQL)."""

from datetime import date, timedelta

import pytest
import time_machine

from procedures import counting, rollups
from procedures.models import DailyRollup, Dossier, DossierStatus, Holiday

from .factories import at, make_dossier, make_procedure

pytestmark = pytest.mark.django_db

NOW = at("20/03/2026 10:00")
# Due Friday 13/03/2026 17:00: received Thursday 05/03, five working days,
# skipping the weekend of 07–08/03 and the holiday on Monday 09/03.
FRIDAY_DUE = "13/03/2026 17:00"

OUTCOMES = ("resolved", "early", "on_time", "late", "returned", "withdrawn")

# status, result date, expected outcome counts, expected pending (within, overdue)
CASES = {
    "resolved exactly at the due time": (DossierStatus.RESOLVED, "13/03/2026 17:00", {"resolved", "on_time"}, (0, 0)),
    "resolved on the due date, earlier hour": (
        DossierStatus.RESOLVED,
        "13/03/2026 09:15",
        {"resolved", "on_time"},
        (0, 0),
    ),
    "resolved just after midnight on the due date": (
        DossierStatus.RESOLVED,
        "13/03/2026 00:30",
        {"resolved", "on_time"},
        (0, 0),
    ),
    "resolved late on the day before": (
        DossierStatus.RESOLVED,
        "12/03/2026 23:30",
        {"resolved", "early", "on_time"},
        (0, 0),
    ),
    "resolved a week early": (DossierStatus.RESOLVED, "06/03/2026 10:00", {"resolved", "early", "on_time"}, (0, 0)),
    "resolved a minute late": (DossierStatus.RESOLVED, "13/03/2026 17:01", {"resolved", "late"}, (0, 0)),
    "resolved a day after, across the weekend": (
        DossierStatus.RESOLVED,
        "16/03/2026 08:00",
        {"resolved", "late"},
        (0, 0),
    ),
    "returned": (DossierStatus.RETURNED, "10/03/2026 10:00", {"returned"}, (0, 0)),
    "withdrawn after the due date": (DossierStatus.WITHDRAWN, "17/03/2026 10:00", {"withdrawn"}, (0, 0)),
    "pending and overdue": (DossierStatus.PROCESSING, None, set(), (0, 1)),
    "awaiting documents and overdue": (DossierStatus.AWAITING, None, set(), (0, 1)),
}


@pytest.fixture
def procedure():
    Holiday.objects.create(date=date(2026, 3, 9), name="Ngày nghỉ thử nghiệm")
    return make_procedure(days=5)


@pytest.mark.parametrize("status, result, expected, expected_pending", CASES.values(), ids=CASES.keys())
def test_counting_rules(procedure, status, result, expected, expected_pending):
    dossier = make_dossier(procedure=procedure, received="05/03/2026 10:00", result=result, status=status)
    assert dossier.due_at == at(FRIDAY_DUE), "the due date skips the weekend and the holiday"

    figures = counting.tally(Dossier.objects.all(), date(2026, 3, 1), date(2026, 3, 31))
    assert figures.received == 1
    assert {name for name in OUTCOMES if getattr(figures, name)} == expected
    assert all(getattr(figures, name) in (0, 1) for name in OUTCOMES)

    # Asked at that moment (the pending statuses) or a month later (what was unfinished then): the same.
    for clock in (NOW, NOW + timedelta(days=30)):
        with time_machine.travel(clock, tick=False):
            pending = counting.pending(Dossier.objects.all(), now=NOW)
        assert (pending.within, pending.overdue) == expected_pending, clock

    from_rollups, _computed = rollups.figures(DailyRollup.objects.all(), date(2026, 3, 1), date(2026, 3, 31))
    assert from_rollups == figures


def test_pending_within_deadline_turns_overdue_as_time_passes(procedure):
    make_dossier(procedure=procedure, received="05/03/2026 10:00")
    for moment, expected in [("06/03/2026 09:00", (1, 0)), ("13/03/2026 17:00", (1, 0)), ("13/03/2026 17:01", (0, 1))]:
        with time_machine.travel(at(moment), tick=False):
            pending = counting.pending(Dossier.objects.all())
        assert (pending.within, pending.overdue) == expected, moment


def test_results_are_counted_in_the_period_of_their_result(procedure):
    make_dossier(
        procedure=procedure, received="26/02/2026 10:00", result="02/03/2026 10:00", status=DossierStatus.RESOLVED
    )
    february = counting.tally(Dossier.objects.all(), date(2026, 2, 1), date(2026, 2, 28))
    march = counting.tally(Dossier.objects.all(), date(2026, 3, 1), date(2026, 3, 31))
    assert (february.received, february.resolved) == (1, 0)
    assert (march.received, march.resolved) == (0, 1)


def test_average_processing_time_is_over_resolved_dossiers(procedure):
    make_dossier("A", procedure, received="02/03/2026 08:00", result="04/03/2026 08:00", status=DossierStatus.RESOLVED)
    make_dossier("B", procedure, received="02/03/2026 08:00", result="06/03/2026 08:00", status=DossierStatus.RESOLVED)
    make_dossier("C", procedure, received="02/03/2026 08:00", result="20/03/2026 08:00", status=DossierStatus.RETURNED)
    figures = counting.tally(Dossier.objects.all(), date(2026, 3, 1), date(2026, 3, 31))
    assert figures.average_processing_days == 3.0


@pytest.mark.parametrize(
    "part, whole, expected",
    [(270, 283, 95), (283, 283, 100), (0, 283, 0), (1, 2, 50), (1, 8, 13), (5, 0, None)],
)
def test_percentages_are_of_resolved_rounded_half_up(part, whole, expected):
    assert counting.percent(part, whole) == expected


def test_nothing_resolved_gives_no_percentages():
    figures = counting.Figures(received=3)
    assert (figures.early_percent, figures.on_time_percent, figures.late_percent) == (None, None, None)
    assert figures.average_processing_days is None
