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


# Green for early and on time, red for late, amber for still overdue: the delays stand out.
OUTCOME_COLOURS = ["#1b6e2f", "#6fb27f", "#a61b1b", "#e08a00"]


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
    """Stacked shares (%) per group of early / on time / late results and pending overdue dossiers,
    from outcome_rows(): one look shows where the delays are."""
    labels = [
        _("Before the deadline"),
        _("On time (not early)"),
        _("Late"),
        _("Pending overdue"),
    ]

    def share(part, row):
        whole = sum(row[1:])
        return round(part * 100 / whole, 1) if whole else 0

    return {
        "type": "bar",
        "horizontal": True,
        "percent": True,
        "stacked": True,
        "labels": [row[0] for row in rows],
        "datasets": [
            {
                "label": str(label),
                "colour": OUTCOME_COLOURS[index],
                "data": [share(row[index + 1], row) for row in rows],
                "counts": [row[index + 1] for row in rows],
            }
            for index, label in enumerate(labels)
        ],
    }
