"""Reporting periods: months, quarters, years, or any range of days."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Period:
    first: date
    last: date
    label: str

    @property
    def days(self):
        return (self.last - self.first).days + 1


def month(year, number):
    first = date(year, number, 1)
    following = date(year + number // 12, number % 12 + 1, 1)
    return Period(
        first, following - timedelta(days=1), _("Month %(month)02d/%(year)d") % {"month": number, "year": year}
    )


def quarter(year, number):
    first = date(year, 3 * number - 2, 1)
    last = month(year, 3 * number).last
    return Period(first, last, _("Quarter %(quarter)d/%(year)d") % {"quarter": number, "year": year})


def year(number):
    return Period(date(number, 1, 1), date(number, 12, 31), _("Year %(year)d") % {"year": number})


def between(first, last):
    return Period(
        first, last, _("From %(first)s to %(last)s") % {"first": f"{first:%d/%m/%Y}", "last": f"{last:%d/%m/%Y}"}
    )


def today():
    return timezone.localdate()


def this_year():
    return year(today().year)


def this_quarter():
    now = today()
    return quarter(now.year, (now.month - 1) // 3 + 1)


def this_month():
    now = today()
    return month(now.year, now.month)


def last_year():
    return year(today().year - 1)
