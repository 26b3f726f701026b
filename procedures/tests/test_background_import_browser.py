"""The import status page in a real browser: it follows the worker and shows the report (issue 10, 6c)."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from procedures.importing import ProcedureImporter

from .workers import run_worker

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DATA = Path(__file__).parent / "data"


def test_the_status_page_polls_until_the_report_is_there(page, superuser, browser_login):
    ProcedureImporter().run("thu-tuc-mau.csv", (DATA / "thu-tuc-mau.csv").read_bytes())
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: "Content Security Policy" in message.text and errors.append(message.text))
    browser_login(page, superuser)
    page.goto("/admin/procedures/dossier/nhap/")
    page.locator("input[type=file]").set_input_files(str(DATA / "ho-so-mau.xlsx"))
    page.get_by_role("button", name="Nhập").click()

    # Back at once, on the status page: the file waits for the worker.
    expect(page.locator("#import-progress progress")).to_be_visible()
    expect(page.locator("#import-progress-text")).to_contain_text("Đang chờ")

    run_worker()  # the worker process, here in the test's own

    # The page's script notices the end by itself and shows the report.
    expect(page.locator("#import-outcome")).to_contain_text("thêm mới 1500", timeout=15_000)
    expect(page.locator("#import-progress")).to_have_count(0)
    # Every script the admin asks for, its JavaScript catalog included, is allowed by the CSP.
    assert errors == []
