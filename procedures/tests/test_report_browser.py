"""A Lãnh đạo user reads the delays chart and downloads the official report from the dashboard."""

from datetime import datetime

import openpyxl
import pytest
from playwright.sync_api import expect

from procedures import periods, report

from .test_browser import DASHBOARD, demo, watch_for_errors  # noqa: F401 (demo is a fixture)
from .test_report import sheet_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_a_leader_reads_the_delays_chart_and_downloads_the_report(
    page,
    demo,  # noqa: F811 (the fixture imported above)
    leader,
    browser_login,
    screenshot,
    tmp_path,
):
    errors = []
    watch_for_errors(page, errors)
    browser_login(page, leader)
    page.goto(DASHBOARD)
    chart = page.locator("#outcomes-by-field")
    expect(chart.get_by_role("heading")).to_have_text("Kết quả và chậm trễ theo lĩnh vực")
    expect(chart.locator("thead th")).to_have_text(
        ["Lĩnh vực", "Trước hạn", "Đúng hạn (không kể trước hạn)", "Trễ hạn", "Đang giải quyết quá hạn"]
    )
    rows = chart.locator("tbody tr").count()
    assert rows >= 1
    # One bar per row of the table, labelled with the row's field.
    expect(chart.locator("svg .chart__label--row")).to_have_text(chart.locator("tbody th").all_inner_texts())
    expect(chart.locator("svg .chart__empty")).to_have_count(rows)
    screenshot(page, "procedures-dashboard-delays-and-report")

    form = page.locator("#official-report")
    first_choice = form.locator("select[name=ky-bao-cao] option").first
    value = first_choice.get_attribute("value")
    with page.expect_download() as download_info:
        form.get_by_role("button", name="Tải báo cáo (Excel)").click()
    download = download_info.value
    first, last = value.split("-")
    assert download.suggested_filename == (
        f"bao-cao-ket-qua-giai-quyet-tthc-{first.replace('/', '-')}-{last.replace('/', '-')}.xlsx"
    )
    path = tmp_path / download.suggested_filename
    download.save_as(path)
    rows = sheet_rows(path.read_bytes())
    period = periods.identify(*(datetime.strptime(part, "%d/%m/%Y").date() for part in (first, last)))
    assert rows["Tổng cộng"] == report.build(period).total.values()
    assert openpyxl.load_workbook(path).active["A1"].value == "Biểu số II.06a/VPCP/KSTT"
    assert errors == []
