"""The demo's schedule is this week's and last week's whatever day the demo is first loaded."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from schedule.models import Item, ItemMark, Week, WeekStatus, monday_of

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")

FIRST_RUN_MOMENTS = [
    datetime(2026, 11, 30, 0, 0, tzinfo=LOCAL),  # the moment the fixture was written as of
    datetime(2026, 12, 1, 9, 30, tzinfo=LOCAL),
    datetime(2027, 1, 3, 23, 59, tzinfo=LOCAL),  # the Sunday of 2026's week 53
    datetime(2027, 1, 4, 0, 0, tzinfo=LOCAL),
    datetime(2028, 2, 29, 12, 0, tzinfo=LOCAL),
]


@pytest.fixture(params=FIRST_RUN_MOMENTS, ids=lambda moment: f"{moment:%Y-%m-%d-%H%M}")
def first_run(request, settings, tmp_path):
    settings.VAR_DIR = tmp_path / "var"
    settings.MEDIA_ROOT = tmp_path / "media"
    with time_machine.travel(request.param, tick=False):
        call_command("setup_demo", verbosity=0)
        yield request.param


def test_the_demo_shows_this_weeks_published_schedule(first_run):
    now = timezone.now()
    this_monday = monday_of(timezone.localdate())
    weeks = list(Week.objects.order_by("starts_on"))
    assert [week.starts_on for week in weeks] == [this_monday - timedelta(7), this_monday]
    assert all(week.status == WeekStatus.PUBLISHED and week.published_at <= now for week in weeks)
    for week in weeks:
        assert 8 <= week.items.count() <= 12
        assert all(week.holds(day) for day in week.items.values_list("date", flat=True))
    changed = Item.objects.get(mark=ItemMark.CHANGED)
    assert changed.week == weeks[1] and changed.marked_at <= now
    assert not Item.objects.filter(marked_at__gt=now).exists()
    html = Client().get("/lich-cong-tac/").content.decode()
    assert "Giao ban Lãnh đạo Sở đầu tuần" in html and "Điều chỉnh lúc" in html
    assert 'aria-current="date"' in html or timezone.localdate().weekday() >= 5
