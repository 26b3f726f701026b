"""Working days: Monday to Friday, minus public holidays, plus the weekend
days declared working days to compensate for them.

The national calendar comes from the `holidays` package (Vietnam: Tết by the
lunar calendar, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and the substitute days the
government announced), so it is never empty, for any year. The department's
own Holiday rows take precedence over it, day by day: an extra day off, a
compensatory working day, or an ordinary day that cancels the national entry.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.utils import timezone

DUE_TIME = time(17, 0)
COUNTRY = "VN"


class National:
    """The national calendar for any year: days off, and the weekend days worked in exchange for one."""

    def __init__(self):
        # Expands to each year on first lookup.
        self.days_off = holidays.country_holidays(COUNTRY, language="vi")
        self.working_days = swapped_working_days()

    def name(self, day):
        return self.days_off.get(day)

    def is_day_off(self, day):
        return day in self.days_off

    def is_working_day(self, day):
        return day in self.working_days

    def year(self, number):
        """[(date, name, is a day off)] for one year, in date order."""
        days_off = holidays.country_holidays(COUNTRY, years=number, language="vi")
        rows = [(day, name, True) for day, name in days_off.items()]
        rows += [(day, "", False) for day in self.working_days if day.year == number]
        return sorted(rows)


@lru_cache(maxsize=1)
def swapped_working_days():
    """The Saturdays worked in exchange for a substitute day off, read from the package's own table
    of those announcements: (month, day, from month, from day[, from year]) per year."""
    try:
        from holidays.countries.vietnam import VietnamStaticHolidays

        table = VietnamStaticHolidays.special_public_holidays
    except (ImportError, AttributeError):  # pragma: no cover - the package reorganised its data
        return frozenset()
    days = set()
    for year, entries in table.items():
        if entries and not isinstance(entries[0], tuple):
            entries = (entries,)
        for entry in entries:
            if len(entry) >= 4 and all(isinstance(part, int) for part in entry):
                from_year = entry[4] if len(entry) > 4 else year
                days.add(date(from_year, entry[2], entry[3]))
    return frozenset(days)


@lru_cache(maxsize=1)
def national():
    return National()


class Calendar:
    def __init__(self, days_off=(), working_days=(), ordinary_days=(), national=None):
        """Department days (taking precedence) over an optional national calendar."""
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)
        self.ordinary_days = frozenset(ordinary_days)
        self.national = national

    @classmethod
    def load(cls):
        from .models import Holiday

        rows = list(Holiday.objects.values_list("date", "kind"))
        return cls(
            days_off=[day for day, kind in rows if kind == Holiday.Kind.DAY_OFF],
            working_days=[day for day, kind in rows if kind == Holiday.Kind.WORKING_DAY],
            ordinary_days=[day for day, kind in rows if kind == Holiday.Kind.ORDINARY],
            national=national(),
        )

    def is_working_day(self, day):
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        if self.national is not None and day not in self.ordinary_days:
            if self.national.is_working_day(day):
                return True
            if self.national.is_day_off(day):
                return False
        return day.weekday() < 5

    def add_working_days(self, day, count):
        """The count-th working day after `day`; with count 0, `day` itself if
        it is a working day, else the next one."""
        if count == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        while count:
            day += timedelta(days=1)
            if self.is_working_day(day):
                count -= 1
        return day

    def due_at(self, received_at, processing_days):
        """Counting starts the working day after receipt; due at 17:00 local time."""
        received_day = timezone.localtime(received_at).date()
        due_day = self.add_working_days(received_day, processing_days)
        return timezone.make_aware(datetime.combine(due_day, DUE_TIME))

    def is_due_time_on_day_off(self, due_at):
        return not self.is_working_day(timezone.localtime(due_at).date())
