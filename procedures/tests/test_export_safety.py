"""No export can carry a live formula: text that Excel would evaluate is written as text."""

import csv
import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.test import Client

from dolisa_site import exports
from procedures.models import DossierStatus

from .factories import make_dossier, make_procedure, make_sector

pytestmark = pytest.mark.django_db
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
PAYLOAD = '=HYPERLINK("http://x","y")'
NOW = datetime(2026, 3, 20, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def hostile():
    procedure = make_procedure("1.000001", "+Thủ tục " + PAYLOAD, make_sector("@Việc làm"), 5)
    make_dossier("A", procedure, received="02/03/2026 08:00", result="03/03/2026 08:00", status=DossierStatus.RESOLVED)
    make_dossier("B", procedure, received="02/03/2026 09:00", status=DossierStatus.PROCESSING, applicant=PAYLOAD)
    with time_machine.travel(NOW, tick=False):
        yield


def leader_client(leader):
    client = Client()
    client.force_login(leader)
    return client


@pytest.mark.parametrize("value", [PAYLOAD, "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"])
def test_risky_text_is_neutralised_in_csv(value):
    assert exports.safe_cell(value) == "'" + value
    rows = list(csv.reader(io.StringIO(exports.csv_text([[value, 5]]).lstrip("\ufeff"), newline="")))
    assert rows == [["'" + value, "5"]]


@pytest.mark.parametrize("value", ["Nguyễn Văn An", "", None, 5, -3, 2.5, "a=b"])
def test_other_values_are_left_alone(value):
    assert exports.safe_cell(value) == value


def test_an_xlsx_built_with_a_formula_looking_value_stores_text():
    book = openpyxl.Workbook()
    book.active.append([PAYLOAD, "-x", 3])
    loaded = openpyxl.load_workbook(io.BytesIO(exports.xlsx_bytes(book)))
    a1, b1, c1 = loaded.active[1]
    assert a1.data_type == "s" and a1.value == PAYLOAD
    assert b1.value == "-x" and c1.value == 3


def test_the_dashboard_workbook_has_no_formula(leader, hostile):
    response = leader_client(leader).get(DASHBOARD, {"xuat": "xlsx"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    values = {cell.value for cell in cells}
    assert PAYLOAD in values  # the applicant, on the overdue sheet, exactly as typed
    assert "+Thủ tục " + PAYLOAD in values


def test_the_dashboard_csv_prefixes_formula_looking_text(leader, hostile):
    response = leader_client(leader).get(DASHBOARD, {"xuat": "csv"})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    names = [row[1] for row in rows if len(row) > 1]
    assert "'+Thủ tục " + PAYLOAD in names
    assert not [cell for row in rows for cell in row if cell.startswith(exports.FORMULA_STARTS)]


def test_a_filtered_export_says_what_it_holds(leader):
    merit = make_sector("Người có công", 2)
    procedure = make_procedure("1.000010", "Trợ cấp thờ cúng liệt sĩ", merit, 12)
    make_dossier("Q3", procedure, received="02/08/2026 08:00")
    query = {"ky": "quy", "nam": 2026, "quy": 3, "linh-vuc": merit.pk, "kenh": "truc-tuyen", "xuat": "xlsx"}
    with time_machine.travel(NOW, tick=False):
        response = leader_client(leader).get(DASHBOARD, query)
    assert 'filename="thu-tuc-hanh-chinh-quy-3-2026-nguoi-co-cong-truc-tuyen.xlsx"' in response["Content-Disposition"]
    summary = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert rows["Kỳ báo cáo"] == "Quý 3/2026"
    assert rows["Từ ngày – đến ngày"] == "01/07/2026 – 30/09/2026"
    assert rows["Lĩnh vực"] == "Người có công" and rows["Kênh nộp"] == "Trực tuyến"
    assert "Bộ lọc" not in rows


def test_an_unfiltered_export_says_it_is_the_whole_department(leader, hostile):
    response = leader_client(leader).get(DASHBOARD, {"xuat": "xlsx"})
    summary = openpyxl.load_workbook(io.BytesIO(response.content)).worksheets[0]
    rows = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row[0]}
    assert rows["Bộ lọc"] == "không lọc: toàn bộ đơn vị"
    assert 'filename="thu-tuc-hanh-chinh-nam-2026.xlsx"' in response["Content-Disposition"]
