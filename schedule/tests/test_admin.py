"""The office drafts weeks, a reviewer publishes them; the admin's actions and buttons call the model's rules."""

from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from dolisa_site import roles
from schedule.models import Item, ItemMark, Week, WeekStatus

from .factories import make_week

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 30)
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.get_fixed_timezone(7 * 60))
CHANGELIST = "/admin/schedule/week/"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def office(make_staff):
    return make_staff(roles.OFFICE, "van-phong")


def item_form(index, item=None, **values):
    fields = {
        "date": "01/12/2026",
        "start": "08:00",
        "end": "",
        "content": "Dự họp UBND tỉnh",
        "chair": "Đ/c Trần Văn Minh, Giám đốc Sở",
        "attendees": "",
        "location": "Phòng họp UBND tỉnh",
        "preparing_unit": "Văn phòng Sở",
    }
    if item is not None:
        fields.update(id=str(item.pk), week=str(item.week_id), date=item.date.strftime("%d/%m/%Y"))
        fields.update(start=item.start.strftime("%H:%M"), content=item.content, chair=item.chair)
        fields.update(location=item.location)
    fields.update(values)
    return {f"items-{index}-{name}": value for name, value in fields.items()}


def week_form(rows, initial=0, starts_on="02/12/2026"):
    data = {
        "starts_on": starts_on,
        "items-TOTAL_FORMS": str(len(rows)),
        "items-INITIAL_FORMS": str(initial),
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
    }
    for row in rows:
        data.update(row)
    return data


def test_the_office_drafts_a_week_with_its_items(client, office):
    client.force_login(office)
    response = client.post(f"{CHANGELIST}add/", week_form([item_form(0), item_form(1, start="14:00", end="16:30")]))
    assert response.status_code == 302, response.content.decode()[:3000]
    week = Week.objects.get()
    assert (week.starts_on, week.status) == (MONDAY, WeekStatus.DRAFT), "any day names its Monday; a draft"
    assert week.items.count() == 2 and not week.items.exclude(mark="").exists()
    html = client.get(f"{CHANGELIST}{week.pk}/change/").content.decode()
    assert "Đăng lịch tuần này" not in html, "the office does not publish"


def test_an_end_before_its_start_is_shown_in_the_form(client, office):
    client.force_login(office)
    response = client.post(f"{CHANGELIST}add/", week_form([item_form(0, start="14:00", end="13:00")]))
    assert response.status_code == 200
    assert "Giờ kết thúc phải sau giờ bắt đầu." in response.content.decode()
    assert not Week.objects.exists()


def test_an_item_outside_its_week_is_shown_in_the_form(client, office):
    client.force_login(office)
    response = client.post(f"{CHANGELIST}add/", week_form([item_form(0, date="08/12/2026")]))
    assert response.status_code == 200
    assert "Ngày phải nằm trong tuần, từ 30/11/2026 đến 06/12/2026." in response.content.decode()


def test_the_office_cannot_publish(client, office):
    week = make_week(MONDAY, published=False)
    client.force_login(office)
    client.post(CHANGELIST, {"action": "publish", "_selected_action": [week.pk]})
    assert Week.objects.get().status == WeekStatus.DRAFT
    assert 'value="publish"' not in client.get(CHANGELIST).content.decode()
    assert client.post(f"{CHANGELIST}{week.pk}/publish/").status_code == 403
    assert Week.objects.get().status == WeekStatus.DRAFT


def test_a_reviewer_publishes_and_unpublishes_with_the_action(client, reviewer):
    week = make_week(MONDAY, published=False)
    client.force_login(reviewer)
    response = client.post(CHANGELIST, {"action": "publish", "_selected_action": [week.pk]}, follow=True)
    assert "đã được đăng" in response.content.decode()
    week.refresh_from_db()
    assert (week.status, week.published_at, week.published_by) == (WeekStatus.PUBLISHED, NOW, reviewer)
    client.post(CHANGELIST, {"action": "unpublish", "_selected_action": [week.pk]})
    assert Week.objects.get().status == WeekStatus.DRAFT


def test_a_reviewer_publishes_with_the_change_forms_button(client, reviewer):
    week = make_week(MONDAY, published=False)
    client.force_login(reviewer)
    html = client.get(f"{CHANGELIST}{week.pk}/change/").content.decode()
    assert f'formaction="/admin/schedule/week/{week.pk}/publish/"' in html and "Đăng lịch tuần này" in html
    assert client.get(f"{CHANGELIST}{week.pk}/publish/").status_code == 405, "only a POST publishes"
    response = client.post(f"{CHANGELIST}{week.pk}/publish/")
    assert response.status_code == 302 and response["Location"] == f"{CHANGELIST}{week.pk}/change/"
    assert Week.objects.get().status == WeekStatus.PUBLISHED
    html = client.get(f"{CHANGELIST}{week.pk}/change/").content.decode()
    assert "Thôi đăng lịch tuần này" in html
    client.post(f"{CHANGELIST}{week.pk}/unpublish/")
    assert Week.objects.get().status == WeekStatus.DRAFT


def test_the_office_copies_a_week_to_next_weeks_draft(client, office):
    week = make_week(MONDAY, items=[(MONDAY, "07:30", "Giao ban"), (MONDAY + timedelta(2), "08:00", "Tiếp công dân")])
    client.force_login(office)
    response = client.post(CHANGELIST, {"action": "copy_to_next_week", "_selected_action": [week.pk]}, follow=True)
    assert "Đã soạn Tuần 50 (07/12 – 13/12/2026) từ lịch tuần trước." in response.content.decode()
    following = Week.objects.get(starts_on=MONDAY + timedelta(7))
    assert following.status == WeekStatus.DRAFT
    assert list(following.items.values_list("date", "content")) == [
        (MONDAY + timedelta(7), "Giao ban"),
        (MONDAY + timedelta(9), "Tiếp công dân"),
    ]
    response = client.post(CHANGELIST, {"action": "copy_to_next_week", "_selected_action": [week.pk]}, follow=True)
    assert "Lịch công tác Tuần 50 (07/12 – 13/12/2026) đã có." in response.content.decode()
    assert Week.objects.count() == 2


def test_editing_a_published_week_marks_the_changes(client, office):
    week = make_week(MONDAY, items=[(MONDAY, "07:30", "Giao ban"), (MONDAY + timedelta(1), "08:00", "Họp UBND")])
    first, second = week.items.all()
    client.force_login(office)
    rows = [
        item_form(0, first),
        item_form(1, second, start="09:00"),
        item_form(2, content="Kiểm tra cơ sở bảo trợ xã hội", date="03/12/2026"),
    ]
    rows[0]["items-0-DELETE"] = "on"
    response = client.post(f"{CHANGELIST}{week.pk}/change/", week_form(rows, initial=2, starts_on="30/11/2026"))
    assert response.status_code == 302, response.content.decode()[:3000]
    marks = dict(Item.objects.values_list("content", "mark"))
    assert marks == {
        "Giao ban": ItemMark.CANCELLED,
        "Họp UBND": ItemMark.CHANGED,
        "Kiểm tra cơ sở bảo trợ xã hội": ItemMark.ADDED,
    }
    assert set(Item.objects.values_list("marked_at", flat=True)) == {NOW}


def test_a_published_week_is_not_deleted(client, office):
    week = make_week(MONDAY)
    client.force_login(office)
    assert client.get(f"{CHANGELIST}{week.pk}/delete/").status_code == 403
    draft = make_week(MONDAY + timedelta(7), published=False)
    assert client.post(f"{CHANGELIST}{draft.pk}/delete/", {"post": "yes"}).status_code == 302
    assert list(Week.objects.all()) == [week]


def test_the_groups_hold_what_the_migration_granted(office, reviewer, editor):
    assert office.has_perms(["schedule.add_week", "schedule.change_week", "schedule.add_item", "schedule.delete_item"])
    assert not office.has_perm("schedule.publish_week")
    assert reviewer.has_perm("schedule.publish_week") and reviewer.has_perm("schedule.view_week")
    assert not editor.has_module_perms("schedule")
