"""Upload limits without nginx (issue 10, finding 6) and the nginx sample's media rules (finding 2).

An over-limit request gets a Vietnamese 413 page before anything reads its
body; Django's own limits (form data, field and file counts) give the
Vietnamese 400 page instead of a 500.
"""

import re
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from .nginx_sample import NGINX_CONF, location_block
from .redis_servers import free_port
from .upload_samples import HOSTILE_FILES, PDF_BYTES, image_bytes

QUESTION_URL = "/hoi-dap/gui-cau-hoi/"


@pytest.fixture
def visitor(db):
    return Client()


def test_a_visitor_cannot_send_a_file_to_a_public_form(visitor, caplog):
    big = SimpleUploadedFile("bai.pdf", PDF_BYTES + b" " * (300 * 1024))
    response = visitor.post(QUESTION_URL, {"name": "An", "title": "Hỏi", "body": "x" * 30, "tep": big})
    assert response.status_code == 413
    html = response.content.decode()
    assert "Dữ liệu gửi lên quá lớn" in html and "Mỗi lần chỉ gửi được tối đa 256,0\xa0KB" in html
    assert "Refused a" in caplog.text and "from a visitor: the limit is 262144 bytes" in caplog.text


def test_the_public_limit_holds_on_every_address(visitor):
    body = "a" * (django_settings.REQUEST_MAX_SIZE_PUBLIC + 1)
    for url in ("/", "/tra-cuu-ho-so/", "/admin/login/", "/khong-co/"):
        assert visitor.post(url, {"x": body}).status_code == 413


def test_ordinary_public_forms_are_far_below_the_limit(visitor):
    # The longest question (5,000 Vietnamese characters, percent-encoded) still fits.
    body = "Tôi muốn hỏi về trợ cấp thất nghiệp. " * 140
    response = visitor.post(QUESTION_URL, {"name": "An", "email": "an@example.vn", "title": "Hỏi", "body": body[:5000]})
    assert response.status_code != 413


def test_staff_may_send_pictures_up_to_their_limit(client, editor):
    client.force_login(editor)
    picture = SimpleUploadedFile("anh.png", image_bytes((900, 900)) + b"\x00" * (400 * 1024))
    response = client.post("/quan-tri-tin/anh/", {"upload": picture})
    assert response.status_code != 413


def test_staff_are_limited_too(client, editor, settings):
    settings.REQUEST_MAX_SIZE_STAFF = 512 * 1024
    client.force_login(editor)
    big = SimpleUploadedFile("anh.png", b"\x00" * (600 * 1024))
    response = client.post("/quan-tri-tin/anh/", {"upload": big})
    assert response.status_code == 413
    assert "Mỗi lần chỉ gửi được tối đa 512,0\xa0KB" in response.content.decode()


def test_too_many_fields_get_the_vietnamese_400_page_not_a_500(visitor):
    response = visitor.post(QUESTION_URL, {f"f{number}": "1" for number in range(1100)})
    assert response.status_code == 400
    assert "Không thể xử lý yêu cầu" in response.content.decode()


def test_form_data_over_djangos_limit_gets_the_vietnamese_400_page(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/news/article/add/", {"body": "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)}
    )
    assert response.status_code == 400
    assert "Không thể xử lý yêu cầu" in response.content.decode()


def test_the_limits_are_set_and_nginx_allows_no_more_than_django():
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE == 5 * 1024 * 1024
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE == 2_621_440
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FIELDS == 1000
    assert django_settings.DATA_UPLOAD_MAX_NUMBER_FILES == 100
    megabytes = int(re.search(r"client_max_body_size (\d+)m;", NGINX_CONF.read_text()).group(1))
    assert megabytes * 1024 * 1024 == django_settings.REQUEST_MAX_SIZE_STAFF
    from documents import files as document_files
    from gallery import images as gallery_images
    from procedures import files as form_files

    for rules in (document_files.RULES, gallery_images.RULES, form_files.RULES):
        assert rules.max_bytes < django_settings.REQUEST_MAX_SIZE_STAFF


# --- The nginx sample, run for real when nginx is installed -------------------------------------


@pytest.fixture
def nginx(tmp_path):
    binary = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if binary is None:
        pytest.skip("nginx is not installed")
    port = free_port()
    block = location_block(NGINX_CONF.read_text(), "    location /media/ {").replace(
        "root /srv/dolisa/var;", f"root {tmp_path};"
    )
    (tmp_path / "nginx.conf").write_text(
        f"daemon off; user root; worker_processes 1; pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;\n"
        "events {}\n"
        f"http {{ access_log off; client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;\n"
        f"fastcgi_temp_path {tmp_path}/fcgi; uwsgi_temp_path {tmp_path}/uwsgi; scgi_temp_path {tmp_path}/scgi;\n"
        f"include /etc/nginx/mime.types;\nserver {{ listen 127.0.0.1:{port};\n{block}\n}} }}\n"
    )
    media = tmp_path / "media"
    media.mkdir()
    process = subprocess.Popen([binary, "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)])
    try:
        for _attempt in range(100):
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)  # waiting for a server process to listen, not for a page
        yield f"http://127.0.0.1:{port}/media/", media
    finally:
        process.terminate()
        process.wait(timeout=10)


def fetch_headers(url):
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.headers


@pytest.mark.parametrize(
    "name",
    [*HOSTILE_FILES, "esc.rss", "esc.atom", "esc.mml", "esc.wml", "esc.htc", "esc.kml", "esc.xspf", "esc.xhtml"],
)
def test_nginx_sends_every_other_type_as_an_opaque_sandboxed_download(nginx, name):
    base, media = nginx
    (media / name).write_bytes(HOSTILE_FILES["esc.html"])
    headers = fetch_headers(base + name)
    assert headers["Content-Type"] == "application/octet-stream"
    assert headers["Content-Disposition"] == "attachment"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"


def test_nginx_sends_documents_as_downloads_and_pictures_inline_all_sandboxed(nginx):
    base, media = nginx
    (media / "don.pdf").write_bytes(PDF_BYTES)
    (media / "anh.png").write_bytes(image_bytes())
    pdf, png = fetch_headers(base + "don.pdf"), fetch_headers(base + "anh.png")
    assert (pdf["Content-Type"], pdf["Content-Disposition"]) == ("application/pdf", "attachment")
    assert png["Content-Type"] == "image/png" and png["Content-Disposition"] is None
    for headers in (pdf, png):
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Content-Security-Policy"] == "default-src 'none'; sandbox"
