"""Working days: Monday to Friday, minus public holidays, plus the weekend
days declared working days to compensate for them (see Holiday)."""

from datetime import datetime, time, timedelta

from django.utils import timezone

DUE_TIME = time(17, 0)


class Calendar:
    def __init__(self, days_off=(), working_days=()):
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)

    @classmethod
    def load(cls):
        from .models import Holiday

        rows = Holiday.objects.values_list("date", "kind")
        return cls(
            days_off=[day for day, kind in rows if kind == Holiday.Kind.DAY_OFF],
            working_days=[day for day, kind in rows if kind == Holiday.Kind.WORKING_DAY],
        )

    def is_working_day(self, day):
        if day in self.working_days:
            return True
        return day.weekday() < 5 and day not in self.days_off

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
