from datetime import time

from django.utils import timezone

from schedule.models import Item, Week, WeekStatus


def make_week(monday, published=True, items=()):
    """A week and its items; `items` as (date, start "HH:MM", content) triples, made before publication."""
    week = Week.objects.create(starts_on=monday)
    for day, start, content in items:
        make_item(week, day, start, content)
    if published:
        Week.objects.filter(pk=week.pk).update(status=WeekStatus.PUBLISHED, published_at=timezone.now())
        week.refresh_from_db()
    return week


def make_item(week, day, start, content, **fields):
    hours, minutes = map(int, start.split(":"))
    defaults = {"chair": "Đ/c Trần Văn Minh, Giám đốc Sở", "location": "Phòng họp tầng 3"}
    return Item.objects.create(week=week, date=day, start=time(hours, minutes), content=content, **defaults | fields)
