"""The README's first command: demo content once, an admin whose printed login works."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import Client, override_settings

from dolisa_site.models import MenuItem, SiteProfile


def run_demo():
    out = StringIO()
    call_command("setup_demo", stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def first_run(django_db_setup, django_db_blocker, tmp_path_factory):
    """What the first run printed: setup_demo run once for the module, into a fresh database and
    empty folders (a load takes seconds); the database is rolled back when the module ends, and
    each test's own changes when the test ends."""
    folder = tmp_path_factory.mktemp("demo")
    with override_settings(VAR_DIR=folder / "var", MEDIA_ROOT=folder / "media"):
        with django_db_blocker.unblock(), transaction.atomic():
            assert not SiteProfile.objects.exists() and not MenuItem.objects.exists(), "a fresh database"
            yield run_demo()
            transaction.set_rollback(True)


@pytest.fixture
def demo(db, first_run):
    return first_run


def printed_login(output):
    match = re.search(r"user: (\S+)\s+password: (\S+)", output)
    assert match, output
    return match.groups()


def test_demo_loads_a_believable_site_and_prints_a_working_admin_login(demo, settings):
    output = demo
    profile = SiteProfile.load()
    assert profile.name.startswith("Sở Lao động - Thương binh và Xã hội")
    assert profile.logo and (settings.MEDIA_ROOT / profile.logo.name).is_file()
    titles = [item["title"] for item in MenuItem.tree()]
    assert titles == [
        "Trang chủ",
        "Giới thiệu",
        "Tin tức",
        "Văn bản",
        "Thủ tục hành chính",
        "Hỏi đáp",
        "Công khai",
        "Liên hệ",
    ]

    username, password = printed_login(output)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    assert response.status_code == 302, "the printed credentials were refused"
    assert "Quản trị website" in client.get("/admin/").content.decode()


def test_running_the_demo_again_keeps_the_data_and_the_password(demo):
    first = demo
    SiteProfile.objects.filter(pk=1).update(name="Tên đã sửa trong trang quản trị")
    MenuItem.objects.filter(title="Liên hệ").delete()
    second = run_demo()
    assert SiteProfile.objects.get(pk=1).name == "Tên đã sửa trong trang quản trị"
    assert not MenuItem.objects.filter(title="Liên hệ").exists()
    assert printed_login(first) == printed_login(second)
    assert "Skipped 10_site.json" in second
