"""Procedure forms (mẫu đơn, tờ khai): only documents, by content, under generated names (issue 10, finding 2),
saved through the admin unchanged and changed by Cán bộ một cửa (finding 5)."""

import dataclasses

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dolisa_site.tests.admin_forms import resubmit
from dolisa_site.tests.upload_samples import ACCEPTED_DOCUMENTS, HOSTILE_FILES, PDF_BYTES
from procedures import files
from procedures.models import DownloadableForm

from .factories import make_procedure


@pytest.fixture
def procedure(db):
    return make_procedure()


def add_form(procedure, name="Mẫu 03 - Đơn đề nghị.pdf", content=PDF_BYTES):
    return DownloadableForm.objects.create(
        procedure=procedure, title="Đơn đề nghị", file=SimpleUploadedFile(name, content)
    )


@pytest.mark.parametrize("kind", sorted(ACCEPTED_DOCUMENTS))
def test_every_accepted_kind_is_stored_under_a_generated_name(procedure, kind):
    form = add_form(procedure, f"Tờ khai.{kind}", ACCEPTED_DOCUMENTS[kind])
    assert form.file.name.startswith("procedures/forms/") and form.file.name.endswith(f".{kind}")
    assert form.file_name == f"Tờ khai.{kind}"
    assert "khai" not in form.file.name and procedure.code not in form.file.name


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_scripts_are_refused_whatever_their_name(name):
    for claimed in (name, "mau-don.pdf", "mau-don.docx"):
        with pytest.raises(ValidationError) as error:
            files.validate_form_file(SimpleUploadedFile(claimed, HOSTILE_FILES[name]))
        assert error.value.code == "not_a_document"


def test_a_script_saved_without_the_form_is_still_never_stored_as_a_script(procedure):
    form = add_form(procedure, "esc.html", HOSTILE_FILES["esc.html"])
    assert form.file.name.endswith(".bin") and form.file_name == "esc.html"


def test_forms_over_the_size_limit_are_refused(monkeypatch):
    monkeypatch.setattr(files, "RULES", dataclasses.replace(files.RULES, max_bytes=100))
    with pytest.raises(ValidationError) as error:
        files.validate_form_file(SimpleUploadedFile("don.pdf", PDF_BYTES + b" " * 200))
    assert error.value.code == "too_large"


def test_the_limit_is_ten_megabytes():
    assert files.RULES.max_bytes == 10 * 1024 * 1024


def test_an_officer_saves_a_procedure_with_forms_unchanged(client, one_stop_officer, procedure):
    form = add_form(procedure)
    client.force_login(one_stop_officer)
    response = resubmit(
        client, reverse("admin:procedures_procedure_change", args=[procedure.pk]), form_id="procedure_form"
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    assert DownloadableForm.objects.get().file.name == form.file.name


def test_an_officer_renames_and_replaces_a_form(client, one_stop_officer, procedure):
    add_form(procedure)
    client.force_login(one_stop_officer)
    response = resubmit(
        client,
        reverse("admin:procedures_procedure_change", args=[procedure.pk]),
        {"forms-0-title": "Tờ khai mới", "forms-0-file": SimpleUploadedFile("To khai.odt", ACCEPTED_DOCUMENTS["odt"])},
        form_id="procedure_form",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    form = DownloadableForm.objects.get()
    assert (form.title, form.file_name) == ("Tờ khai mới", "To khai.odt") and form.file.name.endswith(".odt")


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_the_admin_refuses_a_script_as_a_form(client, one_stop_officer, procedure, name):
    client.force_login(one_stop_officer)
    response = resubmit(
        client,
        reverse("admin:procedures_procedure_change", args=[procedure.pk]),
        {
            "forms-TOTAL_FORMS": "1",
            "forms-0-title": "Mẫu đơn",
            "forms-0-order": "0",
            "forms-0-procedure": str(procedure.pk),
            "forms-0-file": SimpleUploadedFile(name, HOSTILE_FILES[name]),
        },
        form_id="procedure_form",
    )
    assert response.status_code == 200
    assert "Tệp này không phải là văn bản được chấp nhận" in response.content.decode()
    assert not DownloadableForm.objects.exists()
