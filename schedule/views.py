from datetime import timedelta
from itertools import groupby

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dolisa_site import caching

from .models import WEEK, Item, ItemMark, Session, Week, WeekStatus, monday_of, monday_of_iso_week, week_url

REMAINING_ITEMS = 6


@require_safe
@caching.public_page(Week, Item)
def current_week(request):
    return _week_page(request, monday_of(timezone.localdate()))


@require_safe
@caching.public_page(Week, Item)
def week(request, year, number):
    try:
        monday = monday_of_iso_week(year, number)
    except ValueError:
        raise Http404(_("There is no week %(number)s in %(year)s.") % {"number": number, "year": year}) from None
    canonical = week_url(monday)
    if request.path != canonical:  # tuan-07 and tuan-7 are one page
        return redirect(canonical, permanent=True)
    return _week_page(request, monday)


def _week_page(request, monday):
    today = timezone.localdate()
    week = Week.for_date(monday)
    days = _days(monday, list(week.items.all()), today) if week.is_published else []
    current = monday_of(today)
    return render(
        request,
        "schedule/week.html",
        {
            "week": week,
            "days": days,
            "today": today,
            "is_current": monday == current,
            "previous_url": _neighbour_url(monday, -WEEK),
            "next_url": _neighbour_url(monday, WEEK),
            "current_url": None if monday == current else reverse("schedule:current"),
            "breadcrumbs": [(_("Weekly work schedule"), None)],
        },
    )


def _neighbour_url(monday, delta):
    try:
        neighbour = monday + delta
        monday_of_iso_week(*neighbour.isocalendar()[:2])
    except (OverflowError, ValueError):  # before year 1 or after 9999
        return None
    return week_url(neighbour)


def _days(monday, items, today):
    """Monday to Friday always (an empty day says so), the weekend only when something is on."""
    by_date = {day: list(rows) for day, rows in groupby(items, key=lambda item: item.date)}
    days = []
    for offset in range(7):
        day = monday + timedelta(days=offset)
        rows = by_date.get(day, [])
        if offset >= 5 and not rows:
            continue
        sessions = [(session.label, [item for item in rows if item.session == session]) for session in Session]
        days.append({"date": day, "is_today": day == today, "sessions": [pair for pair in sessions if pair[1]]})
    return days


def remaining_block(request):
    """The sidebar's list of the current week's items from today on (published weeks only)."""
    today = timezone.localdate()
    return (
        caching.cached("schedule:remaining", lambda: _remaining(today), shows=[Week, Item], vary=today.isoformat())
        or None
    )


def _remaining(today):
    items = list(
        Item.objects.filter(week__status=WeekStatus.PUBLISHED, week__starts_on=monday_of(today), date__gte=today)
        .exclude(mark=ItemMark.CANCELLED)
        .select_related("week")[:REMAINING_ITEMS]
    )
    if not items:
        return {}
    return {"schedule_items": items, "schedule_today": today, "schedule_url": items[0].week.get_absolute_url()}
