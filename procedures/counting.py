"""The counting rules, written once.

- Resolved: status "đã giải quyết".
- Early (trước hạn): resolved on an earlier calendar day (local time) than the due date.
- On time (đúng hạn): resolved no later than the due time; includes the early ones.
- Late (trễ hạn): resolved after the due time.
- Returned and withdrawn dossiers are counted apart and are not resolved.
- Pending: being processed or awaiting documents; overdue once the due time has passed.
- Percentages are of resolved, rounded half up to whole numbers; None ("—") when nothing is resolved.

Received dossiers are counted by the day they were received; the outcomes by
the day of their result. The rollups (rollups.py) and the raw count below use
the same expressions, so they cannot disagree about a rule.
"""

import zoneinfo
from dataclasses import dataclass, fields
from datetime import datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.db.models.functions import TruncDate
from django.db.models.lookups import LessThan
from django.utils import timezone

from .models import PENDING_STATUSES, DossierStatus

LOCAL_TZ = zoneinfo.ZoneInfo(settings.TIME_ZONE)


def local_day(field_name):
    """The calendar day of a timestamp column in the department's time zone."""
    return TruncDate(field_name, tzinfo=LOCAL_TZ)


RESOLVED = Q(status=DossierStatus.RESOLVED)
EARLY = RESOLVED & Q(LessThan(local_day("result_at"), local_day("due_at")))
ON_TIME = RESOLVED & Q(result_at__lte=F("due_at"))
LATE = RESOLVED & Q(result_at__gt=F("due_at"))
RETURNED = Q(status=DossierStatus.RETURNED)
WITHDRAWN = Q(status=DossierStatus.WITHDRAWN)
PENDING = Q(status__in=PENDING_STATUSES)


def outcome_aggregates():
    """Aggregates over dossiers whose result falls in a period (or a day)."""
    return {
        "resolved": Count("pk", filter=RESOLVED),
        "early": Count("pk", filter=EARLY),
        "on_time": Count("pk", filter=ON_TIME),
        "late": Count("pk", filter=LATE),
        "returned": Count("pk", filter=RETURNED),
        "withdrawn": Count("pk", filter=WITHDRAWN),
        "processing_time": Sum(
            ExpressionWrapper(F("result_at") - F("received_at"), output_field=DurationField()), filter=RESOLVED
        ),
    }


def percent(part, whole):
    if not whole:
        return None
    return int((Decimal(part) * 100 / Decimal(whole)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


@dataclass
class Figures:
    """What happened in a period: received in it, and results given in it."""

    received: int = 0
    resolved: int = 0
    early: int = 0
    on_time: int = 0
    late: int = 0
    returned: int = 0
    withdrawn: int = 0
    processing_seconds: int = 0

    @classmethod
    def from_row(cls, row):
        return cls(**{f.name: row.get(f.name) or 0 for f in fields(cls)})

    @property
    def early_percent(self):
        return percent(self.early, self.resolved)

    @property
    def on_time_percent(self):
        return percent(self.on_time, self.resolved)

    @property
    def late_percent(self):
        return percent(self.late, self.resolved)

    @property
    def average_processing_days(self):
        """Mean calendar days from receipt to result over resolved dossiers."""
        if not self.resolved:
            return None
        return round(self.processing_seconds / self.resolved / 86400, 1)


def seconds(duration):
    """A summed duration as whole seconds (None when nothing was summed)."""
    if duration is None:
        return 0
    if isinstance(duration, timedelta):
        return int(duration.total_seconds())
    # SQLite may hand back microseconds when the driver does not convert.
    return int(duration) // 1_000_000


def period_bounds(start, end):
    """Aware datetimes for the local days start..end inclusive: [start 00:00, end+1 00:00)."""
    first = timezone.make_aware(datetime.combine(start, time.min), LOCAL_TZ)
    after = timezone.make_aware(datetime.combine(end + timedelta(days=1), time.min), LOCAL_TZ)
    return first, after


def tally(dossiers, start, end):
    """Count raw dossiers for the local days start..end inclusive."""
    first, after = period_bounds(start, end)
    received = dossiers.filter(received_at__gte=first, received_at__lt=after).count()
    row = dossiers.filter(result_at__gte=first, result_at__lt=after).aggregate(**outcome_aggregates())
    row["processing_seconds"] = seconds(row.pop("processing_time"))
    return Figures.from_row({**row, "received": received})


# A moment taken earlier in the same request still counts as now (the fast, status-based count).
NOW_TOLERANCE = timedelta(minutes=1)


@dataclass
class Pending:
    within: int = 0
    overdue: int = 0

    @property
    def total(self):
        return self.within + self.overdue


def pending_at(dossiers, moment=None):
    """The dossiers pending at `moment` (default now): received by then and not finished by then.

    For now (or later) that is the pending statuses — the database reads only those rows (index on
    status, due_at); for a past moment, also the dossiers finished since."""
    now = timezone.now()
    moment = moment or now
    if moment >= now - NOW_TOLERANCE:
        return dossiers.filter(PENDING)
    return dossiers.filter(Q(result_at__isnull=True) | Q(result_at__gt=moment), received_at__lte=moment)


def overdue_at(dossiers, moment=None):
    """Pending at `moment` and past their due time then, the longest overdue first."""
    moment = moment or timezone.now()
    return pending_at(dossiers, moment).filter(due_at__lt=moment).order_by("due_at", "pk")


def with_days_overdue(dossiers, moment):
    """The dossiers as a list, each with its whole days overdue at `moment`."""
    dossiers = list(dossiers)
    for dossier in dossiers:
        dossier.days_overdue = (moment - dossier.due_at).days
    return dossiers


def pending(dossiers, now=None):
    """Pending dossiers as of `now` (default: now), within their deadline or overdue then."""
    now = now or timezone.now()
    # COUNT(due_at) (never null), not COUNT(id): the pk is not in the pending index, which alone then answers.
    row = pending_at(dossiers, now).aggregate(
        within=Count("due_at", filter=Q(due_at__gte=now)),
        overdue=Count("due_at", filter=Q(due_at__lt=now)),
    )
    return Pending(**row)


def pending_by_procedure(dossiers, now=None):
    """{procedure id: Pending} as of `now` (default: now), for every procedure with a dossier pending then.

    One pass over the pending dossiers gives the dashboard its totals and, through the procedures'
    fields, its overdue counts by field; procedure_id and due_at are in the pending index, so for
    now the database reads that index alone (with the table's visibility map up to date)."""
    now = now or timezone.now()
    rows = (
        pending_at(dossiers, now)
        .order_by()
        .values("procedure_id")
        .annotate(within=Count("due_at", filter=Q(due_at__gte=now)), overdue=Count("due_at", filter=Q(due_at__lt=now)))
    )
    return {row["procedure_id"]: Pending(within=row["within"], overdue=row["overdue"]) for row in rows}


def end_of(last):
    """The last moment of the local day `last`, for figures "as of the end of a period"."""
    return period_bounds(last, last)[1] - timedelta(microseconds=1)


def pending_moment(period, now=None):
    """(moment, is now): a past period is counted as of its last moment, the current one as of now."""
    now = now or timezone.now()
    end = end_of(period.last)
    return (end, False) if end < now else (now, True)
