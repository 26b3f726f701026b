"""Importing one-stop exports: good rows in, bad rows reported, wrong files refused whole."""

from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from procedures import counting, rollups
from procedures.importing import DossierImporter, ProcedureImporter
from procedures.models import DailyRollup, Dossier, DossierStatus, Holiday, ImportRun, Procedure, Sector

from .factories import at

pytestmark = pytest.mark.django_db

DATA = Path(__file__).parent / "data"
SHARED = Path(settings.BASE_DIR).parent / "shared" / "procedures"
HEADER = "Mã hồ sơ,Mã thủ tục,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Người nộp\n"


@pytest.fixture
def catalogue():
    run = ProcedureImporter().run("thu-tuc-mau.csv", (DATA / "thu-tuc-mau.csv").read_bytes())
    assert (run.created, run.rejected, run.refused) == (24, 0, "")
    return run


def import_text(text, name="ho-so.csv", encoding="utf-8-sig"):
    return DossierImporter().run(name, text.encode(encoding))


def test_catalogue_import_creates_fields_and_is_idempotent(catalogue):
    assert Sector.objects.count() == 9
    benefit = Procedure.objects.get(code="1.000001")
    assert (benefit.processing_days, benefit.level, benefit.online_level) == (20, "tinh", "toan-trinh")
    assert benefit.sector.name == "Việc làm"
    assert Procedure.objects.search("tro cap that nghiep").filter(code="1.000001").exists()
    assert list(Procedure.objects.search("1.000001").values_list("code", flat=True)) == ["1.000001"]
    again = ProcedureImporter().run("thu-tuc-mau.csv", (DATA / "thu-tuc-mau.csv").read_bytes())
    assert (again.created, again.updated, again.unchanged) == (0, 0, 24)


def test_bad_rows_are_reported_and_good_rows_imported(catalogue):
    run = DossierImporter().run("ho-so-loi.csv", (DATA / "ho-so-loi.csv").read_bytes())
    assert run.refused == ""
    assert (run.created, run.updated, run.unchanged) == (6, 0, 0)
    reasons = dict(run.errors)
    assert sorted(reasons) == [8, 9, 10, 11, 12, 13, 14]
    assert "9.999999" in reasons[8]
    assert "không tồn tại" in reasons[9] or "31/02/2025" in reasons[9]
    assert "trước ngày tiếp nhận" in reasons[10]
    assert "Fax" in reasons[11]
    assert "Mã hồ sơ" in reasons[12]
    assert "2025-03-12" in reasons[13]
    assert "dòng 2" in reasons[14]
    assert ImportRun.objects.get(kind=ImportRun.Kind.DOSSIERS).rejected == 7
    # The blank due date was computed: five working days after Thursday 02/01/2025.
    assert Dossier.objects.get(code="000.00.25.H99.000986").due_at == at("09/01/2025 17:00")


def test_reimporting_changes_nothing_and_updates_changed_rows(catalogue):
    text = HEADER + "HS-1,1.000002,Trực tuyến,02/03/2026 08:00,,,Đang xử lý,Trần Thị Bình\n"
    assert import_text(text).created == 1
    assert import_text(text).unchanged == 1
    done = text.replace(",,Đang xử lý", ",03/03/2026 09:00,Đã giải quyết")
    run = import_text(done)
    assert (run.created, run.updated, run.unchanged) == (0, 1, 0)
    dossier = Dossier.objects.get(code="HS-1")
    assert (dossier.status, dossier.result_at) == (DossierStatus.RESOLVED, at("03/03/2026 09:00"))
    assert Dossier.objects.count() == 1
    figures, _ = rollups.figures(DailyRollup.objects.all(), date(2026, 3, 1), date(2026, 3, 31))
    assert (figures.received, figures.resolved, figures.early) == (1, 1, 1)


def test_headers_match_ignoring_case_spaces_and_order(catalogue):
    text = (
        " trạng THÁI ,Mã hồ sơ,Kênh nộp,Mã thủ tục,Ngày tiếp nhận,Cột lạ\n"
        "Đang xử lý,HS-2,Bưu chính,1.000002,02/03/2026,x\n"
    )
    run = import_text(text)
    assert (run.created, run.rejected) == (1, 0)


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("ho-so.csv", "Tên,Tuổi\nAn,3\n".encode(), "Thiếu các cột"),
        ("ho-so.csv", HEADER.encode("utf-16"), "UTF-8"),
        ("ho-so.xlsx", b"not a zip file at all", "Excel"),
        ("ho-so.pdf", b"%PDF-1.4", ".csv"),
        ("ho-so.csv", b"", "trống"),
    ],
    ids=["wrong headers", "wrong encoding", "not a spreadsheet", "wrong extension", "empty"],
)
def test_a_file_that_is_not_an_export_is_refused_whole(catalogue, name, data, message):
    run = DossierImporter().run(name, data)
    assert message in run.refused
    assert (run.created, run.rejected) == (0, 0)
    assert not Dossier.objects.exists()


def test_a_catalogue_is_refused_as_a_dossier_file(catalogue):
    run = DossierImporter().run("thu-tuc-mau.csv", (DATA / "thu-tuc-mau.csv").read_bytes())
    assert "không phải tệp xuất hồ sơ" in run.refused
    assert not Dossier.objects.exists()


def test_xlsx_export_imports(catalogue):
    run = DossierImporter().run("ho-so-mau.xlsx", (DATA / "ho-so-mau.xlsx").read_bytes())
    assert (run.created, run.rejected, run.refused) == (1500, 0, "")


def test_excel_date_cells_are_read(catalogue, tmp_path):
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(
        ["Mã hồ sơ", "Mã thủ tục", "Kênh nộp", "Ngày tiếp nhận", "Ngày hẹn trả", "Ngày có kết quả", "Trạng thái"]
    )
    sheet.append(
        [
            "HS-X",
            "1.000002",
            "Trực tiếp",
            datetime(2026, 3, 2, 8, 30),
            date(2026, 3, 5),
            datetime(2026, 3, 4, 10, 0),
            "Đã giải quyết",
        ]
    )
    path = tmp_path / "ho-so.xlsx"
    workbook.save(path)
    run = DossierImporter().run(path.name, path.read_bytes())
    assert run.created == 1, run.errors
    dossier = Dossier.objects.get()
    assert (dossier.received_at, dossier.due_at) == (at("02/03/2026 08:30"), at("05/03/2026 17:00"))


def test_command_prints_rows_and_summary(catalogue, capsys):
    call_command("import_dossiers", str(DATA / "ho-so-loi.csv"))
    out = capsys.readouterr().out
    assert "Row 8:" in out
    assert "6 created, 0 updated, 0 unchanged, 7 rejected." in out


def test_command_refuses_a_wrong_file_with_an_error(catalogue):
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_dossiers", str(DATA / "thu-tuc-mau.csv"))


@pytest.mark.skipif(
    not (SHARED / "ho-so-mau.csv").exists(), reason="the shared sample folder ../shared/procedures is absent"
)
def test_the_shared_6000_row_sample_imports_cleanly():
    """A fresh install (no demo, no Holiday rows): the national calendar alone gets Tết 2026 right."""
    assert not Holiday.objects.exists()
    catalogue = ProcedureImporter().run("thu-tuc-mau.csv", (SHARED / "thu-tuc-mau.csv").read_bytes())
    assert (catalogue.rejected, catalogue.refused) == (0, "")
    run = DossierImporter().run("ho-so-mau.csv", (SHARED / "ho-so-mau.csv").read_bytes())
    assert (run.created, run.rejected, run.refused) == (6000, 0, "")
    first, last = date(2025, 1, 1), date(2026, 12, 31)
    assert rollups.figures(DailyRollup.objects.all(), first, last)[0] == counting.tally(
        Dossier.objects.all(), first, last
    )
    february, _computed_at = rollups.figures(DailyRollup.objects.all(), date(2026, 2, 1), date(2026, 2, 28))
    assert (february.on_time, february.late) == (185, 4)


def test_catalogue_command_imports_and_reports(capsys):
    call_command("import_procedures", str(DATA / "thu-tuc-mau.csv"))
    assert "24 created, 0 updated, 0 unchanged, 0 rejected." in capsys.readouterr().out
    call_command("import_procedures", str(DATA / "thu-tuc-mau.csv"))
    captured = capsys.readouterr()
    assert "0 created, 0 updated, 24 unchanged, 0 rejected." in captured.out
    assert "100%" in captured.err  # the progress bar


def test_command_reports_a_missing_file():
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("import_dossiers", "/khong/co/tep/nay.csv")
