from datetime import date

import pytest

from procedures.workdays import Calendar

from .factories import at

# Tết 2026: Saturday 14/02 to Sunday 22/02; a made-up compensatory Saturday 28/02.
TET = [date(2026, 2, day) for day in range(14, 23)]
CALENDAR = Calendar(days_off=TET, working_days=[date(2026, 2, 28)])


@pytest.mark.parametrize(
    "received, days, due",
    [
        ("02/03/2026 08:00", 5, "09/03/2026 17:00"),  # Monday: counting starts Tuesday
        ("06/03/2026 16:59", 1, "09/03/2026 17:00"),  # Friday: next working day is Monday
        ("07/03/2026 10:00", 1, "09/03/2026 17:00"),  # received online on a Saturday
        ("13/02/2026 09:00", 1, "23/02/2026 17:00"),  # the whole of Tết skipped
        ("27/02/2026 09:00", 1, "28/02/2026 17:00"),  # a compensatory Saturday is a working day
        ("02/03/2026 20:00", 0, "02/03/2026 17:00"),  # same-day procedure, due that day
        ("14/02/2026 09:00", 0, "23/02/2026 17:00"),  # same-day procedure received on a holiday
        ("31/12/2025 23:30", 1, "02/01/2026 17:00"),  # local time decides the day, not UTC
    ],
)
def test_due_date_counts_working_days(received, days, due):
    calendar = Calendar(days_off=TET + [date(2026, 1, 1)], working_days=[date(2026, 2, 28)])
    assert calendar.due_at(at(received), days) == at(due)


def test_weekends_and_holidays_are_not_working_days():
    assert not CALENDAR.is_working_day(date(2026, 2, 16))  # a Monday in Tết
    assert not CALENDAR.is_working_day(date(2026, 3, 7))  # a Saturday
    assert CALENDAR.is_working_day(date(2026, 2, 28))  # compensatory Saturday
