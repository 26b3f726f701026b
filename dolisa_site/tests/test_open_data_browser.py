"""The open data catalogue in a real browser, desktop and phone; its datasets read from another site's page."""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


@pytest.fixture(autouse=True)
def _in_march_2026():
    with time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


@pytest.fixture
def demo():
    call_command("loaddata", str(FIXTURES / "10_site.json"), str(FIXTURES / "30_procedures.json"), verbosity=0)


@pytest.mark.parametrize("tab_name, width", [("page", 1280), ("phone_page", 375)])
def test_the_catalogue_page(request, demo, serious_accessibility_problems, tab_name, width):
    tab = request.getfixturevalue(tab_name)
    tab.goto("/")
    menu = tab.locator(".main-nav")
    if width < 600:
        menu.get_by_role("button", name="Menu").click()
    menu.get_by_role("button", name=re.compile("Thủ tục hành chính$")).click()
    menu.get_by_role("link", name="Dữ liệu mở").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("Dữ liệu mở")
    results = tab.locator("#ket-qua-thu-tuc")
    expect(results.get_by_role("heading", level=2)).to_have_text(
        "Kết quả giải quyết thủ tục hành chính theo kỳ, lĩnh vực và kênh tiếp nhận"
    )
    expect(results.get_by_role("link", name="JSON").first).to_have_attribute("href", "/du-lieu-mo/ket-qua-thu-tuc.json")
    expect(tab.get_by_role("link", name="Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)")).to_be_visible()
    tab.screenshot(path=f"/tmp/opendata-{width}.png", full_page=True)
    assert tab.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
    assert serious_accessibility_problems(tab) == []


def test_another_sites_page_reads_the_datasets(page, live_server, demo):
    """A provincial portal's script, on its own origin, reads the figures and the catalogue."""
    portal = live_server.url.replace("localhost", "127.0.0.1") + "/cong-tinh/"
    assert portal.split("/")[2] != live_server.url.split("/")[2], "another origin"
    page.route(
        portal, lambda route: route.fulfill(body="<!doctype html><title>Cổng tỉnh</title>", content_type="text/html")
    )
    # Chromium asks before a public page reads a loopback address (the test's server); a real portal is not asked.
    page.context.grant_permissions(["local-network-access"])
    page.goto(portal)
    for address in ("/du-lieu-mo/ket-qua-thu-tuc.json?ky=quy&nam=2026&quy=1", "/du-lieu-mo/danh-muc.json"):
        body = page.evaluate("url => fetch(url).then(answer => answer.json())", live_server.url + address)
        assert body.get("dataset"), address
    csv = page.evaluate(
        "url => fetch(url).then(answer => answer.text())", live_server.url + "/du-lieu-mo/thu-tuc-hanh-chinh.csv"
    )
    assert csv.startswith("code,name,")  # the byte-order mark is the decoder's, not the text's
