"""Fixtures shared by every app's tests: cache isolation, staff users of each
group, and a Playwright-driven Chromium for browser tests."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.test import Client

from dolisa_site import roles

# Playwright's sync API keeps an event loop running in the test thread, which
# makes Django refuse ORM calls there unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
SCREENSHOT_DIR = Path(__file__).resolve().parent / "var" / "screenshots"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 812}


def pytest_collection_modifyitems(items):
    """Every transactional test restores the migrations' data (groups and their
    permissions) instead of leaving the database empty.

    A transactional test empties the database when it ends. With serialized
    rollback the next one reloads what the migrations made; without it,
    post_migrate recreates content types under new keys and a later serialized
    test can no longer reload its data. Mixing the two is what breaks, so the
    suite never mixes them.
    """
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker and marker.kwargs.get("transaction") and not marker.kwargs.get("serialized_rollback"):
            item.add_marker(
                pytest.mark.django_db(*marker.args, **{**marker.kwargs, "serialized_rollback": True}), append=False
            )


def pytest_sessionstart(session):
    os.makedirs(settings.MEDIA_ROOT, exist_ok=True)
    os.makedirs(settings.STATIC_ROOT, exist_ok=True)


def pytest_sessionfinish(session, exitstatus):
    """The run's media and static scratch folder goes with the run (only the
    process that named it removes it: a child process shares its parent's)."""
    if settings.TEST_RUN_OWNER:
        shutil.rmtree(settings.TEST_RUN_DIR, ignore_errors=True)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Cached site content must not leak from one test into the next."""
    cache.clear()
    yield
    cache.clear()


# --- Staff of each group ---------------------------------------------------------


@pytest.fixture
def make_staff(db, django_user_model):
    def make(group_name=None, username=None, **extra):
        user = django_user_model.objects.create_user(
            username=username or f"user-{django_user_model.objects.count() + 1}",
            password="mat-khau-thu-nghiem",
            is_staff=True,
            **extra,
        )
        if group_name:
            user.groups.add(Group.objects.get(name=group_name))
        return user

    return make


@pytest.fixture
def editor(make_staff):
    return make_staff(roles.EDITOR, "bien-tap-vien")


@pytest.fixture
def reviewer(make_staff):
    return make_staff(roles.REVIEWER, "nguoi-duyet-tin")


@pytest.fixture
def one_stop_officer(make_staff):
    return make_staff(roles.ONE_STOP_OFFICER, "can-bo-mot-cua")


@pytest.fixture
def leader(make_staff):
    return make_staff(roles.LEADER, "lanh-dao")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("quan-tri", "", "mat-khau-thu-nghiem")


# --- A Redis of the test's own ------------------------------------------------------


@pytest.fixture
def redis_server(tmp_path):
    """A real redis-server on a free port that the test may stop and start:
    never the machine's shared Redis."""
    from dolisa_site.tests.redis_servers import RedisProcess

    server = RedisProcess(tmp_path).start()
    yield server
    server.stop()


# --- Browser -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def browser(django_db_setup):
    """One headless Chromium for the run, driven by Playwright's sync API, that
    leaves the test thread's database connections as they are.

    The sync API runs an asyncio loop in a greenlet of the test thread and
    leaves it marked as running in that thread between calls (the
    ``asyncio._set_running_loop`` at the end of ``wait_for_future`` in
    ``playwright/_impl/_greenlets.py``). Django keeps connections in an
    ``asgiref.local.Local(thread_critical=True)``: a plain thread-local while no
    loop runs, a context variable while one does. So from Playwright's start on,
    ``connections["default"]`` in the test thread was a second, fresh
    DatabaseWrapper, without the ``_test_serialized_contents`` that
    setup_databases put on the first. TransactionTestCase checks that attribute
    with ``hasattr`` before it restores the serialized data (and before it
    flushes without post_migrate), so from the first browser test on every
    transactional test silently started without the groups and permissions the
    data migrations make.

    Putting the thread's own connection objects into the loop-side storage too
    keeps one connection per database in the test thread, whichever storage
    the handler reads: Django's test machinery finds the serialized data again,
    and nothing else about Django or Playwright changes. (Callbacks Playwright
    runs in greenlets of its own, e.g. ``page.on()`` handlers, start with an
    empty context and would get fresh connections: keep the ORM out of them.)

    The test databases are always set up before Playwright starts (hence
    ``django_db_setup``), whichever test comes first, so the order is the same
    in every run and dolisa_site/tests/test_browser_migration_data.py catches a
    regression in any of them.
    """
    from django.db import connections
    from playwright.sync_api import sync_playwright

    own = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in own.items():
            connections[alias] = connection
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM,
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


def _new_page(browser, live_server, viewport, **options):
    context = browser.new_context(
        viewport=viewport,
        base_url=live_server.url,
        locale="vi-VN",
        timezone_id="Asia/Ho_Chi_Minh",
        **options,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


@pytest.fixture
def page(browser, live_server):
    """A desktop-sized browser tab pointed at the live server."""
    context, tab = _new_page(browser, live_server, DESKTOP)
    yield tab
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    """A 375-pixel-wide phone tab."""
    context, tab = _new_page(browser, live_server, PHONE, is_mobile=True, has_touch=True)
    yield tab
    context.close()


@pytest.fixture
def screenshot(request):
    """Save a full-page screenshot under var/screenshots/ for a person to look at."""

    def take(tab, name):
        SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOT_DIR / f"{name}.png"
        tab.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def serious_accessibility_problems():
    """axe-core's serious and critical violations on a tab's current page, as ["rule: target, …"].

    axe-core comes bundled with axe-playwright-python (requirements-test.txt); it is put into the page
    through Playwright's evaluate, which the page's content policy does not govern.
    """
    from importlib.resources import files

    script = files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")

    def check(tab):
        tab.evaluate(script)
        results = tab.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
        return [
            f"{violation['id']} ({violation['impact']}): "
            + ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
            for violation in results["violations"]
            if violation["impact"] in ("serious", "critical")
        ]

    return check


@pytest.fixture
def browser_login(live_server):
    """Sign a browser tab in as a user without going through the login form."""

    def login(tab, user):
        client = Client()
        client.force_login(user)
        tab.context.add_cookies(
            [
                {
                    "name": settings.SESSION_COOKIE_NAME,
                    "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                    "url": live_server.url,
                }
            ]
        )

    return login
