"""The dashboard's current view as an Excel workbook or a CSV file."""

from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from dolisa_site import exports as files

from . import counting

COUNT_FORMAT = "#,##0"
PERCENT_FORMAT = "0%"
DAYS_FORMAT = "0.0"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
HEADER_FILL = PatternFill("solid", fgColor="E8F0FA")


def file_name(view, extension):
    """E.g. thu-tuc-hanh-chinh-quy-3-2026-nguoi-co-cong.xlsx: the period, then every filter's value."""
    parts = ["thu-tuc-hanh-chinh", slugify(view.period.label.replace("/", " "))]
    # A procedure reads "code – name": its code is enough.
    parts += [slugify(value.split(" – ")[0].replace("/", " ").replace(".", "-")) for _label, value in view.filters]
    return "-".join(part for part in parts if part)[:180] + f".{extension}"


def header_rows(view):
    """The period and every filter, so a filtered file never reads as the whole department's."""
    rows = [(_("Period"), view.period.label)]
    rows.append(
        (_("From – to"), f"{view.period.first:%d/%m/%Y} – {view.period.last:%d/%m/%Y}"),
    )
    if view.filters:
        rows += [(label, value) for label, value in view.filters]
    else:
        rows.append((_("Filters"), _("none: the whole department")))
    return rows


def figure_headers():
    return [
        pgettext("results", "Received"),
        pgettext("results", "Resolved"),
        _("Before the deadline"),
        _("Before the deadline (%)"),
        # The figure counts the early ones too: said in the column, as on the dashboard and the widget.
        _("On time, early ones included"),
        _("On time, early ones included (%)"),
        _("Late"),
        _("Late (%)"),
        pgettext("results", "Returned"),
        pgettext("results", "Withdrawn"),
    ]


def figure_values(figures):
    """Counts as numbers and rates as fractions, for Excel's percent format."""

    def rate(value):
        return None if value is None else value / 100

    return [
        figures.received,
        figures.resolved,
        figures.early,
        rate(figures.early_percent),
        figures.on_time,
        rate(figures.on_time_percent),
        figures.late,
        rate(figures.late_percent),
        figures.returned,
        figures.withdrawn,
    ]


def _percent_columns(offset):
    """1-based column numbers of the rates in figure_values(), after `offset` leading columns."""
    return {offset + 4, offset + 6, offset + 8}


def pending_label(view):
    if view.pending_is_now:
        return _("as of now (%(moment)s)") % {"moment": f"{timezone.localtime(view.pending_at):%d/%m/%Y %H:%M}"}
    return _("as of the end of the period, %(moment)s") % {
        "moment": f"{timezone.localtime(view.pending_at):%d/%m/%Y %H:%M}"
    }


def overdue_rows(view):
    """Every dossier overdue at the moment the pending figures are counted, not only those on the page."""
    return counting.with_days_overdue(view.overdue_query.iterator(chunk_size=2000), view.pending_at)


def summary_rows(view):
    figures, pending = view.figures, view.pending
    return [
        (_("Period"), view.period.label, None),
        (_("Carried over from the previous period"), view.carried_over, COUNT_FORMAT),
        (pgettext("results", "Received"), figures.received, COUNT_FORMAT),
        (_("of which online"), view.online_received, COUNT_FORMAT),
        (_("Online share"), None if view.online_percent is None else view.online_percent / 100, PERCENT_FORMAT),
        (pgettext("results", "Resolved"), figures.resolved, COUNT_FORMAT),
        (_("Before the deadline"), figures.early, COUNT_FORMAT),
        (_("On time, early ones included"), figures.on_time, COUNT_FORMAT),
        (_("Late"), figures.late, COUNT_FORMAT),
        (
            _("On time, early ones included (%)"),
            None if figures.on_time_percent is None else figures.on_time_percent / 100,
            PERCENT_FORMAT,
        ),
        (pgettext("results", "Returned"), figures.returned, COUNT_FORMAT),
        (pgettext("results", "Withdrawn"), figures.withdrawn, COUNT_FORMAT),
        (_("Pending within the deadline"), pending.within, COUNT_FORMAT),
        (_("Pending overdue"), pending.overdue, COUNT_FORMAT),
        (_("Pending figures counted"), pending_label(view), None),
        (_("Average processing time (days)"), figures.average_processing_days, DAYS_FORMAT),
    ]


def _sheet(workbook, title, headers, rows, formats, widths):
    sheet = workbook.create_sheet(title)
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row in rows:
        sheet.append(row)
    for column, number_format in formats.items():
        for (cell,) in sheet.iter_rows(min_row=2, min_col=column, max_col=column):
            cell.number_format = number_format
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = "A2"
    return sheet


def workbook(view):
    book = Workbook()
    book.remove(book.active)
    summary = book.create_sheet(_("Summary of results"))
    summary.append([_("Administrative procedure results"), None])
    summary["A1"].font = Font(bold=True, size=13)
    for label, value in header_rows(view):
        summary.append([label, value])
        summary.cell(row=summary.max_row, column=2).font = Font(bold=True)
    summary.append([])
    for label, value, number_format in summary_rows(view)[1:]:
        summary.append([label, value])
        if number_format:
            summary.cell(row=summary.max_row, column=2).number_format = number_format
    summary.append([_("Exported at"), timezone.localtime(view.now).replace(tzinfo=None)])
    summary.cell(row=summary.max_row, column=2).number_format = DATETIME_FORMAT
    summary.column_dimensions["A"].width = 42
    summary.column_dimensions["B"].width = 24

    counts = {column: COUNT_FORMAT for column in range(2, 12)}
    counts.update({column: PERCENT_FORMAT for column in _percent_columns(1)})
    _sheet(
        book,
        _("By field"),
        [_("Field"), *figure_headers()],
        [[name, *figure_values(figures)] for name, figures in view.by_field]
        + [[_("Total"), *figure_values(view.figures)]],
        counts,
        [36] + [13] * 10,
    )
    by_procedure = {column + 1: number_format for column, number_format in counts.items()}
    _sheet(
        book,
        _("By procedure"),
        [_("Procedure code"), _("Procedure"), *figure_headers()],
        [[code, name, *figure_values(figures)] for code, name, figures in view.by_procedure],
        by_procedure,
        [14, 60] + [13] * 10,
    )
    _sheet(
        book,
        _("Overdue dossiers"),
        [
            _("Dossier code"),
            _("Procedure"),
            _("Channel"),
            _("Received at"),
            _("Due at"),
            _("Days overdue"),
            _("Status"),
            _("Applicant"),
        ],
        [
            [
                dossier.code,
                dossier.procedure.name,
                dossier.get_channel_display(),
                timezone.localtime(dossier.received_at).replace(tzinfo=None),
                timezone.localtime(dossier.due_at).replace(tzinfo=None),
                dossier.days_overdue,
                dossier.get_status_display(),
                dossier.applicant_name,
            ]
            for dossier in overdue_rows(view)
        ],
        {4: DATETIME_FORMAT, 5: DATETIME_FORMAT, 6: COUNT_FORMAT},
        [24, 60, 14, 18, 18, 12, 22, 26],
    )
    return files.xlsx_bytes(book)


def csv_rows(view):
    """Figures by procedure, with a total line (dolisa_site.exports.csv_response writes them)."""
    rows = [[label, value] for label, value in header_rows(view)]
    rows.append([_("Procedure code"), _("Procedure"), *figure_headers()])

    def plain(values):
        rates = (3, 5, 7)  # positions of the rates in figure_values()
        return [
            "" if value is None else round(value * 100) if index in rates else value
            for index, value in enumerate(values)
        ]

    for code, name, figures in view.by_procedure:
        rows.append([code, name, *plain(figure_values(figures))])
    rows.append(["", _("Total"), *plain(figure_values(view.figures))])
    return rows
