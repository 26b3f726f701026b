"""The applicant's phone number arrives with the import ("Số điện thoại") or through the admin, write-only,
and is kept only as a check of its last four digits (issue 10, finding 3)."""

import pytest
from django.test import Client
from django.urls import reverse

from dolisa_site.tests.admin_forms import resubmit
from procedures.importing import DossierImporter
from procedures.models import Dossier

from .factories import make_dossier, make_procedure

pytestmark = pytest.mark.django_db

HEADER = "Mã hồ sơ,Mã thủ tục,Kênh nộp,Ngày tiếp nhận,Trạng thái,Người nộp,Số điện thoại\n"
ROW = "HS-1,1.000001,Trực tuyến,02/03/2026 08:00,Đang xử lý,Trần Thị Bình,{phone}\n"


@pytest.fixture
def procedure():
    return make_procedure()


def import_text(text):
    return DossierImporter().run("ho-so.csv", text.encode("utf-8"))


def lookup(code, digits=""):
    return Client(REMOTE_ADDR="203.0.113.50").post("/tra-cuu-ho-so/", {"ma": code, "phone": digits})


def test_an_imported_number_is_the_lookups_second_factor(procedure):
    run = import_text(HEADER + ROW.format(phone="+84 912.345.678"))
    assert (run.created, run.rejected) == (1, 0)
    dossier = Dossier.objects.get()
    assert dossier.has_phone and dossier.phone_matches("5678") and not dossier.phone_matches("1234")
    assert "5678" not in dossier.phone_check
    assert "Trần T** B***" in lookup("HS-1", "5678").content.decode()
    assert "Trần" not in lookup("HS-1").content.decode()


def test_importing_the_same_file_again_changes_nothing_and_a_new_number_replaces_the_old(procedure):
    text = HEADER + ROW.format(phone="0912345678")
    import_text(text)
    assert import_text(text).unchanged == 1
    run = import_text(HEADER + ROW.format(phone="0987 000 111"))
    assert run.updated == 1
    assert Dossier.objects.get().phone_matches("0111")


def test_an_export_without_the_column_keeps_the_stored_numbers(procedure):
    import_text(HEADER + ROW.format(phone="0912345678"))
    older = "Mã hồ sơ,Mã thủ tục,Kênh nộp,Ngày tiếp nhận,Trạng thái,Người nộp\n"
    older += "HS-1,1.000001,Trực tuyến,02/03/2026 08:00,Đang xử lý,Trần Thị Bình\n"
    assert import_text(older).unchanged == 1
    assert Dossier.objects.get().phone_matches("5678")


def test_an_empty_cell_means_no_number(procedure):
    import_text(HEADER + ROW.format(phone=""))
    assert not Dossier.objects.get().has_phone
    assert "Trần T** B***" in lookup("HS-1").content.decode()


def test_a_number_too_short_to_check_is_rejected_without_repeating_it(procedure):
    run = import_text(HEADER + ROW.format(phone="12-3"))
    assert (run.created, run.rejected) == (0, 1)
    assert run.errors == [[2, "“Số điện thoại” cần có ít nhất bốn chữ số."]]


# --- The admin: write-only -----------------------------------------------------------------------


def change_url(dossier):
    return reverse("admin:procedures_dossier_change", args=[dossier.pk])


def test_the_admin_never_shows_a_stored_number(client, one_stop_officer, procedure):
    dossier = make_dossier(procedure=procedure)
    dossier.set_phone("0912 345 678")
    dossier.save()
    client.force_login(one_stop_officer)
    html = client.get(change_url(dossier)).content.decode()
    assert 'name="phone"' in html and "Đã lưu một số điện thoại; số này không thể hiển thị." in html
    assert "5678" not in html and dossier.phone_check not in html


def test_an_officer_enters_replaces_and_removes_the_number(client, one_stop_officer, procedure):
    dossier = make_dossier(procedure=procedure)
    client.force_login(one_stop_officer)
    assert "Chưa lưu số điện thoại" in client.get(change_url(dossier)).content.decode()
    assert resubmit(client, change_url(dossier), {"phone": "0912 345 678"}, "dossier_form").status_code == 302
    assert Dossier.objects.get().phone_matches("5678")
    # Saving without typing it again keeps it.
    assert (
        resubmit(client, change_url(dossier), {"applicant_name": "Nguyễn Văn Bình"}, "dossier_form").status_code == 302
    )
    saved = Dossier.objects.get()
    assert saved.phone_matches("5678") and saved.applicant_name == "Nguyễn Văn Bình"
    assert resubmit(client, change_url(dossier), {"phone": "0987000111"}, "dossier_form").status_code == 302
    assert Dossier.objects.get().phone_matches("0111")
    assert resubmit(client, change_url(dossier), {"remove_phone": "on"}, "dossier_form").status_code == 302
    assert not Dossier.objects.get().has_phone


def test_the_admin_refuses_a_number_without_four_digits_in_vietnamese(client, one_stop_officer, procedure):
    dossier = make_dossier(procedure=procedure)
    client.force_login(one_stop_officer)
    response = resubmit(client, change_url(dossier), {"phone": "12"}, "dossier_form")
    assert response.status_code == 200
    assert "Nhập số điện thoại có ít nhất bốn chữ số." in response.content.decode()


def test_changing_the_code_asks_for_the_number_again(client, one_stop_officer, procedure):
    dossier = make_dossier(procedure=procedure)
    dossier.set_phone("0912345678")
    dossier.save()
    client.force_login(one_stop_officer)
    response = resubmit(client, change_url(dossier), {"code": "HS-MOI"}, "dossier_form")
    assert response.status_code == 200
    assert "Số điện thoại đã lưu gắn với mã hồ sơ cũ" in response.content.decode()
    response = resubmit(client, change_url(dossier), {"code": "HS-MOI", "phone": "0912345678"}, "dossier_form")
    assert response.status_code == 302
    assert Dossier.objects.get(code="HS-MOI").phone_matches("5678")
