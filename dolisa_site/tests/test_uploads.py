"""One set of upload rules for every app, and media that can never run as the portal (issue 10, finding 2)."""

import shutil
import struct

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import FileField

from dolisa_site import inline_assets, uploads
from dolisa_site.models import Leader

from .upload_samples import (
    ACCEPTED_DOCUMENTS,
    HOSTILE_FILES,
    PDF_BYTES,
    POLYGLOT_PDF,
    docx_bytes,
    image_bytes,
    odf_bytes,
    ole_bytes,
    polyglot_image,
)

DOCUMENTS = uploads.DocumentRules(kinds=uploads.OFFICE_DOCUMENTS, max_bytes=1024 * 1024)


def upload(content, name="tep.pdf"):
    return SimpleUploadedFile(name, content)


# --- Content, not names -----------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(ACCEPTED_DOCUMENTS))
def test_each_document_type_is_recognised_by_its_content(kind):
    assert uploads.detect_document(upload(ACCEPTED_DOCUMENTS[kind], "ten-bat-ky")) == kind
    assert DOCUMENTS.validate(upload(ACCEPTED_DOCUMENTS[kind], "ten-bat-ky.html")) == kind


@pytest.mark.parametrize(
    "content",
    [
        *HOSTILE_FILES.values(),
        image_bytes(),
        b"MZ\x90\x00 an executable",
        ole_bytes("PowerPoint Document"),  # OLE2, but neither Word nor Excel
        ole_bytes("WordDocument")[:600],  # the directory is cut off
        docx_bytes(main_type="application/vnd.ms-word.document.macroEnabled.main+xml"),  # .docm: macros
        docx_bytes(main_type="application/xml"),
        odf_bytes("application/vnd.oasis.opendocument.presentation"),
        odf_bytes("text/html"),
        b"PK\x03\x04 a broken zip",
        b"",
    ],
)
def test_anything_else_is_refused_whatever_it_is_called(content):
    for name in ("quyet-dinh.pdf", "mau.docx", "bang.xlsx"):
        with pytest.raises(ValidationError) as error:
            DOCUMENTS.validate(upload(content, name))
        assert error.value.code == "not_a_document"


def test_an_ole_directory_that_loops_is_read_in_bounded_time():
    data = bytearray(ole_bytes("Workbook"))
    struct.pack_into("<I", data, 512 + 4, 1)  # the directory sector's FAT entry points to itself
    assert uploads.detect_document(upload(bytes(data))) == "xls"
    struct.pack_into("<I", data, 0x2C, 2**31)  # an absurd FAT size
    assert uploads.detect_document(upload(bytes(data))) is None


def test_documents_over_the_limit_are_refused(caplog):
    rules = uploads.DocumentRules(kinds=("pdf",), max_bytes=100)
    with pytest.raises(ValidationError) as error:
        rules.validate(upload(PDF_BYTES + b" " * 200, "bao-cao.pdf"))
    assert error.value.code == "too_large"
    assert "Refused document upload 'bao-cao.pdf'" in caplog.text


def test_stored_names_come_from_the_content_never_from_the_uploader(db):
    leader = Leader(name="Nguyễn Văn An", title="Giám đốc Sở")
    naming = uploads.GeneratedName("site", "photo")
    for name, content, extension in [
        ("Nguyễn Văn An.jpg", image_bytes(image_format="PNG"), ".png"),
        ("esc.html", HOSTILE_FILES["esc.html"], ".bin"),
        ("esc.pdf.html", POLYGLOT_PDF, ".pdf"),
        ("anh.svg", polyglot_image(), ".png"),
    ]:
        leader.photo = upload(content, name)
        stored = naming(leader, name)
        assert stored.startswith("site/") and stored.endswith(extension), stored
        assert uploads.GENERATED_STEM.match(stored.rsplit("/", 1)[1].split(".")[0])


def test_the_original_name_is_kept_whole_but_short_and_without_folders():
    assert uploads.original_name("C:\\Users\\an\\Mẫu đơn 01.docx") == "Mẫu đơn 01.docx"
    long_name = uploads.original_name("a" * 400 + ".xlsx")
    assert len(long_name) == 255 and long_name.endswith(".xlsx")


def test_every_file_field_in_every_app_goes_through_the_rules():
    fields = [
        (model._meta.label, field)
        for model in apps.get_models()
        for field in model._meta.concrete_fields
        if isinstance(field, FileField)
    ]
    assert len(fields) >= 8  # cover, photo, attachment, procedure form, logo, banner, portrait, link logo
    for label, field in fields:
        assert uploads.rules_of(field) is not None, f"{label}.{field.name} has no upload rules"
        assert isinstance(field.upload_to, uploads.GeneratedName), f"{label}.{field.name} keeps uploaders' names"
        assert field.upload_to.field == field.name


# --- Serving (SERVE_MEDIA, as under bin/demo) ------------------------------------------


@pytest.fixture
def stored(db):
    """Put files straight into storage, as an old upload or a file dropped in by hand would be."""
    names = []

    def put(name, content):
        saved = default_storage.save(name, ContentFile(content))
        names.append(saved)
        return saved

    yield put
    for name in names:
        default_storage.delete(name)


@pytest.mark.parametrize("name", sorted(HOSTILE_FILES))
def test_a_stored_script_is_an_opaque_sandboxed_download(client, stored, name):
    path = stored(f"procedures/forms/1.000001/{name}", HOSTILE_FILES[name])
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


@pytest.mark.parametrize("extension", ["rss", "atom", "mml", "wml", "htc", "kml", "xspf", "xhtml", "css", "mjs"])
def test_no_other_type_goes_out_inline_either(client, stored, extension):
    path = stored(f"documents/x.{extension}", HOSTILE_FILES["esc.xml"])
    response = client.get(f"/media/{path}")
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_pictures_are_shown_inline_but_sandboxed(client, stored):
    path = stored("gallery/2026/03/0123456789abcdef0123456789abcdef.png", polyglot_image())
    response = client.get(f"/media/{path}")
    assert response.headers["Content-Type"] == "image/png"
    assert not response.headers.get("Content-Disposition", "").startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_a_document_downloads_under_the_uploaders_name(client, db):
    from procedures.models import DownloadableForm, Procedure, Sector

    procedure = Procedure.objects.create(
        code="1.0", name="Thủ tục", sector=Sector.objects.create(name="F"), processing_days=1
    )
    form = DownloadableForm.objects.create(
        procedure=procedure, title="Đơn", file=upload(ACCEPTED_DOCUMENTS["docx"], 'Mẫu "01"; đơn.docx')
    )
    try:
        response = client.get(form.file.url)
        assert response.headers["Content-Type"] == uploads.DOCUMENT_TYPES["docx"]
        assert response.headers["Content-Disposition"] == (
            "attachment; filename=\"Mu 01 n.docx\"; filename*=UTF-8''M%E1%BA%ABu%20%2201%22%3B%20%C4%91%C6%A1n.docx"
        )
        assert response.headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
    finally:
        form.file.delete(save=False)


# --- The site's own pages: scripts from /static/ only ------------------------------------


# The layout's one inline script (the text size, before the first paint) is allowed by its hash.
INLINE = " ".join(inline_assets.script_hashes())


def test_pages_allow_scripts_from_the_static_path_only(client, db):
    csp = client.get("/lien-he/").headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    # The admin's JavaScript catalog is the one script served by a view.
    assert directives["script-src"] == f"http://testserver/static/ http://testserver/admin/jsi18n/ {INLINE}"
    assert "'self'" not in directives["script-src"] and "/media/" not in csp


def test_behind_the_proxy_the_static_source_is_https(client, db, settings):
    response = client.get("/lien-he/", HTTP_X_FORWARDED_PROTO="https", HTTP_HOST="localhost")
    assert (
        f"script-src https://localhost/static/ https://localhost/admin/jsi18n/ {INLINE};"
        in response.headers["Content-Security-Policy"] + ";"
    )


def test_an_absolute_static_url_is_used_as_it_is(client, db, settings):
    settings.STATIC_URL = "https://static.example.gov.vn/dolisa/"
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'self'"], "script-src": [settings.STATIC_URL]}}
    assert (
        "script-src https://static.example.gov.vn/dolisa/" in client.get("/lien-he/").headers["Content-Security-Policy"]
    )


def test_the_admin_pages_also_allow_only_static_scripts(admin_client):
    csp = admin_client.get("/admin/").headers["Content-Security-Policy"]
    assert f"script-src http://testserver/static/ http://testserver/admin/jsi18n/ {INLINE};" in csp + ";"


# --- What is already stored ------------------------------------------------------------


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_check_uploads_lists_stored_files_that_break_the_rules(db, media, capsys):
    from procedures.models import DownloadableForm, Procedure, Sector

    procedure = Procedure.objects.create(
        code="1.0", name="Thủ tục", sector=Sector.objects.create(name="F"), processing_days=1
    )
    # Uploaded before the rules: the uploader's names, any content.
    (media / "procedures/forms/1.0").mkdir(parents=True)
    (media / "procedures/forms/1.0/esc.html").write_bytes(HOSTILE_FILES["esc.html"])
    (media / "procedures/forms/1.0/Mẫu đơn.pdf").write_bytes(PDF_BYTES)
    bad = DownloadableForm.objects.create(procedure=procedure, title="A", file="procedures/forms/1.0/esc.html")
    named = DownloadableForm.objects.create(procedure=procedure, title="B", file="procedures/forms/1.0/Mẫu đơn.pdf")
    DownloadableForm.objects.create(procedure=procedure, title="C", file="procedures/forms/1.0/gone.pdf")
    good = DownloadableForm.objects.create(procedure=procedure, title="D", file=upload(PDF_BYTES, "don.pdf"))
    (media / "esc.svg").write_bytes(HOSTILE_FILES["esc.svg"])  # dropped into the folder by hand
    (media / "news").mkdir()
    (media / "news/body.jpg").write_bytes(b"<script>not a picture</script>")

    with pytest.raises(CommandError) as error:
        call_command("check_uploads")
    assert error.value.returncode == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "path\tmodel\tfield\trecord\treason"
    rows = [line.split("\t") for line in lines[1:]]
    by_path = {}
    for path, model, field, record, reason in rows:
        by_path.setdefault(path, []).append((model, field, record, reason))
    html = by_path["procedures/forms/1.0/esc.html"]
    assert {(model, field, record) for model, field, record, _ in html} == {
        ("procedures.DownloadableForm", "file", f"pk={bad.pk}")
    }
    assert any("not one of the field's types" in reason for *_, reason in html)
    assert any("not generated" in reason for *_, reason in by_path["procedures/forms/1.0/Mẫu đơn.pdf"])
    assert [reason for *_, reason in by_path["procedures/forms/1.0/gone.pdf"]] == [
        "the record names a file that is not in storage"
    ]
    assert by_path["esc.svg"][0][:3] == ("-", "-", "-")
    assert "the content is not a picture, not .jpg" in by_path["news/body.jpg"][0][3]
    assert good.file.name not in by_path and named.pk


def test_check_uploads_passes_when_everything_follows_the_rules(db, media, capsys):
    Leader.objects.create(name="A", title="B", photo=upload(image_bytes(), "chan dung.png"))
    call_command("check_uploads")
    assert "Every stored upload follows the upload rules." in capsys.readouterr().out


def test_files_shipped_with_the_demo_keep_their_chosen_names(db, media, capsys, settings):
    shipped = next((settings.BASE_DIR / "fixtures" / "media" / "gallery" / "demo").glob("*.jpg"))
    name = f"gallery/demo/{shipped.name}"
    (media / "gallery/demo").mkdir(parents=True)
    shutil.copy(shipped, media / name)
    Leader.objects.create(name="A", title="B", photo=name)
    call_command("check_uploads")
    assert "Every stored upload follows the upload rules." in capsys.readouterr().out
    (media / name).write_bytes((media / name).read_bytes() + b"\x00")  # no longer the shipped file
    with pytest.raises(CommandError):
        call_command("check_uploads")
    assert "not generated" in capsys.readouterr().out
