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


def last_12_months():
    """The year of days ending today: 12 months that never look empty early in January."""
    now = today()
    try:
        year_ago = now.replace(year=now.year - 1)
    except ValueError:  # 29 February
        year_ago = now.replace(year=now.year - 1, day=28)
    return Period(year_ago + timedelta(days=1), now, _("The last 12 months"))


def last_year():
    return year(today().year - 1)


# --- Reporting periods of Decree 09/2019/NĐ-CP (Article 12) ---------------------
# Figures are closed on the 14th: a month runs from the 15th of the month before;
# a quarter, six months and a year likewise end on the 14th of their last month.


def _day_before_15th(year, number):
    """The 15th of the month before month `number` of `year`."""
    return date(year - 1, 12, 15) if number == 1 else date(year, number - 1, 15)


def report_month(year, number):
    return Period(
        _day_before_15th(year, number),
        date(year, number, 14),
        _("Reporting month %(month)02d/%(year)d") % {"month": number, "year": year},
    )


def report_quarter(year, number):
    return Period(
        _day_before_15th(year, 3 * number - 2),
        date(year, 3 * number, 14),
        _("Reporting quarter %(quarter)d/%(year)d") % {"quarter": number, "year": year},
    )


def report_half(year):
    return Period(date(year - 1, 12, 15), date(year, 6, 14), _("Reporting six months of %(year)d") % {"year": year})


def report_year(year):
    return Period(date(year - 1, 12, 15), date(year, 12, 14), _("Reporting year %(year)d") % {"year": year})


def report_periods(day):
    """The Decree periods a report is likely wanted for on `day`: those under way and the last closed ones."""
    # A reporting year runs to 14/12: from the 15th of December, the next one is under way.
    year = day.year + 1 if (day.month, day.day) >= (12, 15) else day.year
    month = day.month + 1 if day.day >= 15 else day.month
    month_year = day.year
    if month == 13:
        month, month_year = 1, day.year + 1
    quarter_number = (month - 1) // 3 + 1
    previous_month = (month_year, month - 1) if month > 1 else (month_year - 1, 12)
    previous_quarter = (month_year, quarter_number - 1) if quarter_number > 1 else (month_year - 1, 4)
    return [
        report_month(month_year, month),
        report_month(*previous_month),
        report_quarter(month_year, quarter_number),
        report_quarter(*previous_quarter),
        report_half(year),
        report_year(year),
        report_year(year - 1),
    ]


def identify(first, last):
    """The period first..last under its name: a Decree reporting period, a calendar one, or a range of days."""
    candidates = []
    for number in {first.year, last.year}:
        candidates += [report_year(number), report_half(number), year(number)]
        candidates += [report_quarter(number, q) for q in range(1, 5)] + [quarter(number, q) for q in range(1, 5)]
        candidates += [report_month(number, m) for m in range(1, 13)] + [month(number, m) for m in range(1, 13)]
    for period in candidates:
        if (period.first, period.last) == (first, last):
            return period
    return between(first, last)
