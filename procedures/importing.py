"""Importing exports of the provincial one-stop system: dossiers, and the procedure
catalogue, from .csv or .xlsx (the expected columns are the importers' headers below).

A file is either refused whole (not a spreadsheet, wrong encoding, wrong
headers: nothing is written) or imported row by row: bad rows are reported
with their row number and reason, good rows are written. Rows are keyed on
their code, so importing the same file again changes nothing.
"""

import csv
import io
import logging
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from dolisa_site.text import fold

from . import phones, rollups
from .models import Channel, Dossier, DossierStatus, ImportRun, Level, OnlineLevel, Procedure, Sector
from .workdays import DUE_TIME, Calendar

logger = logging.getLogger(__name__)

BATCH = 2000
MAX_REPORTED_ERRORS = 1000
DATE_PATTERN = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")

# How the one-stop system spells each value (FORMAT.md); matched without case or diacritics.
LEVEL_NAMES = {Level.PROVINCE: "Cấp tỉnh", Level.DISTRICT: "Cấp huyện", Level.COMMUNE: "Cấp xã"}
CHANNEL_NAMES = {Channel.ONLINE: "Trực tuyến", Channel.IN_PERSON: "Trực tiếp", Channel.POST: "Bưu chính"}
STATUS_NAMES = {
    DossierStatus.PROCESSING: "Đang xử lý",
    DossierStatus.AWAITING: "Chờ bổ sung",
    DossierStatus.RESOLVED: "Đã giải quyết",
    DossierStatus.RETURNED: "Trả lại",
    DossierStatus.WITHDRAWN: "Rút hồ sơ",
}
ONLINE_LEVEL_NAMES = {OnlineLevel.FULL: "Toàn trình", OnlineLevel.PARTIAL: "Một phần", OnlineLevel.OFFLINE: "Trực tiếp"}


def folded(names):
    return {fold(name): value for value, name in names.items()}


LEVELS, CHANNELS = folded(LEVEL_NAMES), folded(CHANNEL_NAMES)
STATUSES, ONLINE_LEVELS = folded(STATUS_NAMES), folded(ONLINE_LEVEL_NAMES)


class FileRefused(Exception):
    """The file as a whole is not something we can import; nothing is written."""


class RowError(Exception):
    """One row cannot be imported; the message says why, for people."""


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list = field(default_factory=list)  # [(row number, reason)]

    def reject(self, row_number, reason):
        self.rejected.append((row_number, reason))


def header_key(text):
    """Headers match ignoring case, surrounding spaces and Unicode composition."""
    return " ".join(unicodedata.normalize("NFC", str(text or "")).split()).casefold()


def read_table(name, data):
    """(header row, [(row number, values)...]) from a .csv or .xlsx file's bytes."""
    suffix = Path(name).suffix.lower()
    if suffix == ".csv":
        rows = _read_csv(data)
    elif suffix == ".xlsx":
        rows = _read_xlsx(data)
    else:
        raise FileRefused(_("Only .csv and .xlsx files can be imported."))
    rows = [(number, values) for number, values in rows if any(str(v or "").strip() for v in values)]
    if not rows:
        raise FileRefused(_("The file is empty."))
    (_number, header), *body = rows
    return list(header), body


def _read_csv(data):
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise FileRefused(_('The CSV file is not in UTF-8 encoding. Save it again as "CSV UTF-8" and retry.'))
    if "\x00" in text:
        raise FileRefused(_("The file is not a CSV text file."))
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    return list(enumerate(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter), start=1))


def _read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise FileRefused(_("The file is not a readable Excel (.xlsx) workbook."))
    try:
        sheet = workbook.worksheets[0]
        return list(enumerate(sheet.iter_rows(values_only=True), start=1))
    finally:
        workbook.close()


def text_value(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def moment_value(value, header, default_time=time.min):
    """An aware local datetime from a cell: "dd/mm/yyyy HH:MM", "dd/mm/yyyy" or an Excel date."""
    if isinstance(value, datetime):
        moment = value if value.time() != time.min else datetime.combine(value.date(), default_time)
    elif isinstance(value, date):
        moment = datetime.combine(value, default_time)
    else:
        text = text_value(value)
        match = DATE_PATTERN.match(text)
        if not match:
            raise RowError(
                _("“%(column)s” is not a date in the form dd/mm/yyyy HH:MM: “%(value)s”.")
                % {"column": header, "value": text}
            )
        day, month, year, hour, minute, second = match.groups()
        try:
            if hour is None:
                moment = datetime.combine(date(int(year), int(month), int(day)), default_time)
            else:
                moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
        except ValueError:
            raise RowError(_("“%(column)s” is an impossible date: “%(value)s”.") % {"column": header, "value": text})
    if timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def choice_value(value, choices, header):
    text = text_value(value)
    try:
        return choices[fold(text)]
    except KeyError:
        raise RowError(_("“%(column)s” has an unknown value: “%(value)s”.") % {"column": header, "value": text})


class Importer:
    """Reads a file, maps its headers, parses each row, saves in batches."""

    kind = None
    model = None
    # key: (header, required)
    columns = {}
    # Fields compared to decide "unchanged", and written on update.
    compared = ()
    # Derived fields written on update too.
    also_updated = ()
    not_this_kind = ""
    # An ImportRun made beforehand to fill in instead of a new one (background imports, procedures/tasks.py).
    queued_run = None

    def __init__(self, progress=None):
        # progress(iterable, total=..., desc=...) wraps the row loop, e.g. tqdm.
        self.progress = progress or (lambda iterable, **kwargs: iterable)

    def run(self, name, data, user=None):
        """Import a file's bytes; returns the ImportRun recording what happened."""
        run = self.queued_run or ImportRun(kind=self.kind, file_name=Path(name).name[:255], user=user)
        try:
            header, body = read_table(name, data)
            positions = self.map_header(header)
            with transaction.atomic():
                result = self.load(body, positions)
        except FileRefused as refusal:
            run.refused = str(refusal)
            logger.warning("Refused %s import of %r: %s", self.kind, run.file_name, refusal)
        else:
            run.created, run.updated, run.unchanged = result.created, result.updated, result.unchanged
            run.rejected = len(result.rejected)
            run.errors = [list(item) for item in result.rejected[:MAX_REPORTED_ERRORS]]
            logger.info(
                "Imported %s from %r: %d created, %d updated, %d unchanged, %d rejected",
                self.kind,
                run.file_name,
                run.created,
                run.updated,
                run.unchanged,
                run.rejected,
            )
        run.save()
        return run

    def map_header(self, header):
        found = {header_key(text): position for position, text in enumerate(header)}
        positions, missing = {}, []
        for key, (title, required) in self.columns.items():
            if header_key(title) in found:
                positions[key] = found[header_key(title)]
            elif required:
                missing.append(title)
        if missing:
            raise FileRefused(
                "%s %s" % (self.not_this_kind, _("Missing columns: %(columns)s.") % {"columns": ", ".join(missing)})
            )
        return positions

    def load(self, body, positions):
        result = Result()
        self.prepare()
        records, seen = {}, {}
        for number, values in self.progress(body, total=len(body), desc=_("Reading rows")):
            cells = {key: (values[pos] if pos < len(values) else None) for key, pos in positions.items()}
            try:
                record = self.parse(cells)
            except RowError as error:
                result.reject(number, str(error))
                continue
            code = record["code"]
            if code in seen:
                result.reject(
                    number, _("The code %(code)s already appears in row %(row)d.") % {"code": code, "row": seen[code]}
                )
                continue
            seen[code] = number
            records[code] = record
        codes = list(records)
        for start in range(0, len(codes), BATCH):
            self.save({code: records[code] for code in codes[start : start + BATCH]}, result)
        self.finish()
        return result

    def cell(self, cells, key, required=True):
        value = text_value(cells.get(key))
        if required and not value:
            raise RowError(_("“%(column)s” is missing.") % {"column": self.columns[key][0]})
        return value

    def save(self, records, result):
        """Create the new codes, update the changed ones, count the rest as unchanged."""
        existing = {item.code: item for item in self.model.objects.filter(code__in=list(records))}
        new, changed = [], []
        for code, values in records.items():
            item = existing.get(code)
            if item is None:
                item = self.model(**values)
                new.append(item)
            elif all(getattr(item, name) == values[name] for name in self.compared):
                result.unchanged += 1
                continue
            else:
                self.before_change(item)
                for name in self.compared:
                    setattr(item, name, values[name])
                changed.append(item)
            self.after_change(item)
        now = timezone.now()
        for item in new + changed:
            item.updated_at = now
        self.model.objects.bulk_create(new, batch_size=BATCH)
        self.model.objects.bulk_update(changed, [*self.compared, *self.also_updated, "updated_at"], batch_size=500)
        result.created += len(new)
        result.updated += len(changed)

    def prepare(self):
        pass

    def before_change(self, item):
        pass

    def after_change(self, item):
        pass

    def finish(self):
        pass


class DossierImporter(Importer):
    kind = ImportRun.Kind.DOSSIERS
    model = Dossier
    columns = {
        "code": ("Mã hồ sơ", True),
        "procedure": ("Mã thủ tục", True),
        "channel": ("Kênh nộp", True),
        "received_at": ("Ngày tiếp nhận", True),
        "due_at": ("Ngày hẹn trả", False),
        "result_at": ("Ngày có kết quả", False),
        "status": ("Trạng thái", True),
        "applicant_name": ("Người nộp", False),
        # Personal data: only a keyed check of its last four digits is kept (phones.py).
        "phone": ("Số điện thoại", False),
    }
    compared = (
        "procedure_id",
        "channel",
        "received_at",
        "due_at",
        "due_computed",
        "result_at",
        "status",
        "applicant_name",
    )

    @property
    def not_this_kind(self):
        return _("This is not a dossier export.")

    def run(self, name, data, user=None):
        run = super().run(name, data, user=user)
        warnings = getattr(self, "warnings", {})
        if warnings:
            # [[dossier code, warning], ...]: rows imported as they are, worth a look.
            run.warnings = [[code, text] for code, text in warnings.items()][:MAX_REPORTED_ERRORS]
            run.save(update_fields=["warnings"])
        return run

    def map_header(self, header):
        positions = super().map_header(header)
        # Older exports lack the phone column: importing one keeps the checks already stored.
        self.compared = (*type(self).compared, "phone_check") if "phone" in positions else type(self).compared
        return positions

    def phone_check(self, cells, code):
        phone = self.cell(cells, "phone", required=False)
        if phone and not phones.last_digits(phone):
            # The value is not repeated: the import report is kept, and the number is personal data.
            raise RowError(_("“%(column)s” needs at least four digits.") % {"column": self.columns["phone"][0]})
        return phones.check_value(code, phone)

    def prepare(self):
        self.procedures = dict(Procedure.objects.values_list("code", "id"))
        self.processing_days = dict(Procedure.objects.values_list("id", "processing_days"))
        self.calendar = Calendar.load()
        self.touched_days = set()
        self.warnings = {}

    def parse(self, cells):
        code = self.cell(cells, "code")
        procedure_code = self.cell(cells, "procedure")
        procedure_id = self.procedures.get(procedure_code)
        if procedure_id is None:
            raise RowError(_("Unknown procedure code “%(code)s”.") % {"code": procedure_code})
        channel = choice_value(cells["channel"], CHANNELS, self.columns["channel"][0])
        self.cell(cells, "received_at")
        received_at = moment_value(cells["received_at"], self.columns["received_at"][0])
        due_at = result_at = None
        if text_value(cells.get("due_at")):
            due_at = moment_value(cells["due_at"], self.columns["due_at"][0], default_time=DUE_TIME)
        if text_value(cells.get("result_at")):
            result_at = moment_value(cells["result_at"], self.columns["result_at"][0])
        self.cell(cells, "status")
        status = choice_value(cells["status"], STATUSES, self.columns["status"][0])
        due_computed = due_at is None
        if due_computed:
            due_at = self.calendar.due_at(received_at, self.processing_days[procedure_id])
        elif self.calendar.is_due_time_on_day_off(due_at):
            # The file is the record: the date is kept, and the import report says so.
            self.warnings.setdefault(
                code,
                _("“%(column)s” %(date)s is not a working day; kept as given.")
                % {"column": self.columns["due_at"][0], "date": f"{timezone.localtime(due_at):%d/%m/%Y}"},
            )
        record = {
            "code": code,
            "procedure_id": procedure_id,
            "channel": channel,
            "received_at": received_at,
            "due_at": due_at,
            "due_computed": due_computed,
            "result_at": result_at,
            "status": status,
            "applicant_name": self.cell(cells, "applicant_name", required=False)[:200],
        }
        if "phone" in cells:
            record["phone_check"] = self.phone_check(cells, code)
        problems = Dossier(**record).problems()
        if problems:
            raise RowError(" ".join(str(message) for message in problems.values()))
        return record

    def before_change(self, dossier):
        self.touched_days |= rollups.days_of(dossier.received_at, dossier.result_at)

    def after_change(self, dossier):
        self.touched_days |= rollups.days_of(dossier.received_at, dossier.result_at)

    def finish(self):
        # Bulk writes send no signals: the rollups are refreshed here, once.
        rollups.refresh(self.touched_days)


class ProcedureImporter(Importer):
    kind = ImportRun.Kind.PROCEDURES
    model = Procedure
    columns = {
        "code": ("Mã thủ tục", True),
        "name": ("Tên thủ tục", True),
        "field": ("Lĩnh vực", True),
        "level": ("Cấp thực hiện", True),
        "processing_days": ("Thời hạn giải quyết (ngày làm việc)", True),
        "fees": ("Phí, lệ phí", False),
        "online_level": ("Mức độ dịch vụ công", True),
    }
    compared = ("name", "sector_id", "level", "processing_days", "fees", "online_level")
    also_updated = ("search_text",)

    @property
    def not_this_kind(self):
        return _("This is not a procedure catalogue.")

    def prepare(self):
        self.fields = {fold(item.name): item for item in Sector.objects.all()}

    def field_for(self, name):
        key = fold(name)
        if key not in self.fields:
            self.fields[key] = Sector.objects.create(name=name, order=len(self.fields) + 1)
        return self.fields[key]

    def parse(self, cells):
        days_text = self.cell(cells, "processing_days")
        if not days_text.isdigit() or int(days_text) > 365:
            raise RowError(
                _("“%(column)s” must be a whole number of working days: “%(value)s”.")
                % {"column": self.columns["processing_days"][0], "value": days_text}
            )
        record = {
            "code": self.cell(cells, "code"),
            "name": self.cell(cells, "name")[:500],
            "level": choice_value(cells["level"], LEVELS, self.columns["level"][0]),
            "processing_days": int(days_text),
            "fees": self.cell(cells, "fees", required=False)[:500],
            "online_level": choice_value(cells["online_level"], ONLINE_LEVELS, self.columns["online_level"][0]),
        }
        field_name = self.cell(cells, "field")[:200]
        # Last, so a row rejected for another reason adds no field.
        record["sector_id"] = self.field_for(field_name).pk
        return record

    def after_change(self, procedure):
        procedure.search_text = Procedure.make_search_text(procedure.code, procedure.name)
