"""The official results report, Biểu số II.06a/VPCP/KSTT (Circular 01/2020/TT-VPCP):
"Tình hình, kết quả giải quyết thủ tục hành chính", one row per field and a total.

Counted from the raw dossiers, for the local days first..last:

- (4) online, (5) in person or by post: received in the period; (6) carried over:
  received before it and not finished before it; (3) = (4) + (5) + (6).
- (8) early, (9) on time, (10) late: finished in the period. On this form "on time"
  excludes the early ones, and returned and withdrawn dossiers count as finished on
  time; (7) = (8) + (9) + (10).
- (11) pending at the last moment of the period: (12) within the deadline (or waiting
  for the applicant's supplements), (13) overdue; (11) = (12) + (13). For a period still
  under way, within / overdue as of now (a deadline later today is not overdue yet), and
  the form says so.
- Every dossier handled in the period is finished in it or pending at its end:
  (3) = (7) + (11).
"""

import re
from dataclasses import dataclass, fields

from django.conf import settings
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from dolisa_site import exports as files
from dolisa_site.models import SiteProfile
from dolisa_site.text import fold, nfc

from .counting import EARLY, LATE, ON_TIME, RETURNED, WITHDRAWN, end_of, pending_moment, period_bounds
from .models import Channel, Dossier, DossierStatus, Sector

FORM_NUMBER = "II.06a/VPCP/KSTT"
# Left for the pen when the place is not known.
BLANK_PLACE = "……………"
# The province at the end of an address: "…, tỉnh Sơn Hà" or "…, thành phố Hà Nội" (TP., TP).
PROVINCE = re.compile(r"^(?:tỉnh|thành phố|tp\.?)\s+(?P<name>.+)$", re.IGNORECASE)


@dataclass
class Row:
    received: int = 0  # (3)
    online: int = 0  # (4)
    offline: int = 0  # (5)
    carried_over: int = 0  # (6)
    finished: int = 0  # (7)
    early: int = 0  # (8)
    on_time: int = 0  # (9)
    late: int = 0  # (10)
    pending: int = 0  # (11)
    within: int = 0  # (12)
    overdue: int = 0  # (13)

    def values(self):
        return [getattr(self, f.name) for f in fields(self)]

    def add(self, other):
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def identities_hold(self):
        return (
            self.received == self.online + self.offline + self.carried_over
            and self.finished == self.early + self.on_time + self.late
            and self.pending == self.within + self.overdue
            and self.received == self.finished + self.pending
        )


@dataclass
class Report:
    period: object
    field: object  # a Sector, or None for all fields
    rows: list  # [(field name, Row)]
    total: Row
    unit: str
    recipient: str
    made_at: object
    # The place before the date at the foot, e.g. "Sơn Hà" (place_name()).
    place: str = BLANK_PLACE
    # Columns (12) and (13) are counted at this moment: the period's end, or now while it runs.
    pending_at: object = None
    pending_is_now: bool = False


def place_name(profile):
    """The place of the date line: the PROCEDURES_REPORT_PLACE setting, else the province of
    the site profile's address, named as official documents name it (Decree 30/2020/NĐ-CP):
    "tỉnh Sơn Hà" → "Sơn Hà", "thành phố Hà Nội" → "Hà Nội", but "Thành phố Hồ Chí Minh" whole,
    the city being named after a person. Blank dots when the address ends with no province."""
    configured = settings.PROCEDURES_REPORT_PLACE
    if configured:
        return configured
    parts = [part.strip() for part in nfc(profile.address or "").split(",") if part.strip()]
    if parts and fold(parts[-1]) in ("viet nam", "vietnam"):
        parts.pop()
    match = PROVINCE.match(" ".join(parts[-1].split())) if parts else None
    if not match:
        return BLANK_PLACE
    name = match.group("name")
    return f"Thành phố {name}" if fold(name) == "ho chi minh" else name


def counts(dossiers, first, last, as_of=None):
    """{field id: Row} for the dossiers handled in first..last; pending ones within or past
    their deadline at `as_of` (default: the period's last moment)."""
    start, after = period_bounds(first, last)
    as_of = as_of or end_of(last)
    finished = Q(result_at__lt=after)
    pending = Q(result_at__isnull=True) | Q(result_at__gte=after)
    within = pending & (Q(due_at__gte=as_of) | Q(status=DossierStatus.AWAITING))
    handled = dossiers.filter(Q(result_at__isnull=True) | Q(result_at__gte=start), received_at__lt=after)
    grouped = (
        handled.values("procedure__sector_id")
        .annotate(
            online=Count("pk", filter=Q(received_at__gte=start, channel=Channel.ONLINE)),
            offline=Count("pk", filter=Q(received_at__gte=start) & ~Q(channel=Channel.ONLINE)),
            carried_over=Count("pk", filter=Q(received_at__lt=start)),
            early=Count("pk", filter=finished & EARLY),
            on_time=Count("pk", filter=finished & ((ON_TIME & ~EARLY) | RETURNED | WITHDRAWN)),
            late=Count("pk", filter=finished & LATE),
            within=Count("pk", filter=within),
            overdue=Count("pk", filter=pending & ~within),
        )
        .order_by()
    )
    result = {}
    for item in grouped:
        row = Row(**{name: item[name] for name in ("online", "offline", "carried_over", "early", "on_time", "late")})
        row.within, row.overdue = item["within"], item["overdue"]
        row.received = row.online + row.offline + row.carried_over
        row.finished = row.early + row.on_time + row.late
        row.pending = row.within + row.overdue
        result[item["procedure__sector_id"]] = row
    return result


def build(period, field=None, dossiers=None):
    dossiers = Dossier.objects.all() if dossiers is None else dossiers
    if field is not None:
        dossiers = dossiers.filter(procedure__sector=field)
    made_at = timezone.localtime()
    pending_at, pending_is_now = pending_moment(period, made_at)
    by_field = counts(dossiers, period.first, period.last, pending_at)
    shown = [field] if field is not None else list(Sector.objects.all())
    rows, total = [], Row()
    for item in shown:
        row = by_field.get(item.pk, Row())
        rows.append((item.name, row))
        total.add(row)
    profile = SiteProfile.load()
    return Report(
        period=period,
        field=field,
        rows=rows,
        total=total,
        unit=profile.name,
        recipient=getattr(settings, "PROCEDURES_REPORT_RECIPIENT", "")
        or _("Office of the Provincial People's Committee"),
        made_at=made_at,
        place=place_name(profile),
        pending_at=pending_at,
        pending_is_now=pending_is_now,
    )


def file_name(report):
    parts = ["bao-cao-ket-qua-giai-quyet-tthc", f"{report.period.first:%d-%m-%Y}", f"{report.period.last:%d-%m-%Y}"]
    if report.field is not None:
        parts.append(slugify(report.field.name) or str(report.field.pk))
    return "-".join(parts) + ".xlsx"


# --- The workbook --------------------------------------------------------------

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
COLUMNS = 13
COUNT_FORMAT = "#,##0"


def _merged(sheet, row, first, last, value, font=None, alignment=CENTER, height=None):
    sheet.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)
    cell = sheet.cell(row=row, column=first, value=value)
    cell.alignment = alignment
    if font:
        cell.font = font
    if height:
        sheet.row_dimensions[row].height = height
    return cell


def _header(sheet, top):
    """The form's two-level header (rows top..top+2) and the row of column numbers."""
    spans = [
        # (first row, last row, first column, last column, text)
        (top, top + 2, 1, 1, _("No.")),
        (top, top + 2, 2, 2, _("Field")),
        (top, top, 3, 6, _("Dossiers received")),
        (top + 1, top + 2, 3, 3, _("Total")),
        (top + 1, top + 1, 4, 6, _("of which")),
        (top + 2, top + 2, 4, 4, _("Online")),
        (top + 2, top + 2, 5, 5, _("In person, by post")),
        (top + 2, top + 2, 6, 6, _("Carried over from the previous period")),
        (top, top, 7, 13, _("Results")),
        (top + 1, top + 1, 7, 10, _("Dossiers finished")),
        (top + 2, top + 2, 7, 7, _("Total")),
        (top + 2, top + 2, 8, 8, _("Before the deadline")),
        (top + 2, top + 2, 9, 9, _("On time (not early)")),
        (top + 2, top + 2, 10, 10, _("Late")),
        (top + 1, top + 1, 11, 13, _("Dossiers being processed")),
        (top + 2, top + 2, 11, 11, _("Total")),
        (top + 2, top + 2, 12, 12, _("Within the deadline")),
        (top + 2, top + 2, 13, 13, _("Overdue")),
    ]
    for first_row, last_row, first_column, last_column, text in spans:
        if (first_row, first_column) != (last_row, last_column):
            sheet.merge_cells(start_row=first_row, start_column=first_column, end_row=last_row, end_column=last_column)
        cell = sheet.cell(row=first_row, column=first_column, value=text)
        cell.font = Font(bold=True)
    for row in range(top, top + 4):
        for column in range(1, COLUMNS + 1):
            cell = sheet.cell(row=row, column=column)
            cell.alignment = CENTER
            cell.border = BOX
    for column in range(1, COLUMNS + 1):
        cell = sheet.cell(row=top + 3, column=column, value=f"({column})")
        cell.font = Font(italic=True)
    sheet.row_dimensions[top + 2].height = 48


def workbook(report):
    book = Workbook()
    sheet = book.active
    sheet.title = _("Form %(number)s") % {"number": "II.06a"}
    bold = Font(bold=True)
    sheet.cell(row=1, column=1, value=_("Form No. %(number)s") % {"number": FORM_NUMBER}).font = bold
    _merged(
        sheet,
        2,
        1,
        COLUMNS,
        _("STATUS AND RESULTS OF HANDLING ADMINISTRATIVE PROCEDURES AT THE AGENCY OR UNIT THAT HANDLES THEM DIRECTLY"),
        Font(bold=True, size=13),
        height=36,
    )
    period = report.period
    _merged(
        sheet,
        3,
        1,
        COLUMNS,
        _("Reporting period: %(label)s (from %(first)s to %(last)s)")
        % {"label": period.label, "first": f"{period.first:%d/%m/%Y}", "last": f"{period.last:%d/%m/%Y}"},
        Font(italic=True),
    )
    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    _merged(sheet, 4, 8, COLUMNS, _("- Reporting unit: %(unit)s") % {"unit": report.unit}, alignment=left)
    _merged(sheet, 5, 8, COLUMNS, _("- Receiving unit: %(unit)s") % {"unit": report.recipient}, alignment=left)
    scope = (
        _("Field: %(field)s") % {"field": report.field.name}
        if report.field is not None
        else _("All fields of the department")
    )
    _merged(sheet, 6, 1, 7, scope, alignment=left)
    _merged(sheet, 6, 8, COLUMNS, _("Unit: number of administrative procedure dossiers"), alignment=left)
    if report.pending_is_now:
        # A period still under way: the pending columns are not those of its last day, and must not pass for them.
        _merged(
            sheet,
            7,
            1,
            COLUMNS,
            _("The period has not ended: columns (11) to (13) are counted as of %(moment)s.")
            % {"moment": f"{timezone.localtime(report.pending_at):%d/%m/%Y %H:%M}"},
            Font(italic=True),
            alignment=left,
        )
    top = 8
    _header(sheet, top)
    for index, (name, row) in enumerate(report.rows, start=1):
        sheet.append([index, name, *row.values()])
    sheet.append([None, _("Total"), *report.total.values()])
    # sheet.append() writes from the first empty row: the header's merged rows are filled, so rows follow them.
    for row in sheet.iter_rows(min_row=top + 4, max_row=sheet.max_row, max_col=COLUMNS):
        for cell in row:
            cell.border = BOX
            if cell.column > 2:
                cell.number_format = COUNT_FORMAT
            if cell.column == 1:
                cell.alignment = CENTER
            if cell.column == 2:
                cell.alignment = Alignment(wrap_text=True, vertical="center")
    for cell in sheet[sheet.max_row]:
        cell.font = bold
    footer = sheet.max_row + 2
    made = report.made_at
    _merged(
        sheet,
        footer,
        8,
        COLUMNS,
        _("%(place)s, day %(day)02d month %(month)02d year %(year)d")
        % {"place": report.place, "day": made.day, "month": made.month, "year": made.year},
        Font(italic=True),
    )
    _merged(sheet, footer + 1, 1, 5, _("PREPARED BY"), bold)
    _merged(sheet, footer + 1, 8, COLUMNS, _("HEAD OF THE UNIT"), bold)
    _merged(sheet, footer + 2, 8, COLUMNS, _("(Signature, full name and seal)"), Font(italic=True))
    _merged(sheet, footer + 2, 1, 5, _("(Signature and full name)"), Font(italic=True))
    widths = [6, 40] + [11] * 11
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    # A4 landscape, one page wide, the header repeated on every page.
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = f"{top}:{top + 3}"
    sheet.page_margins.left = sheet.page_margins.right = 0.4
    sheet.print_options.horizontalCentered = True
    sheet.freeze_panes = sheet.cell(row=top + 4, column=3)
    return files.xlsx_bytes(book)
