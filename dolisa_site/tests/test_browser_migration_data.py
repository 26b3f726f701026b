"""What the data migrations make (the staff groups and their permissions) is there
in browser tests, and in the transactional tests that run after them.

Playwright's sync API once made the test thread see a second database connection,
one without the serialized migration data, so serialized rollback silently restored
nothing from the first browser test on (see the ``browser`` fixture in conftest.py).
The tests below run in file order (pytest-django keeps the order of transactional
tests): a browser test first, then a transactional test after it.
"""

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from dolisa_site import roles

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# One permission, at least, from each migration that grants some to a group.
MIGRATION_GRANTS = {
    roles.EDITOR: {"news.add_article", "news.submit_article"},
    roles.REVIEWER: {
        "dolisa_site.change_menuitem",
        "dolisa_site.change_aboutpage",
        "news.publish_article",
        "news.change_comment",
        "documents.add_document",
        "gallery.add_photo",
        "polls.add_poll",
        "questions.change_topic",
        "stats.view_traffic_dashboard",
    },
    roles.ONE_STOP_OFFICER: {"procedures.change_dossier", "procedures.view_dashboard", "questions.change_question"},
    roles.LEADER: {"procedures.view_dashboard", "stats.view_traffic_dashboard"},
}

browser_tests_run = []


def assert_the_migration_made_groups_are_there():
    groups = {
        group.name: {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}
        for group in Group.objects.prefetch_related("permissions__content_type")
    }
    assert set(roles.ROLES) <= set(groups), f"groups present: {sorted(groups)}"
    for name, permissions in MIGRATION_GRANTS.items():
        assert permissions <= groups[name], f"{name} misses {sorted(permissions - groups[name])}"


def test_a_browser_test_finds_the_groups_with_their_permissions(page):
    page.goto("/")
    expect(page.locator("body")).to_be_visible()
    assert_the_migration_made_groups_are_there()
    browser_tests_run.append(True)


def test_a_transactional_test_after_a_browser_test_finds_them_too(browser):
    if not browser_tests_run:
        pytest.skip("meaningful only after the browser test above (run the whole module)")
    assert browser.is_connected()
    assert_the_migration_made_groups_are_there()
