"""Voting in a real browser: from the sidebar, then again (refused), and a closed poll."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from .factories import make_poll

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_vote_from_the_sidebar_then_try_again(page, screenshot):
    poll = make_poll()
    page.goto("/")
    widget = page.locator(".widget--poll")
    screenshot(page, "more-polls-sidebar-desktop")
    widget.get_by_label("Hài lòng", exact=True).check()
    widget.get_by_role("button", name="Bình chọn").click()
    expect(page.get_by_text("Cảm ơn bạn, phiếu bình chọn đã được ghi nhận.")).to_be_visible()
    expect(page.locator("main").get_by_text("1 phiếu (100,0%)")).to_be_visible()
    screenshot(page, "more-polls-results-desktop")
    page.goto("/")
    expect(page.locator(".widget--poll").get_by_text("Tổng cộng 1 phiếu")).to_be_visible()
    # A second vote from a page opened before the first one was cast.
    page.context.clear_cookies()
    page.goto(poll.get_absolute_url())
    page.get_by_label("Rất hài lòng").check()
    page.get_by_role("button", name="Bình chọn").click()
    expect(page.get_by_text("Bạn đã bình chọn trong cuộc thăm dò này")).to_be_visible()
    poll.refresh_from_db()
    assert poll.total_votes == 1


def test_closed_poll_shows_results_only_on_a_phone(phone_page, screenshot):
    poll = make_poll(closes_at=timezone.now() - timedelta(days=1))
    phone_page.goto(poll.get_absolute_url())
    expect(phone_page.get_by_text("Cuộc thăm dò đã kết thúc.")).to_be_visible()
    expect(phone_page.get_by_role("radio")).to_have_count(0)
    screenshot(phone_page, "more-polls-closed-phone")
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 375
