"""The procedures pages in a real browser (Chromium), desktop and phone."""

import re
import shutil
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.core.management import call_command
from django.db.models.signals import post_save
from playwright.sync_api import expect

from procedures import rollups, signals
from procedures.models import Dossier, Sector

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"


@pytest.fixture(autouse=True)
def _in_the_fixtures_time():
    """The demo dossiers are loaded as written (2025–2026), so the clock runs
    from the day the fixture was written as of, for the test and the live
    server alike (one process): "this year" and the last 12 months are then
    the fixture's, whatever today is. (setup_demo moves them to today
    instead; procedures/tests/test_demo_data.py checks that on many dates.)"""
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


def watch_for_errors(tab, errors):
    """Script exceptions, Content-Security-Policy refusals and failed requests of the page's own files.

    (The browser's automatic /favicon.ico request in the admin is not the page's.)
    """
    tab.on("pageerror", lambda error: errors.append(str(error)))
    tab.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    tab.on("response", lambda response: response.status >= 400 and errors.append(response.url))


@pytest.fixture
def demo(settings):
    """The site, the catalogue and the demo dossiers with their rollups.

    The rollups are counted once, after the load, instead of once for each of the
    458 dossier saves (most of a test's time here). They are the same rows:
    test_rollups_property.py checks that the saves' rollups equal a rebuild, and
    test_demo_data.py that the demo's, built save by save, show its figures.
    """
    shutil.copytree(Path(settings.BASE_DIR) / "fixtures" / "media", settings.MEDIA_ROOT, dirs_exist_ok=True)
    assert post_save.disconnect(signals.refresh_after_save, sender=Dossier), "the rollups' save receiver moved"
    try:
        call_command(
            "loaddata",
            "fixtures/10_site.json",
            "fixtures/30_procedures.json",
            "fixtures/30_procedures_dossiers.json",
            verbosity=0,
        )
    finally:
        post_save.connect(signals.refresh_after_save, sender=Dossier)
    rollups.rebuild()


def test_results_widget_on_the_home_page(page, demo, screenshot):
    page.goto("/")
    widget = page.locator(".page__sidebar .widget--results")
    assert widget.locator("h2").inner_text().upper() == "KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH"
    figures = {
        name: widget.locator(f'[data-figure="{name}"]').inner_text()
        for name in ("received", "resolved", "early", "on_time", "late")
    }
    assert figures == {
        "received": "298",
        "resolved": "283",
        "early": "270 (95%)",
        "on_time": "283 (100%)",
        "late": "0 (0%)",
    }
    expect(widget.get_by_text("Tự động cập nhật lúc")).to_be_visible()
    screenshot(page, "procedures-home-widget")


def test_catalogue_and_a_procedure_on_a_phone(phone_page, demo, screenshot):
    phone_page.goto("/thu-tuc-hanh-chinh/")
    phone_page.get_by_label("Tên hoặc mã thủ tục").fill("tro cap that nghiep")
    phone_page.locator("#noi-dung").get_by_role("button", name="Tìm kiếm").click()
    expect(phone_page.locator(".procedure-list__item")).to_have_count(2)  # granting and pausing the benefit
    screenshot(phone_page, "procedures-catalogue-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
    phone_page.get_by_role("link", name="Giải quyết hưởng trợ cấp thất nghiệp").click()
    expect(phone_page.get_by_role("heading", name="Thành phần hồ sơ")).to_be_visible()
    screenshot(phone_page, "procedures-detail-phone")


def test_statistics_page_draws_its_chart(page, demo, screenshot):
    errors = []
    watch_for_errors(page, errors)
    page.goto("/thu-tuc-hanh-chinh/thong-ke/")
    # This year's months up to today: received and resolved, January to November.
    expect(page.locator("#stats-monthly svg rect")).to_have_count(22)
    assert page.locator(".figures-table tfoot").locator("td").all_inner_texts()[:2] == ["298", "283"]
    assert errors == [], "no script errors, including Content-Security-Policy refusals"
    expect(page.locator("#id_thang")).to_be_hidden()
    expect(page.locator("#id_tu-ngay")).to_be_hidden()
    screenshot(page, "procedures-statistics")
    page.locator("#id_ky").select_option("thang")
    expect(page.locator("#id_thang")).to_be_visible()
    expect(page.locator("#id_quy")).to_be_hidden()
    page.locator("#id_thang").select_option("6")
    page.get_by_role("button", name="Xem").click()
    expect(page.locator("#stats-table-title")).to_have_text("Tháng 06/2026", ignore_case=True)


def test_lookup_shows_a_masked_name(page, phone_page, demo, screenshot):
    dossier = Dossier.objects.filter(status="da-giai-quyet").first()
    dossier.set_phone("0912 345 678")
    dossier.save()
    page.goto("/tra-cuu-ho-so/")
    page.get_by_label("Mã hồ sơ").fill(dossier.code)
    page.get_by_label("Bốn số cuối điện thoại").fill("5678")
    page.get_by_role("button", name="Tra cứu").click()
    page.wait_for_selector(".dossier__applicant")
    applicant = page.locator(".dossier__applicant").inner_text()
    family, *rest = dossier.applicant_name.split()
    assert applicant == " ".join([family] + [word[0] + "*" * (len(word) - 1) for word in rest])
    assert dossier.applicant_name not in page.content()
    screenshot(page, "procedures-lookup")
    # A link fills the code in; the digits are typed, and wrong ones find nothing.
    phone_page.goto(f"/tra-cuu-ho-so/?ma={dossier.code}")
    expect(phone_page.get_by_label("Mã hồ sơ")).to_have_value(dossier.code)
    phone_page.get_by_label("Bốn số cuối điện thoại").fill("1234")
    phone_page.get_by_role("button", name="Tra cứu").click()
    expect(phone_page.get_by_role("alert")).to_have_text(re.compile(r"^Không tìm thấy hồ sơ"), use_inner_text=True)
    screenshot(phone_page, "procedures-lookup-unknown-phone")


def test_dashboard_chart_filter_and_excel_download(page, demo, one_stop_officer, browser_login, screenshot, tmp_path):
    errors = []
    watch_for_errors(page, errors)
    browser_login(page, one_stop_officer)
    page.goto("/admin/")
    page.get_by_role("link", name="Thủ tục hành chính: kết quả giải quyết và hồ sơ").click()
    expect(page.locator('[data-figure="received"]')).to_have_text("298")
    expect(page.locator("#chart-monthly svg rect")).to_have_count(22)  # received and resolved, January to November
    screenshot(page, "procedures-dashboard")

    merit = Sector.objects.get(name="Người có công")
    page.locator("select[name=linh-vuc]").select_option(str(merit.pk))
    page.get_by_role("button", name="Áp dụng").click()
    page.wait_for_url(f"**linh-vuc={merit.pk}**")
    expected = Dossier.objects.filter(procedure__sector=merit, received_at__year=2026).count()
    expect(page.locator('[data-figure="received"]')).to_have_text(str(expected))
    assert f"linh-vuc={merit.pk}" in page.url
    screenshot(page, "procedures-dashboard-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Xuất Excel").click()
    download = download_info.value
    assert download.suggested_filename == "thu-tuc-hanh-chinh-nam-2026-nguoi-co-cong.xlsx"  # the filter is named
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    book = openpyxl.load_workbook(path)
    rows = {row[0]: row[1] for row in book["Tổng hợp"].iter_rows(min_row=2, values_only=True)}
    assert rows["Tiếp nhận"] == expected
    assert [cell.value for cell in book["Theo lĩnh vực"][2]][0] == "Người có công"
    assert errors == []
