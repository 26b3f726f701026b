"""The working-day rules as a saved dossier meets them: the stored holiday calendar, the day of
receipt in local time, counting from the next working day, and the 17:00 due time.

March 2026 has no national holiday, so every day off or compensatory day here is the
department's own row.
"""

from datetime import date, time

import pytest
from django.utils import timezone

from procedures.models import Dossier, Holiday, Procedure
from procedures.workdays import Calendar

from .factories import at, make_dossier, make_procedure

pytestmark = pytest.mark.django_db


def due(received, days):
    """The due time the application gives a dossier received then, for a procedure of `days` working days."""
    procedure = Procedure.objects.filter(processing_days=days).first() or make_procedure(f"P-{days}", days=days)
    code = f"HS-{Dossier.objects.count() + 1:03d}"
    return make_dossier(code, procedure, received=received).due_at


def test_a_stored_compensatory_saturday_is_counted_as_a_working_day():
    Holiday.objects.create(date=date(2026, 3, 14), kind=Holiday.Kind.WORKING_DAY, name="Làm bù thử nghiệm")
    calendar = Calendar.load()
    assert calendar.is_working_day(date(2026, 3, 14))
    assert not calendar.is_working_day(date(2026, 3, 21))  # an ordinary Saturday
    # Received on Friday: the next working day is that Saturday, not Monday.
    assert due("13/03/2026 09:00", 1) == at("14/03/2026 17:00")


def test_a_stored_day_off_is_skipped():
    Holiday.objects.create(date=date(2026, 3, 16), kind=Holiday.Kind.DAY_OFF, name="Nghỉ thử nghiệm")
    assert not Calendar.load().is_working_day(date(2026, 3, 16))
    assert due("13/03/2026 09:00", 1) == at("17/03/2026 17:00")


def test_without_stored_days_the_week_is_monday_to_friday():
    assert due("13/03/2026 09:00", 1) == at("16/03/2026 17:00")
    assert due("13/03/2026 09:00", 5) == at("20/03/2026 17:00")


@pytest.mark.parametrize(
    "received, days, expected",
    [
        ("10/03/2026 07:30", 1, "11/03/2026 17:00"),  # counting starts the day after, whatever the hour
        ("10/03/2026 16:59", 2, "12/03/2026 17:00"),
        ("10/03/2026 18:00", 0, "10/03/2026 17:00"),  # a same-day procedure is due that day
        ("14/03/2026 10:00", 0, "16/03/2026 17:00"),  # ... or the next working day after a weekend
        # 06:30 in Vietnam is still Sunday 23:30 in UTC: the local day (Monday) counts.
        ("09/03/2026 06:30", 1, "10/03/2026 17:00"),
    ],
)
def test_counting_starts_the_working_day_after_the_local_day_of_receipt(received, days, expected):
    assert due(received, days) == at(expected)


def test_the_result_is_due_at_five_in_the_afternoon_local_time():
    moment = timezone.localtime(due("10/03/2026 09:00", 3))
    assert (moment.date(), moment.time()) == (date(2026, 3, 13), time(17, 0))
    assert str(moment.tzinfo) == "Asia/Ho_Chi_Minh"
