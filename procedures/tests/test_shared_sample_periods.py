"""The shared sample (catalogue and 6,000 dossiers) imported into a fresh install — no demo data, no
Holiday rows — and every period the dashboard and the official report offer, compared with a count
made here directly from the CSV rows by the written rules (FORMAT.md, counting.py, report.py).

Nothing below calls procedures code for a rule: the CSV is read with the csv module, due dates are
counted with the `holidays` package's Vietnam calendar, and each figure is counted row by row.
"""

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import holidays
import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.db import transaction
from django.test import Client

from procedures import dashboard, periods, report
from procedures.filters import PeriodForm
from procedures.importing import DossierImporter, ProcedureImporter
from procedures.models import Dossier, Holiday, Procedure, Sector

# The shared folder sits beside the project root (settings.BASE_DIR), whatever the working directory.
SHARED = Path(settings.BASE_DIR).parent / "shared" / "procedures"
CATALOGUE, DOSSIERS = SHARED / "thu-tuc-mau.csv", SHARED / "ho-so-mau.csv"
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
# After the last dossier (30/10/2026) and inside December 2026: every period is closed except
# December, the fourth quarter and the year 2026 (and the Decree periods under way), which are
# counted as of now.
NOW = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL)
DUE_TIME = time(17, 0)
TOTAL = "Tổng cộng"
pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not (CATALOGUE.exists() and DOSSIERS.exists()),
        reason=f"the shared sample folder is absent: {SHARED} (thu-tuc-mau.csv, ho-so-mau.csv)",
    ),
]


# --- The rules, written out over the CSV rows ------------------------------------


@dataclass
class Row:
    code: str
    field: str
    online: bool
    received: datetime
    due: datetime
    result: datetime | None
    status: str


def moment(text, default_time):
    """'dd/mm/yyyy HH:MM' or 'dd/mm/yyyy' (FORMAT.md), local time."""
    text = text.strip()
    if " " in text:
        return datetime.strptime(text, "%d/%m/%Y %H:%M").replace(tzinfo=LOCAL)
    return datetime.combine(datetime.strptime(text, "%d/%m/%Y").date(), default_time, LOCAL)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


class WorkingDays:
    """Monday to Friday, minus Vietnam's public holidays, plus the Saturdays worked in exchange."""

    def __init__(self, years):
        self.public = holidays.country_holidays("VN", years=years)

    def __call__(self, day):
        if day in self.public:
            return False
        return day.weekday() < 5 or day in self.public.weekend_workdays

    def due(self, received, processing_days):
        """Counting starts the working day after receipt; due at 17:00 on the last one."""
        day = received.date()
        if processing_days == 0:
            while not self(day):
                day += timedelta(days=1)
        left = processing_days
        while left:
            day += timedelta(days=1)
            if self(day):
                left -= 1
        return datetime.combine(day, DUE_TIME, LOCAL)


def sample_rows():
    catalogue = {row["Mã thủ tục"]: row for row in read_csv(CATALOGUE)}
    raw = read_csv(DOSSIERS)
    years = {int(row["Ngày tiếp nhận"].split()[0][-4:]) for row in raw}
    workdays = WorkingDays(range(min(years), max(years) + 2))
    rows = []
    for item in raw:
        procedure = catalogue[item["Mã thủ tục"]]
        received = moment(item["Ngày tiếp nhận"], time.min)
        if item["Ngày hẹn trả"].strip():
            due = moment(item["Ngày hẹn trả"], DUE_TIME)
        else:
            due = workdays.due(received, int(procedure["Thời hạn giải quyết (ngày làm việc)"]))
        rows.append(
            Row(
                code=item["Mã hồ sơ"],
                field=procedure["Lĩnh vực"],
                online=item["Kênh nộp"] == "Trực tuyến",
                received=received,
                due=due,
                result=moment(item["Ngày có kết quả"], time.min) if item["Ngày có kết quả"].strip() else None,
                status=item["Trạng thái"],
            )
        )
    return rows


def bounds(first, last):
    start = datetime.combine(first, time.min, LOCAL)
    after = datetime.combine(last + timedelta(days=1), time.min, LOCAL)
    end = after - timedelta(microseconds=1)
    # A closed period is counted as of its last moment, the one under way as of now.
    return start, after, (end if end < NOW else NOW)


def dashboard_figures(rows, first, last):
    """What the dashboard shows: received (online), carried over, results given in the period
    (on time includes the early ones; returned and withdrawn apart), pending within / overdue."""
    start, after, as_of = bounds(first, last)
    counts = dict.fromkeys(
        ["received", "online", "carried_over", "resolved", "early", "on_time", "late", "returned", "withdrawn"], 0
    )
    counts.update(within=0, overdue=0)
    for row in rows:
        if start <= row.received < after:
            counts["received"] += 1
            counts["online"] += row.online
        if row.received < start and (row.result is None or row.result >= start):
            counts["carried_over"] += 1
        if row.result is not None and start <= row.result < after:
            if row.status == "Đã giải quyết":
                counts["resolved"] += 1
                counts["early"] += row.result.date() < row.due.date()
                counts["on_time"] += row.result <= row.due
                counts["late"] += row.result > row.due
            elif row.status == "Trả lại":
                counts["returned"] += 1
            elif row.status == "Rút hồ sơ":
                counts["withdrawn"] += 1
        if row.received <= as_of and (row.result is None or row.result > as_of):
            counts["within" if row.due >= as_of else "overdue"] += 1
    return counts


def report_columns(rows, first, last):
    """Columns (3)..(13) of form II.06a: every dossier handled in the period is finished in it
    (early / on time, not early, with returned and withdrawn / late) or pending at its end
    (within the deadline, or waiting for supplements / overdue)."""
    start, after, as_of = bounds(first, last)
    online = offline = carried = early = on_time = late = within = overdue = 0
    for row in rows:
        if row.received >= after or (row.result is not None and row.result < start):
            continue
        if row.received < start:
            carried += 1
        elif row.online:
            online += 1
        else:
            offline += 1
        if row.result is not None and row.result < after:
            if row.status != "Đã giải quyết":
                on_time += 1
            elif row.result.date() < row.due.date():
                early += 1
            elif row.result <= row.due:
                on_time += 1
            else:
                late += 1
        elif row.status == "Chờ bổ sung" or row.due >= as_of:
            within += 1
        else:
            overdue += 1
    return [
        online + offline + carried,
        online,
        offline,
        carried,
        early + on_time + late,
        early,
        on_time,
        late,
        within + overdue,
        within,
        overdue,
    ]


# --- The periods -----------------------------------------------------------------

YEARS = (2025, 2026)


def month_query(year, number):
    return {"ky": "thang", "nam": year, "thang": number}


def range_query(period):
    return {"ky": "khoang", "tu-ngay": f"{period.first:%Y-%m-%d}", "den-ngay": f"{period.last:%Y-%m-%d}"}


# (period, the dashboard's query for it). Decree periods are a range of days on the dashboard.
CALENDAR_PERIODS = [
    *[(periods.month(year, number), month_query(year, number)) for year in YEARS for number in range(1, 13)],
    *[
        (periods.quarter(year, number), {"ky": "quy", "nam": year, "quy": number})
        for year in YEARS
        for number in range(1, 5)
    ],
    # 2024 has no dossiers: every figure 0, the pending ones too.
    *[(periods.year(year), {"ky": "nam", "nam": year}) for year in (2024, *YEARS)],
]
DECREE_PERIODS = [
    *[periods.report_month(year, number) for year in YEARS for number in range(1, 13)],
    *[periods.report_quarter(year, number) for year in YEARS for number in range(1, 5)],
    *[periods.report_half(year) for year in YEARS],
    *[periods.report_year(year) for year in YEARS],
]
ALL_PERIODS = CALENDAR_PERIODS + [(period, range_query(period)) for period in DECREE_PERIODS]


def shown(html, name):
    """A figure as the dashboard prints it (thousands separated by dots in Vietnamese)."""
    match = re.search(rf'data-figure="{name}">([\d.,]+)<', html)
    assert match, name
    return int(match.group(1).replace(".", "").replace(",", ""))


def sheet_rows(data):
    """{field name or total: [(3)..(13)]} read back from the report workbook."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows, started = {}, False
    for values in sheet.iter_rows(values_only=True):
        if values[0] == "(1)":
            started = True
        elif started and values[1] and values[2] is not None:
            rows[values[1]] = list(values[2:13])
    return rows


# --- The import, once for the module ---------------------------------------------


@pytest.fixture(scope="module")
def imported(django_db_setup, django_db_blocker):
    """The sample imported once into a fresh database; rolled back when the module ends."""
    with django_db_blocker.unblock(), transaction.atomic():
        assert not Holiday.objects.exists(), "a fresh install has no Holiday rows"
        assert not Procedure.objects.exists() and not Dossier.objects.exists(), "no demo data"
        with time_machine.travel(NOW, tick=False):
            catalogue = ProcedureImporter().run(CATALOGUE.name, CATALOGUE.read_bytes())
            assert (catalogue.rejected, catalogue.refused) == (0, "")
            run = DossierImporter().run(DOSSIERS.name, DOSSIERS.read_bytes())
            assert (run.created, run.rejected, run.refused) == (6000, 0, ""), run.errors[:5]
        yield sample_rows()
        transaction.set_rollback(True)


@pytest.fixture
def now():
    with time_machine.travel(NOW, tick=False):
        yield


def test_february_2026_shows_185_on_time_and_4_late(imported, now, leader):
    client = Client()
    client.force_login(leader)
    html = client.get(DASHBOARD, {"ky": "thang", "nam": 2026, "thang": 2}).content.decode()
    assert (shown(html, "on_time"), shown(html, "late")) == (185, 4)
    february = dashboard_figures(imported, date(2026, 2, 1), date(2026, 2, 28))
    assert (february["on_time"], february["late"]) == (185, 4)


def view_figures(view):
    figures = {name: getattr(view.figures, name) for name in OUTCOMES}
    figures.update(
        received=view.figures.received,
        online=view.online_received,
        carried_over=view.carried_over,
        within=view.pending.within,
        overdue=view.pending.overdue,
    )
    return figures


OUTCOMES = ("resolved", "early", "on_time", "late", "returned", "withdrawn")


def test_every_period_on_the_dashboard_matches_the_file(imported, now):
    fields = sorted({row.field for row in imported})
    rows_by_field = {name: [row for row in imported if row.field == name] for name in fields}
    for period, query in ALL_PERIODS:
        view = dashboard.build(PeriodForm(query).period(), query)
        assert (view.period.first, view.period.last) == (period.first, period.last), period.label
        expected = dashboard_figures(imported, period.first, period.last)
        assert view_figures(view) == expected, period.label
        assert view.pending_is_now == (period.last >= NOW.date()), period.label
        # Per field: the table (from the rollups) and the overdue counts beside the chart.
        expected_by_field, expected_overdue = {}, {}
        for name in fields:
            counts = dashboard_figures(rows_by_field[name], period.first, period.last)
            if counts["received"] or any(counts[key] for key in OUTCOMES):
                expected_by_field[name] = tuple(counts[key] for key in ("received", *OUTCOMES))
            if counts["overdue"]:
                expected_overdue[name] = counts["overdue"]
        by_field = {name: tuple(getattr(item, key) for key in ("received", *OUTCOMES)) for name, item in view.by_field}
        assert by_field == expected_by_field, period.label
        assert view.overdue_by_field == expected_overdue, period.label


@pytest.mark.parametrize(
    "query",
    [
        {"ky": "thang", "nam": 2026, "thang": 2},
        {"ky": "quy", "nam": 2026, "quy": 4},  # under way: pending as of now
        {"ky": "nam", "nam": 2024},  # no dossiers
        range_query(periods.report_year(2025)),
    ],
)
def test_the_page_prints_the_figures_it_counted(imported, now, leader, query):
    client = Client()
    client.force_login(leader)
    response = client.get(DASHBOARD, query)
    view, html = response.context["view"], response.content.decode()
    printed = {name: shown(html, name) for name in ("received", "carried_over", *OUTCOMES)}
    printed.update(within=shown(html, "pending_within"), overdue=shown(html, "pending_overdue"))
    counted = view_figures(view)
    del counted["online"]
    assert printed == counted
    assert counted == {
        key: value
        for key, value in dashboard_figures(imported, view.period.first, view.period.last).items()
        if key != "online"
    }


def test_every_period_of_the_official_report_matches_the_file(imported, now):
    fields = list(Sector.objects.all())
    assert {field.name for field in fields} == {row.field for row in imported}
    rows_by_field = {field.name: [row for row in imported if row.field == field.name] for field in fields}
    for period, _query in ALL_PERIODS:
        result = report.build(period)
        assert [name for name, _row in result.rows] == [field.name for field in fields]
        for name, row in result.rows:
            assert row.values() == report_columns(rows_by_field[name], period.first, period.last), (period.label, name)
        assert result.total.values() == report_columns(imported, period.first, period.last), period.label


def test_the_report_periods_the_dashboard_offers_are_all_checked_and_print_alike(imported, now, leader):
    client = Client()
    client.force_login(leader)
    checked = {f"{period.first:%d/%m/%Y}-{period.last:%d/%m/%Y}": period for period, _query in ALL_PERIODS}
    offered = dict(dashboard.report_choices(periods.year(2026), NOW.date()))
    assert set(offered) <= set(checked), set(offered) - set(checked)
    for value in offered:
        period = checked[value]
        response = client.get(DASHBOARD, {"xuat": "bao-cao", "ky-bao-cao": value})
        rows = sheet_rows(response.content)
        assert rows[TOTAL] == report_columns(imported, period.first, period.last), value
        for name in {row.field for row in imported}:
            field_rows = [row for row in imported if row.field == name]
            assert rows[name] == report_columns(field_rows, period.first, period.last), (value, name)
