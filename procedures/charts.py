"""The procedures' charts, laid out by dolisa_site.charts."""

from datetime import timedelta

from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from dolisa_site import charts

from . import periods
from .counting import Figures


def monthly(breakdown, period):
    """Received against resolved in each month of the period begun by today, from a rollups.Breakdown:
    a month without dossiers is a gap in the chart, not a month left out."""
    by_month = {group["month"]: figures for group, figures in breakdown.by("month")}
    series = [
        charts.Series(pgettext("results", "Received"), "blue"),
        charts.Series(pgettext("results", "Resolved"), "orange"),
    ]
    points, month, last = [], period.first.replace(day=1), min(period.last, periods.today())
    while month <= last:
        figures = by_month.get(month, Figures())
        points.append((f"{month:%m/%Y}", figures.received, figures.resolved))
        month = (month + timedelta(days=32)).replace(day=1)
    return charts.grouped_bars(series, points)


def outcome_rows(groups, overdue):
    """[(name, early, on time but not early, late, pending overdue)] per group, from [(name, Figures)]
    and {name: pending overdue}; groups with nothing to show are left out."""
    rows, by_name = [], dict(groups)
    for name in sorted(set(by_name) | set(overdue), key=str):
        figures = by_name.get(name)
        early = figures.early if figures else 0
        on_time = figures.on_time - figures.early if figures else 0
        late = figures.late if figures else 0
        row = (name, early, on_time, late, overdue.get(name, 0))
        if any(row[1:]):
            rows.append(row)
    return rows


def outcome_shares(rows):
    """Each group's shares of early / on time / late results and pending overdue dossiers, from
    outcome_rows(): one look shows where the delays are (red and amber)."""
    series = [
        charts.Series(_("Before the deadline"), "green"),
        charts.Series(_("On time (not early)"), "light-green"),
        charts.Series(_("Late"), "red"),
        charts.Series(_("Pending overdue"), "amber"),
    ]
    return charts.share_bars(series, rows)
