"""The rules of a week and its items: ISO numbering, copying, and what publication makes visible."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from schedule.models import Item, ItemMark, Session, Week, WeekStatus, monday_of_iso_week, next_midnight

from .factories import make_item, make_week

pytestmark = pytest.mark.django_db

MONDAY = date(2026, 11, 30)  # ISO 2026-W49
NOW = datetime(2026, 12, 1, 9, 30, tzinfo=timezone.get_fixed_timezone(7 * 60))


@pytest.mark.parametrize(
    "day, year, number, monday",
    [
        (date(2026, 12, 1), 2026, 49, MONDAY),
        (date(2026, 12, 31), 2026, 53, date(2026, 12, 28)),  # 2026 has 53 ISO weeks
        (date(2027, 1, 3), 2026, 53, date(2026, 12, 28)),  # a Sunday of January still in 2026's week 53
        (date(2027, 1, 4), 2027, 1, date(2027, 1, 4)),
        (date(2024, 12, 30), 2025, 1, date(2024, 12, 30)),  # a December Monday opening the next ISO year
        (date(2028, 2, 29), 2028, 9, date(2028, 2, 28)),
    ],
)
def test_a_week_is_numbered_by_iso_year_and_week(day, year, number, monday):
    week = Week.for_date(day)
    assert (week.iso_year, week.number, week.first_day, week.last_day) == (year, number, monday, monday + timedelta(6))
    assert monday_of_iso_week(year, number) == monday
    assert week.get_absolute_url() == f"/lich-cong-tac/{year}/tuan-{number}/"


@pytest.mark.parametrize("year, number", [(2025, 53), (2026, 54), (2026, 0), (10000, 1), (0, 1)])
def test_a_week_that_does_not_exist_has_no_monday(year, number):
    with pytest.raises(ValueError):
        monday_of_iso_week(year, number)


def test_for_date_finds_the_stored_week_or_a_new_draft():
    stored = make_week(MONDAY)
    assert Week.for_date(date(2026, 12, 6)) == stored
    fresh = Week.for_date(date(2026, 12, 7))
    assert fresh.pk is None and fresh.starts_on == date(2026, 12, 7) and fresh.status == WeekStatus.DRAFT


def test_any_day_names_its_week_and_a_week_is_stored_once():
    week = Week(starts_on=date(2026, 12, 3))
    week.full_clean()
    assert week.starts_on == MONDAY
    week.save()
    again = Week(starts_on=date(2026, 12, 5))
    with pytest.raises(ValidationError) as error:
        again.full_clean()
    assert "starts_on" in error.value.message_dict
    with pytest.raises(IntegrityError):
        Week.objects.create(starts_on=MONDAY)


def test_an_end_before_its_start_is_refused_in_vietnamese():
    week = make_week(MONDAY, published=False)
    for end in (time(7, 59), time(8, 0)):
        item = Item(week=week, date=MONDAY, start=time(8, 0), end=end, content="Giao ban", chair="Giám đốc Sở")
        with pytest.raises(ValidationError) as error:
            item.full_clean()
        assert error.value.message_dict["end"] == ["Giờ kết thúc phải sau giờ bắt đầu."]
    Item(week=week, date=MONDAY, start=time(8, 0), end=time(8, 1), content="Giao ban", chair="Giám đốc Sở").full_clean()


def test_an_item_is_dated_within_its_week():
    week = make_week(MONDAY, published=False)
    for day in (MONDAY - timedelta(1), MONDAY + timedelta(7)):
        with pytest.raises(ValidationError) as error:
            Item(week=week, date=day, start=time(8, 0), content="Giao ban", chair="Giám đốc Sở").full_clean()
        assert error.value.message_dict["date"] == ["Ngày phải nằm trong tuần, từ 30/11/2026 đến 06/12/2026."]
    for day in (MONDAY, MONDAY + timedelta(6)):
        Item(week=week, date=day, start=time(8, 0), content="Giao ban", chair="Giám đốc Sở").full_clean()


def test_the_session_follows_the_start_time():
    week = make_week(MONDAY, published=False)
    assert make_item(week, MONDAY, "11:59", "Họp").session == Session.MORNING
    assert make_item(week, MONDAY, "12:00", "Họp").session == Session.AFTERNOON


def test_a_week_is_copied_from_the_previous_one_a_week_later_as_an_unmarked_draft():
    with time_machine.travel(NOW, tick=False):
        previous = make_week(MONDAY - timedelta(7), items=[(MONDAY - timedelta(7), "07:30", "Giao ban")])
        make_item(previous, MONDAY - timedelta(5), "14:00", "Tiếp công dân", end=time(16, 0), attendees="Thanh tra Sở")
        make_item(previous, MONDAY - timedelta(4), "08:00", "Họp đã hủy").delete()  # published: kept, cancelled
        assert previous.items.get(content="Tiếp công dân").mark == ItemMark.ADDED
        week = Week.objects.create(starts_on=MONDAY)
        assert week.copy_from_previous() == 2
    copied = list(week.items.values_list("date", "start", "end", "content", "attendees", "mark", "marked_at"))
    assert copied == [
        (MONDAY, time(7, 30), None, "Giao ban", "", "", None),
        (MONDAY + timedelta(2), time(14, 0), time(16, 0), "Tiếp công dân", "Thanh tra Sở", "", None),
    ]
    assert week.status == WeekStatus.DRAFT
    assert previous.items.count() == 3, "the previous week is left as it was"


def test_copying_needs_a_previous_week_and_an_empty_draft():
    week = Week.objects.create(starts_on=MONDAY)
    with pytest.raises(ValidationError, match="Không có lịch công tác của tuần trước"):
        week.copy_from_previous()
    make_week(MONDAY - timedelta(7), items=[(MONDAY - timedelta(7), "07:30", "Giao ban")])
    make_item(week, MONDAY, "08:00", "Đã có")
    with pytest.raises(ValidationError, match="đã có nội dung"):
        week.copy_from_previous()
    published = make_week(MONDAY + timedelta(7))
    with pytest.raises(ValidationError, match="Chỉ tuần đang soạn thảo"):
        published.copy_from_previous()


def test_next_weeks_draft_is_made_from_a_week_once():
    week = make_week(MONDAY, items=[(MONDAY, "07:30", "Giao ban"), (MONDAY + timedelta(4), "14:00", "Họp")])
    following = Week.draft_after(week)
    assert following.starts_on == MONDAY + timedelta(7) and following.status == WeekStatus.DRAFT
    assert list(following.items.values_list("date", flat=True)) == [MONDAY + timedelta(7), MONDAY + timedelta(11)]
    with pytest.raises(ValidationError, match="đã có"):
        Week.draft_after(week)


def test_changes_after_publication_are_marked_with_their_time():
    with time_machine.travel(NOW, tick=False) as clock:
        week = make_week(MONDAY, items=[(MONDAY, "07:30", "Giao ban"), (MONDAY, "14:00", "Tiếp công dân")])
        unchanged, changed = week.items.all()
        unchanged.save()
        assert (unchanged.mark, unchanged.marked_at) == ("", None), "a save without a change marks nothing"
        clock.shift(60)
        changed.start = time(15, 0)
        changed.save()
        added = make_item(week, MONDAY + timedelta(1), "08:00", "Kiểm tra cơ sở bảo trợ xã hội")
        clock.shift(60)
        added.location = "Huyện Bắc Sơn"
        added.save()
        unchanged.delete()
    changed.refresh_from_db()
    assert (changed.mark, changed.marked_at) == (ItemMark.CHANGED, NOW + timedelta(seconds=60))
    added.refresh_from_db()
    assert (added.mark, added.marked_at) == (ItemMark.ADDED, NOW + timedelta(seconds=120)), "added stays added"
    unchanged.refresh_from_db()
    assert (unchanged.mark, unchanged.marked_at) == (ItemMark.CANCELLED, NOW + timedelta(seconds=120))


def test_changes_while_unpublished_are_marked_once_the_public_has_seen_the_week(reviewer):
    week = make_week(MONDAY, items=[(MONDAY, "07:30", "Giao ban"), (MONDAY, "14:00", "Họp")])
    week.unpublish()
    with time_machine.travel(NOW, tick=False):
        changed, cancelled = week.items.all()
        changed.start = time(8, 0)
        changed.save()
        cancelled.delete()
    assert dict(week.items.values_list("content", "mark")) == {"Giao ban": ItemMark.CHANGED, "Họp": ItemMark.CANCELLED}


def test_a_draft_is_changed_and_deleted_without_marks():
    week = make_week(MONDAY, published=False, items=[(MONDAY, "07:30", "Giao ban")])
    item = week.items.get()
    item.content = "Giao ban đầu tuần"
    item.save()
    item.refresh_from_db()
    assert item.mark == ""
    item.delete()
    assert not Item.objects.exists()


def test_publishing_records_who_and_when(reviewer):
    week = make_week(MONDAY, published=False)
    with time_machine.travel(NOW, tick=False):
        week.publish(reviewer)
    week.refresh_from_db()
    assert (week.status, week.published_at, week.published_by) == (WeekStatus.PUBLISHED, NOW, reviewer)
    week.unpublish()
    assert Week.objects.get().status == WeekStatus.DRAFT


@pytest.mark.parametrize(
    "now, midnight",
    [
        (datetime(2026, 12, 6, 23, 59, 59), datetime(2026, 12, 7)),
        (datetime(2026, 12, 7, 0, 0), datetime(2026, 12, 8)),
        (datetime(2026, 12, 31, 12, 0), datetime(2027, 1, 1)),
    ],
)
def test_what_the_schedule_shows_changes_at_the_next_local_midnight(now, midnight):
    local = timezone.get_current_timezone()
    assert next_midnight(now.replace(tzinfo=local)) == midnight.replace(tzinfo=local)
