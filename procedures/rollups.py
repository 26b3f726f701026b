"""Daily and monthly rollups: what the widget, the statistics page and the dashboard read.

Every change to dossiers ends in refresh(days) — saves and deletes through
signals.py, imports through importing.py — which recounts those local days
from the raw dossiers with the rules in counting.py, then sums their months
again from the days. Reports read whole months from the monthly rows and the
ragged ends of a period from the daily ones. rebuild() recounts
everything, for after a bulk change made behind the application's back.
"""

from datetime import timedelta

from django.db import connection, transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.functions import TruncMonth
from django.utils import timezone

from .counting import Figures, local_day, outcome_aggregates, period_bounds, seconds
from .models import Channel, DailyRollup, Dossier, MonthlyRollup, Procedure

COUNTS = ("received", "resolved", "early", "on_time", "late", "returned", "withdrawn", "processing_seconds")
# Days this close together are recounted as one span: fewer, larger queries.
MERGE_GAP = timedelta(days=7)
# Rebuilds go a month at a time so memory stays flat with millions of dossiers.
REBUILD_SPAN = timedelta(days=31)
# Any constant shared by every process: the key of the PostgreSQL advisory lock.
LOCK_KEY = 8_431_907


def days_of(received_at, result_at):
    """The local days whose rollups a dossier with these timestamps counts in."""
    return {timezone.localtime(moment).date() for moment in (received_at, result_at) if moment}


def spans(days):
    """Sorted days grouped into (first, last) spans, merging small gaps."""
    result = []
    for day in sorted(set(days)):
        if result and day - result[-1][1] <= MERGE_GAP:
            result[-1][1] = day
        else:
            result.append([day, day])
    return [tuple(span) for span in result]


def refresh(days):
    """Recount the rollups of these local days from the raw dossiers."""
    days = set(days)
    if not days:
        return
    with transaction.atomic():
        _serialize()
        for first, last in spans(days):
            _recount(first, last)
        _sum_months({day.replace(day=1) for day in days})


def rebuild():
    """Recount every rollup from scratch; returns the number of rows written."""
    with transaction.atomic():
        _serialize()
        DailyRollup.objects.all().delete()
        MonthlyRollup.objects.all().delete()
        bounds = Dossier.objects.aggregate(
            first=Min("received_at"), last=Max("result_at"), last_received=Max("received_at")
        )
        written = 0
        if bounds["first"] is not None:
            day = timezone.localtime(bounds["first"]).date()
            last = max(
                timezone.localtime(moment).date() for moment in (bounds["last"], bounds["last_received"]) if moment
            )
            while day <= last:
                span_end = min(day + REBUILD_SPAN, last)
                written += _recount(day, span_end)
                day = span_end + timedelta(days=1)
        _sum_months(DailyRollup.objects.dates("day", "month"))
    return written


def follow_calendar(days):
    """After a change of the calendar on these local days: count again the computed due
    dates that could run through one of them, store those that moved and recount their
    days. Due dates given in a file or typed by an official are left as they are.
    Returns the number of dossiers whose due date moved."""
    from .workdays import Calendar

    days = set(days)
    if not days:
        return 0
    reaches = Q()
    for day in days:
        start, after = period_bounds(day, day)
        # Counting runs from the day of receipt to the due day: only those spans can cross `day`.
        reaches |= Q(received_at__lt=after, due_at__gte=start)
    calendar = Calendar.load()
    moved = []
    candidates = (
        Dossier.objects.filter(reaches, due_computed=True)
        .select_related("procedure")
        .only("pk", "received_at", "due_at", "result_at", "procedure__processing_days")
    )
    for dossier in candidates.iterator(chunk_size=2000):
        due_at = calendar.due_at(dossier.received_at, dossier.procedure.processing_days)
        if due_at != dossier.due_at:
            dossier.due_at = due_at
            moved.append(dossier)
    with transaction.atomic():
        Dossier.objects.bulk_update(moved, ["due_at"], batch_size=500)
        refresh(set().union(*(days_of(dossier.received_at, dossier.result_at) for dossier in moved)))
    return len(moved)


def _serialize():
    """Two refreshes of the same day must not interleave their delete and insert."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])


def _recount(first, last):
    start, after = period_bounds(first, last)
    now = timezone.now()
    rows = {}

    def row(key):
        if key not in rows:
            rows[key] = DailyRollup(day=key[0], procedure_id=key[1], channel=key[2], computed_at=now)
        return rows[key]

    DailyRollup.objects.filter(day__gte=first, day__lte=last).delete()
    received = (
        Dossier.objects.filter(received_at__gte=start, received_at__lt=after)
        .values("procedure_id", "channel", day=local_day("received_at"))
        .annotate(received=Count("pk"))
        .order_by()
    )
    for item in received:
        row((item["day"], item["procedure_id"], item["channel"])).received = item["received"]
    outcomes = (
        Dossier.objects.filter(result_at__gte=start, result_at__lt=after)
        .values("procedure_id", "channel", day=local_day("result_at"))
        .annotate(**outcome_aggregates())
        .order_by()
    )
    for item in outcomes:
        target = row((item["day"], item["procedure_id"], item["channel"]))
        for name in ("resolved", "early", "on_time", "late", "returned", "withdrawn"):
            setattr(target, name, item[name])
        target.processing_seconds = seconds(item["processing_time"])
    DailyRollup.objects.bulk_create(rows.values(), batch_size=2000)
    return len(rows)


def _sum_months(months):
    """Monthly rows are sums of the daily ones, so they can never disagree with them."""
    now = timezone.now()
    for month in sorted(months):
        MonthlyRollup.objects.filter(month=month).delete()
        sums = (
            DailyRollup.objects.filter(day__gte=month, day__lt=next_month(month))
            .values("procedure_id", "channel")
            .annotate(**{name: Sum(name) for name in COUNTS})
            .order_by()
        )
        MonthlyRollup.objects.bulk_create(
            [MonthlyRollup(month=month, computed_at=now, **row) for row in sums], batch_size=2000
        )


def next_month(day):
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


def split(first, last):
    """The whole months within first..last, as (first month, month after the last), or None;
    plus the leftover day ranges before and after them."""
    start = first if first.day == 1 else next_month(first)
    end = next_month(last) if next_month(last) - timedelta(days=1) == last else last.replace(day=1)
    if start >= end:
        return None, [(first, last)]
    edges = [(first, start - timedelta(days=1)), (end, last)]
    return (start, end), [(a, b) for a, b in edges if a <= b]


# --- Reading -------------------------------------------------------------------


def figures(rollups, first, last):
    """Summed figures for the local days first..last, and when they were computed."""
    row = rollups.filter(day__gte=first, day__lte=last).aggregate(
        **{name: Sum(name) for name in COUNTS}, computed_at=Max("computed_at")
    )
    return Figures.from_row(row), row["computed_at"]


def carried_over(daily, monthly, first):
    """Dossiers received before `first` and still without a result on that day."""
    names = ("received", "resolved", "returned", "withdrawn")
    month = first.replace(day=1)
    totals = {name: 0 for name in names}
    for rows in (monthly.filter(month__lt=month), daily.filter(day__gte=month, day__lt=first)):
        row = rows.aggregate(**{name: Sum(name) for name in names})
        for name in names:
            totals[name] += row[name] or 0
    return totals["received"] - totals["resolved"] - totals["returned"] - totals["withdrawn"]


class Breakdown:
    """A period's rollups read in one pass, summed per month and procedure.

    Pages that show a total, a table by field or procedure and a monthly chart
    take them all from here, so the database scans the period once. The channels
    are summed by the database (a third of the rows to bring back and add up);
    of them only the dossiers received online are counted apart, for the dashboard.
    """

    GROUP = ("month", "procedure_id")

    def __init__(self, daily, monthly, first, last):
        """daily and monthly: DailyRollup and MonthlyRollup querysets, filtered alike."""
        # Named apart from the sums: an annotation named "received" would hide the column.
        sums = {"online_received": Sum("received", filter=Q(channel=Channel.ONLINE))}
        sums.update({name: Sum(name) for name in COUNTS})
        months, edges = split(first, last)
        self.rows = []
        if months:
            self.rows += list(
                monthly.filter(month__gte=months[0], month__lt=months[1])
                .values(*self.GROUP)
                .annotate(**sums, computed_at=Max("computed_at"))
                .order_by()
            )
        for edge_first, edge_last in edges:
            self.rows += list(
                daily.filter(day__gte=edge_first, day__lte=edge_last)
                .annotate(month=TruncMonth("day"))
                .values(*self.GROUP)
                .annotate(**sums, computed_at=Max("computed_at"))
                .order_by()
            )
        # Grouped by ids (cheap), then named from the small catalogue.
        names = {
            item["id"]: item
            for item in Procedure.objects.filter(id__in={row["procedure_id"] for row in self.rows}).values(
                "id", "code", "name", "sector__name"
            )
        }
        for row in self.rows:
            procedure = names[row["procedure_id"]]
            row["procedure__code"] = procedure["code"]
            row["procedure__name"] = procedure["name"]
            row["procedure__sector__name"] = procedure["sector__name"]

    @property
    def computed_at(self):
        return max((row["computed_at"] for row in self.rows), default=None)

    def total(self):
        return self._sum(self.rows)

    def online_received(self):
        """Dossiers received online in the period."""
        return sum(row["online_received"] or 0 for row in self.rows)

    def by(self, *keys):
        """[(values of keys, Figures)] sorted by the keys, e.g. by("procedure__sector__name")."""
        groups = {}
        for row in self.rows:
            groups.setdefault(tuple(row[key] for key in keys), []).append(row)
        return [(dict(zip(keys, values)), self._sum(rows)) for values, rows in sorted(groups.items())]

    @staticmethod
    def _sum(rows):
        return Figures.from_row({name: sum(row[name] or 0 for row in rows) for name in COUNTS})
