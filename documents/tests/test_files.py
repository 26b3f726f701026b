import dataclasses
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import files
from dolisa_site.tests.upload_samples import ACCEPTED_DOCUMENTS
from dolisa_site.uploads import detect_document

from .factories import PDF_BYTES, docx_bytes


def upload(content, name="tep.pdf"):
    return SimpleUploadedFile(name, content)


@pytest.mark.parametrize("kind, content", ACCEPTED_DOCUMENTS.items())
def test_kind_comes_from_the_content(content, kind):
    assert detect_document(upload(content, "ten-bat-ky.bin")) == kind


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00 an executable",
        docx_bytes(document_part=False),  # a ZIP, but not a Word document
        b"PK\x03\x04 broken zip",
        b"",
    ],
)
def test_other_content_is_refused_whatever_the_name(content):
    with pytest.raises(ValidationError) as error:
        files.validate_attachment(upload(content, "quyet-dinh.pdf"))
    assert error.value.code == "not_a_document"


def test_files_over_the_limit_are_refused(monkeypatch):
    monkeypatch.setattr(files, "RULES", dataclasses.replace(files.RULES, max_bytes=100))
    with pytest.raises(ValidationError) as error:
        files.validate_attachment(upload(PDF_BYTES + b" " * 200))
    assert error.value.code == "too_large"


def test_detection_leaves_the_file_at_its_start():
    uploaded = upload(docx_bytes())
    detect_document(uploaded)
    assert uploaded.read(2) == b"PK"


def test_a_refusal_is_logged_for_operators(caplog):
    with pytest.raises(ValidationError):
        files.validate_attachment(upload(b"text", "bao-cao.doc"))
    assert "Refused document upload 'bao-cao.doc': content is not an accepted document" in caplog.text


def test_stream_position_is_irrelevant():
    data = io.BytesIO(PDF_BYTES)
    data.seek(10)
    uploaded = SimpleUploadedFile("x.pdf", data.getvalue())
    uploaded.seek(5)
    assert detect_document(uploaded) == "pdf"
