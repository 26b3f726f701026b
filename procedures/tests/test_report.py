"""The official report, Biểu số II.06a/VPCP/KSTT: every column recomputed from the dossiers by the rule."""

import io
from datetime import date, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from procedures import periods, report
from procedures.importing import DossierImporter, ProcedureImporter
from procedures.models import Channel, Dossier, DossierStatus, Sector

from .factories import make_dossier, make_procedure, make_sector

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
SHARED = Path(settings.BASE_DIR).parent / "shared" / "procedures"
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL)
COLUMNS = ["received", "online", "offline", "carried_over", "finished", "early", "on_time", "late"]
COLUMNS += ["pending", "within", "overdue"]


def by_rule(dossiers, first, last):
    """Columns (3)..(13) of one row, counted dossier by dossier in Python from the form's definitions."""
    start = datetime.combine(first, datetime.min.time(), LOCAL)
    after = datetime.combine(last + timedelta(days=1), datetime.min.time(), LOCAL)
    end = after - timedelta(microseconds=1)
    row = dict.fromkeys(COLUMNS, 0)
    for dossier in dossiers:
        if not (dossier.received_at < after and (dossier.result_at is None or dossier.result_at >= start)):
            continue
        if dossier.received_at < start:
            row["carried_over"] += 1
        elif dossier.channel == Channel.ONLINE:
            row["online"] += 1
        else:
            row["offline"] += 1
        if dossier.result_at is not None and dossier.result_at < after:
            if dossier.status != DossierStatus.RESOLVED:
                row["on_time"] += 1  # returned and withdrawn: finished, on time
            elif timezone.localtime(dossier.result_at).date() < timezone.localtime(dossier.due_at).date():
                row["early"] += 1
            elif dossier.result_at <= dossier.due_at:
                row["on_time"] += 1
            else:
                row["late"] += 1
        elif dossier.status == DossierStatus.AWAITING or dossier.due_at >= end:
            row["within"] += 1
        else:
            row["overdue"] += 1
    row["received"] = row["online"] + row["offline"] + row["carried_over"]
    row["finished"] = row["early"] + row["on_time"] + row["late"]
    row["pending"] = row["within"] + row["overdue"]
    return [row[name] for name in COLUMNS]


def sheet_rows(data):
    """{field name or total label: [(3)..(13)]} read back from the workbook."""
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    rows, started = {}, False
    for values in sheet.iter_rows(values_only=True):
        if values[0] == "(1)":
            started = True
            continue
        if started and values[1]:
            if values[2] is None:
                break
            rows[values[1]] = list(values[2:13])
    return rows


def check(data, dossiers, first, last, fields):
    rows = sheet_rows(data)
    assert set(rows) == {field.name for field in fields} | {"Tổng cộng"}
    for field in fields:
        expected = by_rule([d for d in dossiers if d.procedure.sector_id == field.pk], first, last)
        assert rows[field.name] == expected, field.name
    assert rows["Tổng cộng"] == by_rule(dossiers, first, last)
    for values in rows.values():
        received, online, offline, carried, finished, early, on_time, late, pending, within, overdue = values
        assert received == online + offline + carried
        assert finished == early + on_time + late
        assert pending == within + overdue
        assert received == finished + pending
    return rows


@pytest.fixture
def sample():
    work, merit = make_sector("Việc làm", 1), make_sector("Người có công", 2)
    make_sector("Bảo trợ xã hội", 3)  # no dossiers: a row of zeros
    benefit = make_procedure("1.000001", "Trợ cấp thất nghiệp", work, 5)
    grave = make_procedure("1.000011", "Thăm viếng mộ liệt sĩ", merit, 1)

    def dossier(code, procedure, received, due, result=None, status=DossierStatus.PROCESSING, channel=Channel.ONLINE):
        make_dossier(code, procedure, received=received, due=due, result=result, status=status, channel=channel)

    # The reporting quarter 3/2026 runs from 15/06/2026 to 14/09/2026.
    dossier(
        "CARRIED-EARLY", benefit, "10/06/2026 08:00", "17/06/2026 17:00", "16/06/2026 10:00", DossierStatus.RESOLVED
    )
    dossier(
        "FINISHED-BEFORE", benefit, "01/06/2026 08:00", "08/06/2026 17:00", "05/06/2026 10:00", DossierStatus.RESOLVED
    )
    dossier(
        "ON-TIME-LAST-HOUR", benefit, "01/09/2026 08:00", "08/09/2026 17:00", "08/09/2026 16:00", DossierStatus.RESOLVED
    )
    dossier(
        "LATE", grave, "01/07/2026 08:00", "02/07/2026 17:00", "03/07/2026 08:00", DossierStatus.RESOLVED, Channel.POST
    )
    dossier("RETURNED", grave, "01/07/2026 08:00", "02/07/2026 17:00", "20/07/2026 08:00", DossierStatus.RETURNED)
    dossier("WITHDRAWN", grave, "01/07/2026 08:00", "02/07/2026 17:00", "01/07/2026 15:00", DossierStatus.WITHDRAWN)
    dossier("PENDING-WITHIN", benefit, "10/09/2026 08:00", "17/09/2026 17:00", channel=Channel.IN_PERSON)
    dossier("PENDING-OVERDUE", benefit, "01/08/2026 08:00", "08/08/2026 17:00")
    dossier("AWAITING", benefit, "01/08/2026 08:00", "08/08/2026 17:00", status=DossierStatus.AWAITING)
    dossier("FINISHED-AFTER", grave, "20/05/2026 08:00", "21/05/2026 17:00", "01/10/2026 08:00", DossierStatus.RESOLVED)
    dossier("RECEIVED-AFTER", grave, "15/09/2026 08:00", "16/09/2026 17:00")
    dossier(
        "FINISHED-AT-MIDNIGHT",
        grave,
        "14/09/2026 08:00",
        "15/09/2026 17:00",
        "15/09/2026 00:00",
        DossierStatus.RESOLVED,
    )


def test_decree_09_reporting_periods():
    assert (periods.report_month(2026, 1).first, periods.report_month(2026, 1).last) == (
        date(2025, 12, 15),
        date(2026, 1, 14),
    )
    assert (periods.report_month(2026, 3).first, periods.report_month(2026, 3).last) == (
        date(2026, 2, 15),
        date(2026, 3, 14),
    )
    assert (periods.report_quarter(2026, 1).first, periods.report_quarter(2026, 1).last) == (
        date(2025, 12, 15),
        date(2026, 3, 14),
    )
    assert (periods.report_quarter(2026, 3).first, periods.report_quarter(2026, 3).last) == (
        date(2026, 6, 15),
        date(2026, 9, 14),
    )
    assert (periods.report_half(2026).first, periods.report_half(2026).last) == (date(2025, 12, 15), date(2026, 6, 14))
    assert (periods.report_year(2025).first, periods.report_year(2025).last) == (date(2024, 12, 15), date(2025, 12, 14))
    assert periods.identify(date(2024, 12, 15), date(2025, 12, 14)).label == "Năm 2025 theo Nghị định 09/2019"
    assert periods.identify(date(2026, 7, 1), date(2026, 9, 30)).label == "Quý 3/2026"
    # On 15/12 the next reporting year is under way.
    assert periods.report_periods(date(2026, 12, 15))[0].label == "Tháng 01/2027 theo Nghị định 09/2019"


def test_every_column_follows_the_rule(sample):
    first, last = date(2026, 6, 15), date(2026, 9, 14)
    with time_machine.travel(LATER, tick=False):
        result = report.build(periods.report_quarter(2026, 3))
        data = report.workbook(result)
    dossiers = list(Dossier.objects.select_related("procedure"))
    rows = check(data, dossiers, first, last, list(Sector.objects.all()))
    # Every column is exercised by the sample.
    assert rows["Tổng cộng"] == [10, 6, 2, 2, 5, 1, 3, 1, 5, 3, 2]
    assert rows["Bảo trợ xã hội"] == [0] * 11
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    texts = [str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value is not None]
    assert "Biểu số II.06a/VPCP/KSTT" in texts
    assert "Kỳ báo cáo: Quý 3/2026 theo Nghị định 09/2019 (từ ngày 15/06/2026 đến ngày 14/09/2026)" in texts
    assert "Đơn vị tính: Số hồ sơ TTHC" in texts
    assert "THỦ TRƯỞNG ĐƠN VỊ" in texts
    assert [f"({n})" for n in range(1, 14)] == [t for t in texts if t.startswith("(") and t[1:-1].isdigit()]
    assert sheet.page_setup.orientation == "landscape" and int(sheet.page_setup.paperSize) == int(sheet.PAPERSIZE_A4)


def test_one_field_only(sample):
    merit = Sector.objects.get(name="Người có công")
    with time_machine.travel(LATER, tick=False):
        result = report.build(periods.report_quarter(2026, 3), merit)
    rows = sheet_rows(report.workbook(result))
    assert set(rows) == {"Người có công", "Tổng cộng"}
    assert report.file_name(result) == "bao-cao-ket-qua-giai-quyet-tthc-15-06-2026-14-09-2026-nguoi-co-cong.xlsx"


@pytest.mark.skipif(not (SHARED / "ho-so-mau.csv").exists(), reason="the shared sample folder ../shared is absent")
def test_the_command_writes_the_year_2025_from_the_shared_sample(tmp_path, capsys):
    ProcedureImporter().run("thu-tuc-mau.csv", (SHARED / "thu-tuc-mau.csv").read_bytes())
    DossierImporter().run("ho-so-mau.csv", (SHARED / "ho-so-mau.csv").read_bytes())
    output = tmp_path / "bieu.xlsx"
    with time_machine.travel(LATER, tick=False):
        call_command("export_tthc_report", "--from", "15/12/2024", "--to", "14/12/2025", "--output", str(output))
    printed = capsys.readouterr().out
    dossiers = list(Dossier.objects.select_related("procedure"))
    rows = check(output.read_bytes(), dossiers, date(2024, 12, 15), date(2025, 12, 14), list(Sector.objects.all()))
    total = rows["Tổng cộng"]
    assert total[0] > 1000
    assert "Total 15/12/2024-14/12/2025: " + "  ".join(f"({n})={v}" for n, v in enumerate(total, start=3)) in printed


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--from", "32/12/2024", "--to", "14/12/2025"], "DD/MM/YYYY"),
        (["--from", "15/12/2025", "--to", "14/12/2024"], "before it starts"),
        (["--from", "15/12/2024", "--to", "14/12/2025", "--field", "Không có"], "Unknown field"),
    ],
)
def test_the_command_refuses_a_bad_period_or_field(sample, tmp_path, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("export_tthc_report", *arguments, "--output", str(tmp_path / "x.xlsx"))
    assert not (tmp_path / "x.xlsx").exists()


def test_the_command_finds_a_field_by_name_without_diacritics(sample, tmp_path, capsys):
    output = tmp_path / "x.xlsx"
    call_command(
        "export_tthc_report",
        "--from",
        "15/06/2026",
        "--to",
        "14/09/2026",
        "--field",
        "nguoi co cong",
        "--output",
        str(output),
    )
    assert set(sheet_rows(output.read_bytes())) == {"Người có công", "Tổng cộng"}


@pytest.mark.parametrize("user_fixture", ["leader", "one_stop_officer"])
def test_the_dashboard_button_downloads_the_form(request, sample, user_fixture):
    client = Client()
    client.force_login(request.getfixturevalue(user_fixture))
    with time_machine.travel(LATER, tick=False):
        html = client.get(DASHBOARD).content.decode()
        assert 'id="official-report"' in html and 'value="15/06/2026-14/09/2026"' in html  # the last quarter
        assert 'value="15/11/2026-14/12/2026"' in html  # the reporting month under way
        response = client.get(DASHBOARD, {"xuat": "bao-cao", "ky-bao-cao": "15/06/2026-14/09/2026"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "bao-cao-ket-qua-giai-quyet-tthc-15-06-2026-14-09-2026.xlsx" in response["Content-Disposition"]
    assert sheet_rows(response.content)["Tổng cộng"] == [10, 6, 2, 2, 5, 1, 3, 1, 5, 3, 2]


def test_the_dashboard_report_of_one_field(sample, leader):
    merit = Sector.objects.get(name="Người có công")
    client = Client()
    client.force_login(leader)
    with time_machine.travel(LATER, tick=False):
        response = client.get(
            DASHBOARD, {"xuat": "bao-cao", "ky-bao-cao": "15/06/2026-14/09/2026", "linh-vuc": merit.pk}
        )
    assert set(sheet_rows(response.content)) == {"Người có công", "Tổng cộng"}


def test_the_report_is_closed_to_other_staff(sample, editor):
    client = Client()
    client.force_login(editor)
    assert client.get(DASHBOARD, {"xuat": "bao-cao"}).status_code == 403


def test_a_formula_looking_field_name_is_text(sample):
    Sector.objects.filter(name="Việc làm").update(name='=HYPERLINK("http://x","y")')
    with time_machine.travel(LATER, tick=False):
        data = report.workbook(report.build(periods.report_quarter(2026, 3)))
    cells = [cell for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row]
    assert not [cell for cell in cells if cell.data_type == "f"]
    assert '=HYPERLINK("http://x","y")' in {cell.value for cell in cells}


def test_the_reporting_and_receiving_units(sample, settings):
    from dolisa_site.models import SiteProfile

    settings.PROCEDURES_REPORT_RECIPIENT = "Văn phòng UBND tỉnh Sơn Hà"
    with time_machine.travel(LATER, tick=False):
        data = report.workbook(report.build(periods.report_quarter(2026, 3)))
    texts = {str(cell.value) for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row}
    assert "- Đơn vị nhận báo cáo: Văn phòng UBND tỉnh Sơn Hà" in texts
    assert "……………, ngày 01 tháng 12 năm 2026" in texts
    settings.PROCEDURES_REPORT_RECIPIENT = ""
    data = report.workbook(report.build(periods.report_quarter(2026, 3)))
    texts = {str(cell.value) for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row}
    assert "- Đơn vị nhận báo cáo: Văn phòng Ủy ban nhân dân tỉnh" in texts
    assert f"- Đơn vị báo cáo: {SiteProfile.load().name}" in texts  # from the site profile


def workbook_texts(data):
    return {str(cell.value) for row in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows() for cell in row}


@pytest.mark.parametrize(
    "address, place",
    [
        ("Số 18 đường Lê Lợi, phường Trung Tâm, tỉnh Sơn Hà", "Sơn Hà"),
        ("12 Lê Lai, phường Hoàn Kiếm, Thành phố Hà Nội, Việt Nam", "Hà Nội"),
        ("159 Pasteur, phường Võ Thị Sáu, TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"),
        ("Số 1 đường Trần Phú", "……………"),  # no province: left for the pen
        ("", "……………"),
    ],
)
def test_the_place_is_the_province_of_the_site_profile_address(address, place):
    assert report.place_name(SimpleNamespace(address=address)) == place


def test_the_date_line_names_the_place(sample, settings):
    from dolisa_site.models import SiteProfile

    SiteProfile.objects.update_or_create(
        pk=1, defaults={"name": "Sở Lao động", "address": "Số 18 đường Lê Lợi, phường Trung Tâm, tỉnh Sơn Hà"}
    )
    with time_machine.travel(LATER, tick=False):
        texts = workbook_texts(report.workbook(report.build(periods.report_quarter(2026, 3))))
        assert "Sơn Hà, ngày 01 tháng 12 năm 2026" in texts
        settings.PROCEDURES_REPORT_PLACE = "Thành phố Huế"  # where the address says no province, or another
        texts = workbook_texts(report.workbook(report.build(periods.report_quarter(2026, 3))))
    assert "Thành phố Huế, ngày 01 tháng 12 năm 2026" in texts


def test_a_period_under_way_counts_pending_as_of_now_and_says_so(sample):
    benefit = Dossier.objects.get(code="PENDING-WITHIN").procedure
    # Due after now (01/12/2026 09:00) but before the period's end (14/12/2026): not overdue yet.
    make_dossier("DUE-NEXT-WEEK", benefit, received="28/11/2026 08:00", due="05/12/2026 17:00", channel=Channel.POST)
    with time_machine.travel(LATER, tick=False):
        result = report.build(periods.report_quarter(2026, 4))
        data = report.workbook(result)
    assert result.pending_is_now and result.pending_at == LATER
    # As of 14/12 23:59 it would be overdue already; as of now it is within its deadline: (12) = 2, (13) = 3.
    assert result.total.values() == [7, 1, 1, 5, 2, 0, 1, 1, 5, 2, 3]
    assert result.total.identities_hold()
    texts = workbook_texts(data)
    assert "Kỳ báo cáo chưa kết thúc: các cột (11) đến (13) tính đến 01/12/2026 09:00." in texts
    with time_machine.travel(LATER, tick=False):
        closed = report.workbook(report.build(periods.report_quarter(2026, 3)))
    assert not [text for text in workbook_texts(closed) if text.startswith("Kỳ báo cáo chưa kết thúc")]
