"""The dashboard's figures, read from the rollups and from one pass over the pending dossiers,
equal what counting the dossiers themselves gives: for each period kind and each filter.

The dashboard sums the channels in the database and counts the pending dossiers once per
procedure (dashboard.build); here every figure is counted again from the dossiers: the period's
figures with counting.tally (the raw count), the pending ones row by row.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from procedures import counting
from procedures.models import PENDING_STATUSES, Channel, Dossier, DossierStatus, Level

from .factories import make_procedure, make_sector

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=LOCAL)
PERIODS = [
    {},  # this year, pending counted as of now
    {"ky": "quy", "nam": 2026, "quy": 1},  # under way: as of now
    {"ky": "thang", "nam": 2026, "thang": 1},  # closed: as of 31/01 23:59:59
    {"ky": "khoang", "tu-ngay": "2025-12-15", "den-ngay": "2026-02-14"},  # ragged ends, across a year
]


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def catalogue():
    work, merit, social = make_sector("Việc làm", 1), make_sector("Người có công", 2), make_sector("Bảo trợ xã hội", 3)
    return [
        make_procedure("1.000001", "Trợ cấp thất nghiệp", work, 5),
        make_procedure("1.000002", "Hỗ trợ học nghề", work, 8, level=Level.DISTRICT),
        make_procedure("1.000011", "Giấy giới thiệu thăm viếng mộ liệt sĩ", merit, 1),
        make_procedure("1.000021", "Trợ cấp xã hội hằng tháng", social, 10, level=Level.COMMUNE),
        make_procedure("1.000022", "Hỗ trợ mai táng phí", social, 3, level=Level.DISTRICT),
    ]


@pytest.fixture
def dossiers(catalogue):
    """150 dossiers received from November 2025 to just before now, of every channel and status."""
    rng = random.Random(12)
    start = datetime(2025, 11, 1, 7, 0, tzinfo=LOCAL)
    span = (NOW - timedelta(hours=1) - start).total_seconds()
    for number in range(150):
        received = start + timedelta(seconds=int(rng.random() * span))
        due = received + timedelta(hours=rng.randint(4, 24 * 20))
        status = rng.choice(list(DossierStatus))
        result = received + timedelta(hours=rng.randint(1, 24 * 25)) if status not in PENDING_STATUSES else None
        if result is not None and result > NOW:
            status, result = DossierStatus.PROCESSING, None
        Dossier.objects.create(
            code=f"HS-{number:03d}",
            procedure=rng.choice(catalogue),
            channel=rng.choice(list(Channel)),
            received_at=received,
            due_at=due,
            result_at=result,
            status=status,
        )
    return catalogue


def filters(catalogue):
    return [
        {},
        {"linh-vuc": catalogue[0].sector_id},
        {"thu-tuc": catalogue[3].pk},
        {"kenh": Channel.IN_PERSON},
        {"cap": Level.DISTRICT},
    ]


def matching(query):
    dossiers = Dossier.objects.select_related("procedure__sector")
    if "linh-vuc" in query:
        dossiers = dossiers.filter(procedure__sector=query["linh-vuc"])
    if "thu-tuc" in query:
        dossiers = dossiers.filter(procedure=query["thu-tuc"])
    if "kenh" in query:
        dossiers = dossiers.filter(channel=query["kenh"])
    if "cap" in query:
        dossiers = dossiers.filter(procedure__level=query["cap"])
    return dossiers


def pending_by_rule(dossiers, moment):
    """(within, overdue, {field name: overdue}) of the dossiers pending at `moment`, row by row."""
    within, overdue, by_field = 0, 0, {}
    for dossier in dossiers:
        if dossier.received_at <= moment and (dossier.result_at is None or dossier.result_at > moment):
            if dossier.due_at >= moment:
                within += 1
            else:
                overdue += 1
                name = dossier.procedure.sector.name
                by_field[name] = by_field.get(name, 0) + 1
    return within, overdue, by_field


def months_of(first, last):
    month = first.replace(day=1)
    while month <= last:
        yield month
        month = (month + timedelta(days=32)).replace(day=1)


def test_dashboard_figures_equal_counting_the_dossiers(leader, dossiers):
    client = Client()
    client.force_login(leader)
    checked_pending = set()
    for period in PERIODS:
        for query in filters(dossiers):
            context = client.get(DASHBOARD, {**period, **query}).context
            view = context["view"]
            first, last = view.period.first, view.period.last
            subset = matching(query)
            where = (period, query)

            assert view.figures == counting.tally(subset, first, last), where
            online = counting.tally(subset.filter(channel=Channel.ONLINE), first, last).received
            assert view.online_received == online, where

            by_field = {name: figures for name, figures in view.by_field}
            for procedure in dossiers:
                name = procedure.sector.name
                raw = counting.tally(subset.filter(procedure__sector=procedure.sector), first, last)
                assert by_field.get(name, counting.Figures()) == raw, (where, name)
            by_procedure = {code: figures for code, _name, figures in view.by_procedure}
            for procedure in dossiers:
                raw = counting.tally(subset.filter(procedure=procedure), first, last)
                assert by_procedure.get(procedure.code, counting.Figures()) == raw, (where, procedure.code)

            chart = context["monthly_chart"]
            shown = {label: (received, resolved) for label, received, resolved in chart["points"]}
            for month in months_of(first, last):
                end = min(last, (month + timedelta(days=32)).replace(day=1) - timedelta(days=1))
                raw = counting.tally(subset, max(first, month), end)
                assert shown.get(f"{month:%m/%Y}", (0, 0)) == (raw.received, raw.resolved), (where, month)

            within, overdue, overdue_by_field = pending_by_rule(subset, view.pending_at)
            assert (view.pending.within, view.pending.overdue) == (within, overdue), where
            assert view.overdue_by_field == overdue_by_field, where
            checked_pending.add((view.pending_is_now, within > 0, overdue > 0))
    # Both ways of counting the pending dossiers (as of now, as of a period's end) were checked with some.
    assert {(True, True, True), (False, True, True)} <= checked_pending
