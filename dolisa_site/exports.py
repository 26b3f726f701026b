"""Files the apps hand to officials: CSV and Excel, written the same way everywhere.

- CSV is UTF-8 with a byte-order mark, so Excel reads the Vietnamese diacritics.
- No cell is ever a formula. A text value that begins with =, +, -, @, a tab or a
  carriage return would be evaluated by a spreadsheet program (formula injection,
  OWASP "CSV Injection"): in CSV it gets a leading apostrophe, in Excel the cell is
  stored as text (with Excel's own quote prefix), its value unchanged.
"""

import csv
import io

from django.http import HttpResponse
from django.utils.http import content_disposition_header

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def is_risky(value):
    """A text a spreadsheet program could take for a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_cell(value):
    """A value for a CSV cell: risky text is prefixed with an apostrophe, the rest is unchanged."""
    if is_risky(value):
        return "'" + value
    return value


def csv_text(rows):
    """CSV text (with BOM) from rows of values, every cell made safe."""
    output = io.StringIO()
    output.write("\ufeff")
    writer = csv.writer(output)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return output.getvalue()


def attachment(response, file_name):
    response["Content-Disposition"] = content_disposition_header(True, file_name)
    return response


def csv_response(rows, file_name):
    return attachment(HttpResponse(csv_text(rows), content_type=CSV_TYPE), file_name)


def make_text(workbook):
    """Store every formula-looking cell of an openpyxl workbook as text; returns the workbook."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or is_risky(cell.value):
                    cell.data_type = "s"
                    cell.quotePrefix = True
    return workbook


def xlsx_bytes(workbook):
    output = io.BytesIO()
    make_text(workbook).save(output)
    return output.getvalue()


def xlsx_response(workbook, file_name):
    """An openpyxl workbook (or its bytes, already made safe) as a download."""
    data = workbook if isinstance(workbook, bytes) else xlsx_bytes(workbook)
    return attachment(HttpResponse(data, content_type=XLSX_TYPE), file_name)
