"""The shared layout, the home and contact pages, and the error pages."""

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import path

from dolisa_site import inline_assets
from dolisa_site import urls as site_urls
from dolisa_site.models import SiteProfile

from .factories import PROFILE, make_menu, make_profile


def fail(request):
    raise RuntimeError("boom")


def forbid(request):
    raise PermissionDenied


def suspicious(request):
    raise SuspiciousOperation("crafted input")


urlpatterns = [
    path("loi-500/", fail),
    path("loi-403/", forbid),
    path("loi-400/", suspicious),
    *site_urls.urlpatterns,
]
handler500 = "dolisa_site.views.server_error"


@pytest.fixture
def site(db):
    make_menu()
    return make_profile()


def test_home_page_shows_header_menu_and_footer_from_the_profile(client, site):
    html = client.get("/").content.decode()
    for value in (
        PROFILE["name"],
        PROFILE["parent_body"],
        PROFILE["address"],
        PROFILE["hotline"],
        PROFILE["responsible_person"],
        PROFILE["licence"],
        PROFILE["email"],
    ):
        assert value in html
    assert 'href="/tin-tuc/"' in html and 'href="/chuyen-muc/lao-dong/"' in html
    assert "Mục ẩn" not in html
    assert '<html lang="vi"' in html
    assert 'class="skip-link" href="#noi-dung"' in html


def test_home_page_runs_no_query_once_the_site_content_is_cached(client, site, django_assert_num_queries):
    client.get("/")  # the first visit also creates the site's settings rows
    client.get("/")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 200


def test_contact_page_lists_the_profile_contacts(client, site):
    response = client.get("/lien-he/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="page-title">Liên hệ</h1>' in html
    assert 'href="mailto:so@thunghiem.gov.vn"' in html
    assert 'href="tel:02003000003"' in html
    assert 'rel="noopener noreferrer" target="_blank"' in html
    assert '<span aria-current="page">Liên hệ</span>' in html  # breadcrumbs


def test_pages_carry_security_headers(client, site):
    response = client.get("/")
    csp = response.headers["Content-Security-Policy"]
    # Scripts from the static files only, never from all of this origin (uploads live here too),
    # and the layout's one inline script by its hash (dolisa_site.inline_assets).
    # django-csp writes the directives in no fixed order.
    directives = dict(part.strip().split(" ", 1) for part in csp.split(";"))
    prefs = inline_assets.csp_hash(inline_assets.script_source("site/js/prefs.js"))
    assert directives["script-src"] == f"http://testserver/static/ http://testserver/admin/jsi18n/ {prefs}"
    assert directives["object-src"] == "'none'"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_pages_load_nothing_from_other_sites(client, site):
    html = client.get("/").content.decode()
    assert 'src="http' not in html and 'src="//' not in html
    assert 'rel="stylesheet" href="http' not in html


def test_unknown_address_gives_the_vietnamese_404_in_the_layout(client, site):
    response = client.get("/khong-ton-tai/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Không tìm thấy trang" in html
    assert PROFILE["name"] in html and 'id="menu-chinh"' in html


@pytest.mark.urls(__name__)
def test_server_error_gives_the_vietnamese_500_in_the_layout(site):
    client = Client(raise_request_exception=False)
    response = client.get("/loi-500/")
    assert response.status_code == 500
    html = response.content.decode()
    assert "Hệ thống đang gặp sự cố" in html and PROFILE["name"] in html


@pytest.mark.urls(__name__)
def test_500_page_falls_back_to_a_bare_page_when_the_layout_fails(site, monkeypatch, caplog):
    def broken_load(cls):
        raise RuntimeError("database is down")

    monkeypatch.setattr(SiteProfile, "load", classmethod(broken_load))
    client = Client(raise_request_exception=False)
    response = client.get("/loi-500/")
    assert response.status_code == 500
    assert "Hệ thống đang gặp sự cố" in response.content.decode()
    assert "could not be rendered in the site layout" in caplog.text


@pytest.mark.urls(__name__)
def test_permission_denied_gives_the_vietnamese_403(client, site):
    response = client.get("/loi-403/")
    assert response.status_code == 403
    assert "Bạn không có quyền xem trang này" in response.content.decode()


@pytest.mark.urls(__name__)
def test_bad_request_gives_the_vietnamese_400(client, site):
    response = client.get("/loi-400/")
    assert response.status_code == 400
    assert "Không thể xử lý yêu cầu" in response.content.decode()


def test_unknown_host_gives_400_not_500(client, site):
    response = client.get("/", HTTP_HOST="attacker.example")
    assert response.status_code == 400


def test_csrf_failure_gives_the_vietnamese_403_in_the_layout(site, caplog):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/admin/login/", {"username": "a", "password": "b"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Không gửi được biểu mẫu" in html and PROFILE["name"] in html
    assert "CSRF check failed for POST /admin/login/" in caplog.text
