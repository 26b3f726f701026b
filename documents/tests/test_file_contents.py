"""An Office archive is a Word document only if it holds the part its content types name."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents import files
from dolisa_site.uploads import detect_document

WORD_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override ContentType="{WORD_MAIN}" PartName="/word/document.xml"/></Types>'
)


def archive(*parts):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as handle:
        handle.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name in parts:
            handle.writestr(name, "<w:document/>")
    return SimpleUploadedFile("quyet-dinh.docx", buffer.getvalue())


def test_an_archive_holding_its_word_part_is_a_document():
    assert detect_document(archive("word/document.xml")) == "docx"
    files.validate_attachment(archive("word/document.xml"))


def test_an_archive_naming_a_word_part_it_does_not_hold_is_refused():
    with pytest.raises(ValidationError) as error:
        files.validate_attachment(archive("word/khac.xml"))
    assert error.value.code == "not_a_document"
