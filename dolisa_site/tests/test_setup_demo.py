"""The README's first command: demo content once, an admin whose printed login works."""

import re
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client

from dolisa_site.models import MenuItem, SiteProfile


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"

    def run():
        out = StringIO()
        call_command("setup_demo", stdout=out)
        return out.getvalue()

    return run


def printed_login(output):
    match = re.search(r"user: (\S+)\s+password: (\S+)", output)
    assert match, output
    return match.groups()


def test_demo_loads_a_believable_site_and_prints_a_working_admin_login(demo, settings):
    output = demo()
    profile = SiteProfile.load()
    assert profile.name.startswith("Sở Lao động - Thương binh và Xã hội")
    assert profile.logo and (settings.MEDIA_ROOT / profile.logo.name).is_file()
    titles = [item["title"] for item in MenuItem.tree()]
    assert titles == ["Trang chủ", "Giới thiệu", "Tin tức", "Văn bản", "Thủ tục hành chính", "Hỏi đáp", "Liên hệ"]

    username, password = printed_login(output)
    client = Client()
    response = client.post("/admin/login/?next=/admin/", {"username": username, "password": password})
    assert response.status_code == 302, "the printed credentials were refused"
    assert "Quản trị website" in client.get("/admin/").content.decode()


def test_running_the_demo_again_keeps_the_data_and_the_password(demo):
    first = demo()
    SiteProfile.objects.filter(pk=1).update(name="Tên đã sửa trong trang quản trị")
    MenuItem.objects.filter(title="Liên hệ").delete()
    second = demo()
    assert SiteProfile.objects.get(pk=1).name == "Tên đã sửa trong trang quản trị"
    assert not MenuItem.objects.filter(title="Liên hệ").exists()
    assert printed_login(first) == printed_login(second)
    assert "Skipped 10_site.json" in second
