"""An uploaded .html, .js, .svg or .xml can never run script in the portal's origin (issue 10, finding 2).

As a signed-in superuser, in Chromium: every admin form that takes a file
refuses the four scripts (the CKEditor upload too); files that pass the
content checks while carrying a script (a PDF and a PNG with an HTML page
inside), and scripts stored before the rules, are opened at their public
address and nothing runs. Each script would ask for a marker address and
rename the page; the test watches every request the browser makes.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .factories import make_profile
from .upload_samples import HOSTILE_FILES, MARKER_PATH, PDF_BYTES, POLYGLOT_PDF, image_bytes, polyglot_image

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

TYPES = {"html": "text/html", "js": "text/javascript", "svg": "image/svg+xml", "xml": "text/xml"}


def picture(name="anh.png"):
    return SimpleUploadedFile(name, image_bytes((320, 320)), content_type="image/png")


@pytest.fixture
def content(superuser):
    """One record of every kind that holds a file, each with a proper file."""
    model = apps.get_model
    category = model("news", "Category").objects.create(name="Tin tức")
    article = model("news", "Article").objects.create(
        category=category, title="Bài viết", summary="Tóm tắt", body="<p>Nội dung</p>", created_by=superuser
    )
    document = model("documents", "Document").objects.create(
        number="1/QĐ",
        title="Quyết định",
        issued_on="2026-01-05",
        document_type=model("documents", "DocumentType").objects.create(name="Quyết định", slug="quyet-dinh"),
        issuing_body=model("documents", "IssuingBody").objects.create(name="UBND tỉnh", slug="ubnd-tinh"),
        is_published=True,
    )
    model("documents", "Attachment").objects.create(
        document=document, file=SimpleUploadedFile("qd.pdf", PDF_BYTES), title="Quyết định"
    )
    sector = model("procedures", "Sector").objects.create(name="Việc làm")
    procedure = model("procedures", "Procedure").objects.create(
        code="1.000001", name="Trợ cấp thất nghiệp", sector=sector, processing_days=20
    )
    model("procedures", "DownloadableForm").objects.create(
        procedure=procedure, title="Đơn đề nghị", file=SimpleUploadedFile("don.pdf", PDF_BYTES)
    )
    make_profile(logo=picture())
    leader = model("dolisa_site", "Leader").objects.create(name="Nguyễn Văn An", title="Giám đốc", photo=picture())
    group = model("dolisa_site", "WebLinkGroup").objects.create(name="Bộ, ngành")
    model("dolisa_site", "WebLink").objects.create(group=group, title="Bộ", url="https://moha.gov.vn/", logo=picture())
    return {"article": article, "document": document, "procedure": procedure, "leader": leader, "group": group}


@pytest.fixture(autouse=True)
def media_through_the_portal(monkeypatch):
    """Django's live server answers /media/ with a plain file handler of its own, in front of the
    site; here media goes through the portal's URLs instead, as under bin/demo (SERVE_MEDIA)."""
    from django.test.testcases import _MediaFilesHandler

    monkeypatch.setattr(_MediaFilesHandler, "_should_handle", lambda handler, path: False)


@pytest.fixture
def signed_in(page, browser_login, superuser):
    """The superuser's tab, and every address it asks for."""
    browser_login(page, superuser)
    requested = []
    page.context.on("request", lambda request: requested.append(request.url))
    return page, requested


def stored_files():
    root = Path(settings.MEDIA_ROOT)
    return (
        {path for path in root.rglob("*") if path.is_file() and "cache" not in path.parts} if root.exists() else set()
    )


def form_cases(content):
    return [
        (
            "gallery album",
            "/admin/gallery/album/add/",
            "#id_photos-0-image",
            {"#id_title": "Album", "#id_photos-0-alt_text": "Ảnh"},
        ),
        (
            "article cover",
            f"/admin/news/article/{content['article'].pk}/change/",
            "#id_cover_image",
            {"#id_cover_alt": "Ảnh bìa"},
        ),
        ("document file", f"/admin/documents/document/{content['document'].pk}/change/", "#id_attachments-0-file", {}),
        ("procedure form", f"/admin/procedures/procedure/{content['procedure'].pk}/change/", "#id_forms-0-file", {}),
        ("site logo", "/admin/dolisa_site/siteprofile/1/change/", "#id_logo", {}),
        ("site banner", "/admin/dolisa_site/siteprofile/1/change/", "#id_banner", {}),
        ("leader portrait", f"/admin/dolisa_site/leader/{content['leader'].pk}/change/", "#id_photo", {}),
        ("web link logo", f"/admin/dolisa_site/weblinkgroup/{content['group'].pk}/change/", "#id_links-0-logo", {}),
    ]


def hostile(name):
    return {"name": name, "mimeType": TYPES[name.rsplit(".", 1)[1]], "buffer": HOSTILE_FILES[name]}


def test_every_admin_form_refuses_the_four_scripts(signed_in, content):
    page, requested = signed_in
    before = stored_files()
    for label, url, file_input, fills in form_cases(content):
        # The first script is sent from the form as it opens; each next one from the same form
        # shown again with the refusal of the one before (one page load fewer per script).
        page.goto(url)
        for name in HOSTILE_FILES:
            for selector, value in fills.items():
                page.fill(selector, value)
            page.locator(file_input).set_input_files(hostile(name))
            with page.expect_navigation() as answer:  # the errors checked below are this answer's
                page.locator("input[name=_save]").click()
            assert answer.value.request.method == "POST", f"{label} accepted {name}: redirected"
            expect(page.locator(".errornote"), f"{label} accepted {name}").to_be_visible()
            expect(page.locator(".errorlist").first).to_be_visible()
    assert stored_files() == before
    assert not [url for url in requested if MARKER_PATH in url]


def test_the_editors_picture_upload_refuses_the_four_scripts(signed_in, content):
    page, requested = signed_in
    before = stored_files()
    page.goto(f"/admin/news/article/{content['article'].pk}/change/")
    expect(page.locator(".ck-editor__editable").first).to_be_visible()
    for name in HOSTILE_FILES:
        # Claimed to be a picture, so that the editor sends it instead of dropping it itself.
        with page.expect_response(lambda response: "/quan-tri-tin/anh/" in response.url) as answer:
            page.locator(".ck-toolbar input[type=file]").set_input_files({**hostile(name), "mimeType": "image/png"})
        assert answer.value.status == 400
        assert "ảnh" in answer.value.json()["error"]["message"]
    assert stored_files() == before
    assert not [url for url in requested if MARKER_PATH in url]


def download_by_address(page, url):
    """Go to a file's address as a person pasting it would; the browser must save it, not show it."""
    with page.expect_download() as download:
        try:
            page.goto(url)
        except PlaywrightError as error:  # Chromium ends the navigation when it becomes a download
            if "Download is starting" not in str(error) and "ERR_ABORTED" not in str(error):
                raise
    return download.value


def test_no_stored_file_runs_script_when_opened(signed_in, content):
    page, requested = signed_in
    procedure, leader = content["procedure"], content["leader"]
    # Files that pass the content checks but carry a script, uploaded through the admin.
    page.goto(f"/admin/procedures/procedure/{procedure.pk}/change/")
    page.locator("#id_forms-0-file").set_input_files(
        {"name": "esc.html", "mimeType": "text/html", "buffer": POLYGLOT_PDF}
    )
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    page.goto(f"/admin/dolisa_site/leader/{leader.pk}/change/")
    page.locator("#id_photo").set_input_files({"name": "esc.png", "mimeType": "image/png", "buffer": polyglot_image()})
    page.locator("input[name=_save]").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    # Scripts stored before the rules, under the uploader's names.
    DownloadableForm = apps.get_model("procedures", "DownloadableForm")
    for name, data in HOSTILE_FILES.items():
        path = default_storage.save(f"procedures/forms/{procedure.code}/{name}", ContentFile(data))
        DownloadableForm.objects.create(procedure=procedure, title=name, file=path)

    leader.refresh_from_db()
    addresses = [form.file.url for form in DownloadableForm.objects.all()] + [leader.photo.url]
    assert any(url.endswith(".pdf") for url in addresses) and leader.photo.url.endswith(".png")
    for url in addresses:
        if url.endswith(".png"):
            response = page.goto(url)  # a picture is shown, in a sandbox
            assert response.all_headers()["content-security-policy"] == "default-src 'none'; sandbox"
            assert page.title() != "SCRIPT RAN"
        else:
            assert download_by_address(page, url).suggested_filename  # saved as a file, never shown as a page
    assert not [url for url in requested if MARKER_PATH in url]
    # The public page links the forms as downloads under the uploaders' names.
    page.goto(procedure.get_absolute_url())
    with page.expect_download() as saved:
        page.get_by_role("link", name="esc.js").click()
    assert saved.value.suggested_filename == "esc.js"
    assert not [url for url in requested if MARKER_PATH in url]


def test_the_portals_policy_runs_scripts_from_static_only(signed_in, content, live_server):
    """Even a script under /media/ served as JavaScript (a misconfigured server) is refused by the page's CSP."""
    page, requested = signed_in
    policy = page.request.get("/lien-he/").headers["content-security-policy"]
    assert f"script-src {live_server.url}/static/" in policy
    path = default_storage.save("procedures/forms/esc.js", ContentFile(HOSTILE_FILES["esc.js"]))
    page.route(
        f"{live_server.url}/media/{path}",
        lambda route: route.fulfill(body=HOSTILE_FILES["esc.js"], content_type="text/javascript"),
    )
    probe = (
        '<!doctype html><html class="no-js"><head><title>probe</title>'
        '<script src="/static/site/js/prefs.js"></script>'
        f'<script src="/media/{path}"></script></head><body>probe</body></html>'
    )
    page.route(
        f"{live_server.url}/probe/",
        lambda route: route.fulfill(body=probe, content_type="text/html", headers={"Content-Security-Policy": policy}),
    )
    refusals = []
    page.on(
        "console", lambda message: refusals.append(message.text) if "Content Security Policy" in message.text else None
    )
    page.goto("/probe/")
    expect(page.locator("html")).to_have_class("js")  # the static script ran
    assert page.title() == "probe"
    assert not [url for url in requested if MARKER_PATH in url]
    assert any(path in text for text in refusals), refusals
