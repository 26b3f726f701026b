"""The officials' side: dashboard, exports, imports and who may use them."""

import csv
import io
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from procedures.models import Channel, Dossier, DossierStatus, ImportRun

from .factories import make_dossier, make_procedure, make_sector
from .workers import run_worker

pytestmark = pytest.mark.django_db
# The dashboard shows this year unless told otherwise: the clock runs from a
# day in the year of the test dossiers (January and February), not today.
YEAR = 2026


@pytest.fixture(autouse=True)
def _in_march():
    with time_machine.travel(datetime(YEAR, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


DATA = Path(__file__).parent / "data"
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
IMPORT_DOSSIERS = "/admin/procedures/dossier/nhap/"
IMPORT_PROCEDURES = "/admin/procedures/procedure/nhap/"


def change_data(dossier):
    return {
        "code": dossier.code,
        "procedure": dossier.procedure_id,
        "channel": dossier.channel,
        "status": dossier.status,
        "applicant_name": dossier.applicant_name,
    }


def client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def dossiers():
    work, merit = make_sector("Việc làm", 1), make_sector("Người có công", 2)
    benefit = make_procedure("1.000001", "Giải quyết hưởng trợ cấp thất nghiệp", work, 5)
    grave = make_procedure("1.000011", "Cấp giấy giới thiệu thăm viếng mộ liệt sĩ", merit, 1)
    year = YEAR
    make_dossier(
        "A", benefit, received=f"05/01/{year} 08:00", result=f"06/01/{year} 08:00", status=DossierStatus.RESOLVED
    )
    make_dossier(
        "B",
        benefit,
        received=f"05/01/{year} 09:00",
        result=f"20/01/{year} 08:00",
        status=DossierStatus.RESOLVED,
        channel=Channel.IN_PERSON,
    )
    make_dossier(
        "C", grave, received=f"06/01/{year} 09:00", result=f"07/01/{year} 10:00", status=DossierStatus.RESOLVED
    )
    make_dossier(
        "D",
        grave,
        received=f"07/01/{year} 09:00",
        result=f"08/01/{year} 10:00",
        status=DossierStatus.RETURNED,
        channel=Channel.POST,
    )
    make_dossier("E", benefit, received=f"02/01/{year - 1} 09:00", applicant="Trần Thị Bình")
    return benefit, grave


@pytest.mark.parametrize(
    "who, status",
    [("leader", 200), ("one_stop_officer", 200), ("superuser", 200), ("editor", 403), ("reviewer", 403)],
)
def test_dashboard_is_for_leaders_and_one_stop_officers(request, dossiers, who, status):
    user = request.getfixturevalue(who)
    assert client_for(user).get(DASHBOARD).status_code == status
    index = client_for(user).get("/admin/").content.decode()
    assert (DASHBOARD in index) == (status == 200)


def test_anonymous_visitors_are_sent_to_the_login(dossiers):
    for url in (DASHBOARD, IMPORT_DOSSIERS, "/admin/procedures/dossier/"):
        response = Client().get(url)
        assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_dashboard_figures(leader, dossiers):
    view = client_for(leader).get(DASHBOARD).context["view"]
    assert (view.figures.received, view.figures.resolved, view.figures.returned) == (4, 3, 1)
    assert view.figures.early + (view.figures.on_time - view.figures.early) + view.figures.late == 3
    assert view.figures.late == 1  # B: due 12/01, resolved 20/01
    assert view.carried_over == 1  # E, received last year and still pending
    assert view.online_received == 2
    assert view.pending.overdue == 1
    assert [d.code for d in view.overdue] == ["E"]


def test_dashboard_filters(leader, dossiers):
    benefit, grave = dossiers
    client = client_for(leader)
    by_field = client.get(DASHBOARD, {"linh-vuc": grave.sector_id}).context["view"]
    assert (by_field.figures.received, by_field.pending.overdue) == (2, 0)
    by_channel = client.get(DASHBOARD, {"kenh": Channel.POST}).context["view"]
    assert by_channel.figures.received == 1
    by_procedure = client.get(DASHBOARD, {"thu-tuc": benefit.pk}).context["view"]
    assert by_procedure.figures.received == 2
    year = YEAR
    month = client.get(DASHBOARD, {"ky": "thang", "nam": year, "thang": 2}).context["view"]
    assert month.figures.received == 0 and month.carried_over == 1


@pytest.mark.parametrize(
    ("old", "new"),
    [
        (
            "kind=quy&year=2026&quarter=1&month=2&field=3&procedure=4&channel=truc-tuyen&level=xa&xuat=xlsx",
            "ky=quy&nam=2026&quy=1&thang=2&linh-vuc=3&thu-tuc=4&kenh=truc-tuyen&cap=xa&xuat=xlsx",
        ),
        ("kind=khoang&start=2026-01-01&end=2026-02-28", "ky=khoang&tu-ngay=2026-01-01&den-ngay=2026-02-28"),
        # The report's period was ky, which now names the period's kind: old only in a report's address.
        (
            "xuat=bao-cao&ky=15/12/2025-14/03/2026&field=3",
            "xuat=bao-cao&ky-bao-cao=15%2F12%2F2025-14%2F03%2F2026&linh-vuc=3",
        ),
        (
            "kind=thang&xuat=bao-cao&ky=15/12/2025-14/03/2026",
            "ky=thang&xuat=bao-cao&ky-bao-cao=15%2F12%2F2025-14%2F03%2F2026",
        ),
    ],
)
def test_dashboard_answers_the_old_parameter_names_with_a_301_to_the_new_ones(leader, old, new):
    response = client_for(leader).get(f"{DASHBOARD}?{old}")
    assert response.status_code == 301
    assert response["Location"] == f"{DASHBOARD}?{new}"


@pytest.mark.parametrize(
    "query", ["ky=quy&nam=2026&quy=1", "xuat=bao-cao&ky-bao-cao=15/12/2025-14/03/2026&ky=nam&nam=2026"]
)
def test_dashboard_ky_is_the_period_kind_outside_an_old_report_address(leader, dossiers, query):
    response = client_for(leader).get(f"{DASHBOARD}?{query}")
    assert response.status_code == 200


def test_dashboard_form_sends_the_new_names(leader, dossiers):
    _benefit, grave = dossiers
    html = client_for(leader).get(DASHBOARD, {"linh-vuc": grave.sector_id}).content.decode()
    for name in "ky nam quy thang tu-ngay den-ngay linh-vuc thu-tuc kenh cap ky-bao-cao".split():
        assert f'name="{name}"' in html, name
    # The official report keeps the field filter under its new name.
    assert f'<input type="hidden" name="linh-vuc" value="{grave.sector_id}">' in html


def test_excel_export_has_vietnamese_headers_and_number_formats(leader, dossiers):
    response = client_for(leader).get(DASHBOARD, {"xuat": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Tổng hợp", "Theo lĩnh vực", "Theo thủ tục", "Hồ sơ quá hạn"]
    fields = book["Theo lĩnh vực"]
    assert [cell.value for cell in fields[1]][:6] == [
        "Lĩnh vực",
        "Tiếp nhận",
        "Giải quyết",
        "Trước hạn",
        "Trước hạn (%)",
        "Đúng hạn, kể cả trước hạn",
    ]
    total = [cell for cell in fields[fields.max_row]]
    assert total[0].value == "Tổng cộng" and total[1].value == 4
    assert total[1].number_format == "#,##0" and total[6].number_format == "0%"
    assert book["Hồ sơ quá hạn"]["A2"].value == "E"
    assert book["Hồ sơ quá hạn"]["D2"].number_format == "dd/mm/yyyy hh:mm"


def test_csv_export(leader, dossiers):
    response = client_for(leader).get(DASHBOARD, {"xuat": "csv", "kenh": Channel.ONLINE})
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    # A header block says what the file holds: the period and every filter.
    year = YEAR
    assert rows[:3] == [
        ["Kỳ báo cáo", f"Năm {year}"],
        ["Từ ngày – đến ngày", f"01/01/{year} – 31/12/{year}"],
        ["Kênh nộp", "Trực tuyến"],
    ]
    assert rows[3][:4] == ["Mã thủ tục", "Thủ tục", "Tiếp nhận", "Giải quyết"]
    assert rows[-1][1] == "Tổng cộng" and rows[-1][2] == "2"
    assert f'filename="thu-tuc-hanh-chinh-nam-{year}-truc-tuyen.csv"' in response["Content-Disposition"]


def test_one_stop_officer_imports_through_the_admin(one_stop_officer):
    client = client_for(one_stop_officer)
    assert "Nhập từ tệp" in client.get("/admin/procedures/procedure/").content.decode()
    upload = SimpleUploadedFile("thu-tuc-mau.csv", (DATA / "thu-tuc-mau.csv").read_bytes())
    response = client.post(IMPORT_PROCEDURES, {"file": upload})
    run_worker()  # imports through the admin run in the background (test_background_import.py)
    assert "thêm mới 24" in client.get(response["Location"]).content.decode()
    upload = SimpleUploadedFile("ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())
    response = client.post(IMPORT_DOSSIERS, {"file": upload})
    run_worker()
    html = client.get(response["Location"]).content.decode()
    assert "thêm mới 6, cập nhật 0, không đổi 0, bị loại 7" in html
    assert 'id="rejected-rows"' in html and "9.999999" in html
    assert Dossier.objects.count() == 6
    assert ImportRun.objects.filter(user=one_stop_officer).count() == 2


def test_a_refused_file_is_explained_in_the_admin(one_stop_officer):
    upload = SimpleUploadedFile("bao-cao.xlsx", b"this is not a workbook")
    client = client_for(one_stop_officer)
    response = client.post(IMPORT_DOSSIERS, {"file": upload})
    run_worker()
    html = client.get(response["Location"]).content.decode()
    assert "bị từ chối" in html and "Excel" in html
    assert not Dossier.objects.exists()


@pytest.mark.parametrize("who", ["leader", "editor"])
def test_only_one_stop_officers_import(request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get(IMPORT_DOSSIERS).status_code == 403
    upload = SimpleUploadedFile("ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())
    assert client_for(user).post(IMPORT_DOSSIERS, {"file": upload}).status_code == 403


@pytest.mark.parametrize(
    "who, url, status",
    [
        ("one_stop_officer", "/admin/procedures/dossier/", 200),
        ("one_stop_officer", "/admin/procedures/procedure/add/", 200),
        ("one_stop_officer", "/admin/procedures/holiday/", 200),
        ("one_stop_officer", "/admin/procedures/importrun/", 200),
        ("one_stop_officer", "/admin/procedures/resultswidget/", 302),
        ("leader", "/admin/procedures/dossier/", 403),
        ("leader", "/admin/procedures/procedure/", 403),
        ("editor", "/admin/procedures/dossier/", 403),
        ("reviewer", "/admin/procedures/holiday/", 403),
    ],
)
def test_admin_pages_by_group(request, dossiers, who, url, status):
    assert client_for(request.getfixturevalue(who)).get(url).status_code == status


def test_admin_edit_of_a_dossier_updates_the_rollups(one_stop_officer, dossiers):
    client = client_for(one_stop_officer)
    dossier = Dossier.objects.get(code="E")
    response = client.get(f"/admin/procedures/dossier/{dossier.pk}/change/")
    assert response.status_code == 200
    data = change_data(dossier)
    data.update(
        {
            "status": DossierStatus.RESOLVED,
            "result_at_0": timezone.localdate().strftime("%d/%m/%Y"),
            "result_at_1": "09:00",
            "received_at_0": dossier.received_at.astimezone().strftime("%d/%m/%Y"),
            "received_at_1": "09:00",
            "due_at_0": timezone.localtime(dossier.due_at).strftime("%d/%m/%Y"),
            "due_at_1": "17:00",
        }
    )
    response = client.post(f"/admin/procedures/dossier/{dossier.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    view = client_for(one_stop_officer).get(DASHBOARD).context["view"]
    assert (view.figures.resolved, view.pending.overdue) == (4, 0)


def test_admin_refuses_a_result_before_receipt(one_stop_officer, dossiers):
    client = client_for(one_stop_officer)
    dossier = Dossier.objects.get(code="E")
    response = client.get(f"/admin/procedures/dossier/{dossier.pk}/change/")
    data = change_data(dossier)
    received = timezone.localtime(dossier.received_at)
    data.update(
        {
            "status": DossierStatus.RESOLVED,
            "result_at_0": "01/01/2000",
            "result_at_1": "09:00",
            "received_at_0": received.strftime("%d/%m/%Y"),
            "received_at_1": received.strftime("%H:%M"),
            "due_at_0": timezone.localtime(dossier.due_at).strftime("%d/%m/%Y"),
            "due_at_1": "17:00",
        }
    )
    response = client.post(f"/admin/procedures/dossier/{dossier.pk}/change/", data)
    assert response.status_code == 200
    assert "Ngày có kết quả trước ngày tiếp nhận." in response.content.decode()
