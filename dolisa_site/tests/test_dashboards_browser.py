"""Both admin dashboards in a real browser, desktop and phone: the server-drawn charts fit their
boxes, their labels do not run into each other, and nothing makes the page scroll sideways.
Screenshots go to /tmp/dash-*.png for a person to look at."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

DASHBOARDS = {"procedures": "admin:procedures_dashboard", "traffic": "admin:stats_traffic"}
WRONG = {"procedures": {"ky": "khoang", "tu-ngay": "2026-03-10", "den-ngay": "2026-03-01"}, "traffic": {"tu-ngay": "x"}}


@pytest.fixture(autouse=True)
def _in_the_fixtures_time():
    """The demo's dossiers and visits are loaded as written, so the clock runs from the day they were written as of."""
    with time_machine.travel(datetime(2026, 11, 30, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))):
        yield


@pytest.fixture
def demo_figures():
    call_command(
        "loaddata",
        "fixtures/10_site.json",
        "fixtures/30_procedures.json",
        "fixtures/30_procedures_dossiers.json",
        "fixtures/40_stats.json",
        verbosity=0,
    )


def overlapping_labels(tab):
    """Pairs of x-axis labels of one chart that are both shown and touch each other."""
    return tab.evaluate(
        """() => [...document.querySelectorAll("figure.chart svg")].flatMap(svg => {
            const boxes = [...svg.querySelectorAll(".chart__label")]
                .filter(label => getComputedStyle(label).display !== "none")
                .map(label => label.getBoundingClientRect());
            return boxes.slice(1)
                .filter((box, index) => box.left < boxes[index].right + 2 && box.top === boxes[index].top)
                .map(box => svg.closest("figure").id);
        })"""
    )


def overflowing_charts(tab):
    """Charts wider than the box they sit in."""
    return tab.evaluate(
        """() => [...document.querySelectorAll("figure.chart")]
            .filter(figure => figure.querySelector("svg").getBoundingClientRect().right
                > figure.parentElement.getBoundingClientRect().right + 1)
            .map(figure => figure.id)"""
    )


@pytest.mark.parametrize("name", DASHBOARDS)
def test_a_dashboard_on_desktop_and_phone(page, phone_page, demo_figures, leader, browser_login, name):
    for tab, width in ((page, 1280), (phone_page, 375)):
        errors = []
        tab.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        tab.on(
            "console",
            lambda message, errors=errors: "Content Security Policy" in message.text and errors.append(message.text),
        )
        browser_login(tab, leader)
        tab.goto(reverse(DASHBOARDS[name]))
        charts = tab.locator("figure.chart")
        expect(charts.first).to_be_visible()
        for chart in charts.all():
            expect(chart.locator("svg rect").first).to_be_attached()
        tab.screenshot(path=f"/tmp/dash-{name}-{width}.png", full_page=True)
        assert overflowing_charts(tab) == []
        assert overlapping_labels(tab) == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, "no sideways scrolling"
        assert errors == [], "no script errors, no Content-Security-Policy refusals"

        response = tab.goto(reverse(DASHBOARDS[name]) + "?" + "&".join(f"{k}={v}" for k, v in WRONG[name].items()))
        assert response.status == 400
        expect(tab.locator("#dashboard-refused")).to_be_visible()
        expect(charts.first).to_be_visible()  # the default period's figures
        tab.screenshot(path=f"/tmp/dash-{name}-{width}-400.png", full_page=True)
