"""Chart data for static/procedures/charts.js (passed with json_script)."""

from django.utils.translation import gettext as _
from django.utils.translation import pgettext


def monthly(breakdown):
    """Received against resolved per month, from a rollups.Breakdown."""
    months = breakdown.by("month")
    return {
        "type": "bar",
        "labels": [f"{group['month']:%m/%Y}" for group, _figures in months],
        "datasets": [
            {"label": str(pgettext("results", "Received")), "data": [figures.received for _group, figures in months]},
            {"label": str(pgettext("results", "Resolved")), "data": [figures.resolved for _group, figures in months]},
        ],
    }


def on_time_rate(groups):
    """On-time rate (%) per group, from [(name, Figures)]; groups with nothing resolved are left out."""
    shown = [(name, figures) for name, figures in groups if figures.resolved]
    return {
        "type": "bar",
        "horizontal": True,
        "percent": True,
        "labels": [name for name, _figures in shown],
        "datasets": [{"label": str(_("On time (%)")), "data": [figures.on_time_percent for _name, figures in shown]}],
    }
