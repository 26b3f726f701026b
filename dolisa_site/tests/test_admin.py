"""One Vietnamese admin, branded by the profile, with least-privilege groups."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.urls import reverse

from dolisa_site import dashboards, roles

from .factories import make_profile


def test_admin_index_is_vietnamese_and_branded(admin_client):
    make_profile()
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "Quản trị website" in html
    assert "Sở Lao động - Thương binh và Xã hội tỉnh Thử Nghiệm" in html
    assert "Thông tin cơ quan" in html and "Menu chính" in html
    assert "Access attempts" not in html  # axes keeps nothing in its tables here


def test_the_four_groups_exist_after_migrating(db):
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_only_reviewers_may_edit_the_menu_among_the_groups(db):
    granted = {
        group.name: set(group.permissions.values_list("codename", flat=True))
        for group in Group.objects.filter(name__in=roles.ROLES)
    }
    assert granted[roles.REVIEWER] >= {"add_menuitem", "change_menuitem", "delete_menuitem", "view_menuitem"}
    for name in (roles.EDITOR, roles.ONE_STOP_OFFICER, roles.LEADER):
        assert not {"change_menuitem", "change_siteprofile"} & granted[name]
    assert not any("siteprofile" in codenames for codenames in granted.values())


def test_reviewer_edits_the_menu_but_not_the_profile(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("admin:dolisa_site_menuitem_changelist")).status_code == 200
    assert client.get(reverse("admin:dolisa_site_siteprofile_change", args=[1])).status_code == 403


@pytest.mark.parametrize("who", ["editor", "one_stop_officer", "leader"])
def test_other_groups_cannot_touch_site_content(client, db, who, request):
    client.force_login(request.getfixturevalue(who))
    assert client.get(reverse("admin:index")).status_code == 200
    assert client.get(reverse("admin:dolisa_site_menuitem_changelist")).status_code == 403
    assert client.post(reverse("admin:dolisa_site_menuitem_add"), {"title": "x", "link": "/"}).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(client, db):
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and "/admin/login/" in response.url


@pytest.fixture
def leader_dashboard():
    dashboards.register("Bảng điều khiển thử", "admin:index", "auth.view_group", "Dùng trong kiểm thử.")
    yield
    dashboards._registry.pop("admin:index")


def test_admin_index_lists_dashboards_for_users_allowed_to_see_them(client, leader, editor, leader_dashboard):
    from django.contrib.auth.models import Permission

    Group.objects.get(name=roles.LEADER).permissions.add(Permission.objects.get(codename="view_group"))
    client.force_login(leader)
    assert "Bảng điều khiển thử" in client.get(reverse("admin:index")).content.decode()
    client.force_login(editor)
    assert "Bảng điều khiển thử" not in client.get(reverse("admin:index")).content.decode()


def test_repeated_failed_logins_lock_the_account_from_that_address(superuser, settings):
    client = Client()
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": superuser.username, "password": "sai-mat-khau"})
        assert response.status_code == 200
    # The last allowed failure locks the account; even the right password is refused.
    assert client.post(url, {"username": superuser.username, "password": "sai-mat-khau"}).status_code == 429
    response = client.post(url, {"username": superuser.username, "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 429
    assert "Đăng nhập sai quá nhiều lần" in response.content.decode()
    # The same account from another address is not locked out.
    other = Client(REMOTE_ADDR="10.9.8.7")
    response = other.post(url, {"username": superuser.username, "password": "mat-khau-thu-nghiem"})
    assert response.status_code == 302


def test_login_throttling_writes_no_ip_address_to_the_database(superuser):
    client = Client(REMOTE_ADDR="203.0.113.77")
    for _ in range(3):
        client.post(reverse("admin:login"), {"username": superuser.username, "password": "sai"})
    client.post(reverse("admin:login"), {"username": superuser.username, "password": "mat-khau-thu-nghiem"})
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            assert "203.0.113.77" not in repr(cursor.fetchall()), table
