"""Pending figures are counted as of the period's last moment; for the current period, as of now."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import openpyxl
import pytest
import time_machine
from django.test import Client

from procedures import counting, periods
from procedures.models import Dossier, DossierStatus

from .factories import make_dossier, make_procedure

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"
# Long after the quarter: what is pending today differs from what was pending on 30/09/2026.
LATER = datetime(2026, 12, 1, 9, 0, tzinfo=LOCAL)


@pytest.fixture
def dossiers():
    procedure = make_procedure("1.000001", days=5)

    def dossier(code, received, due, result=None, status=DossierStatus.PROCESSING):
        return make_dossier(code, procedure, received=received, due=due, result=result, status=status)

    dossier("OVERDUE-THEN-RESOLVED", "01/09/2026 08:00", "10/09/2026 17:00", "05/10/2026 09:00", DossierStatus.RESOLVED)
    dossier("WITHIN-THEN-OVERDUE", "25/09/2026 08:00", "05/10/2026 17:00")
    dossier("RECEIVED-AFTER", "02/10/2026 08:00", "09/10/2026 17:00")
    dossier("FINISHED-BEFORE", "01/09/2026 08:00", "10/09/2026 17:00", "20/09/2026 10:00", DossierStatus.RESOLVED)
    dossier("WITHIN-THEN-RETURNED", "28/09/2026 08:00", "02/10/2026 17:00", "15/10/2026 10:00", DossierStatus.RETURNED)
    dossier("OVERDUE-STILL", "01/09/2026 08:00", "29/09/2026 17:00")
    dossier("DUE-THAT-EVENING", "30/09/2026 08:00", "30/09/2026 17:00", "30/09/2026 23:59", DossierStatus.RESOLVED)
    dossier("WITHIN-UNTIL-MIDNIGHT", "30/09/2026 08:00", "01/10/2026 00:00", "01/10/2026 08:00", DossierStatus.RESOLVED)
    dossier("OLD-2025", "01/12/2025 08:00", "08/12/2025 17:00", "01/02/2026 08:00", DossierStatus.RESOLVED)


def leader_view(leader, query):
    client = Client()
    client.force_login(leader)
    return client.get(DASHBOARD, query)


def by_rule(moment):
    """The rule, written out over every dossier: received by then, not finished by then, due after / before."""
    within = overdue = 0
    for dossier in Dossier.objects.all():
        if dossier.received_at <= moment and (dossier.result_at is None or dossier.result_at > moment):
            if dossier.due_at >= moment:
                within += 1
            else:
                overdue += 1
    return within, overdue


def test_the_quarter_ending_30_september_counts_pending_as_of_its_last_moment(leader, dossiers):
    with time_machine.travel(LATER, tick=False):
        response = leader_view(leader, {"ky": "quy", "nam": 2026, "quy": 3})
        view = response.context["view"]
        end = datetime(2026, 9, 30, 23, 59, 59, 999999, tzinfo=LOCAL)
        assert view.pending_at == end and not view.pending_is_now
        assert (view.pending.within, view.pending.overdue) == by_rule(end) == (3, 2)
        assert [dossier.code for dossier in view.overdue] == ["OVERDUE-THEN-RESOLVED", "OVERDUE-STILL"]
        assert [dossier.days_overdue for dossier in view.overdue] == [20, 1]
        html = response.content.decode()
        assert "tính đến cuối kỳ, 30/09/2026 23:59" in html
        # Today is another matter: what is still pending now.
        now = counting.pending(Dossier.objects.all())
        assert (now.within, now.overdue) == (0, 3) != (view.pending.within, view.pending.overdue)

        book = openpyxl.load_workbook(
            io.BytesIO(leader_view(leader, {"ky": "quy", "nam": 2026, "quy": 3, "xuat": "xlsx"}).content)
        )
        summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True)}
        assert summary["Đang giải quyết trong hạn"] == 3 and summary["Đang giải quyết quá hạn"] == 2
        assert summary["Thời điểm tính hồ sơ đang giải quyết"] == "tính đến cuối kỳ, 30/09/2026 23:59"
        overdue_sheet = book.worksheets[-1]
        assert [row[0] for row in overdue_sheet.iter_rows(min_row=2, values_only=True)] == [
            "OVERDUE-THEN-RESOLVED",
            "OVERDUE-STILL",
        ]


def test_a_year_without_dossiers_has_nothing_pending(leader, dossiers):
    with time_machine.travel(LATER, tick=False):
        view = leader_view(leader, {"ky": "nam", "nam": 2024}).context["view"]
        assert (view.pending.within, view.pending.overdue, view.overdue) == (0, 0, [])
        assert view.carried_over == 0 and view.figures.received == 0


def test_the_current_period_counts_as_of_now_and_says_so(leader, dossiers):
    with time_machine.travel(LATER, tick=False):
        response = leader_view(leader, {"ky": "quy", "nam": 2026, "quy": 4})
        view = response.context["view"]
        assert view.pending_is_now and view.pending_at == LATER
        assert (view.pending.within, view.pending.overdue) == by_rule(LATER) == (0, 3)
        assert "tính đến hiện tại" in response.content.decode()


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2026, 9, 10, 17, 0, tzinfo=LOCAL),
        datetime(2026, 10, 1, 0, 0, tzinfo=LOCAL),
        datetime(2025, 12, 31, tzinfo=LOCAL),
    ],
)
def test_pending_at_any_past_moment_follows_the_rule(dossiers, moment):
    with time_machine.travel(LATER, tick=False):
        figures = counting.pending(Dossier.objects.all(), moment)
        assert (figures.within, figures.overdue) == by_rule(moment)


def test_the_last_moment_of_a_period():
    with time_machine.travel(LATER, tick=False):
        moment, is_now = counting.pending_moment(periods.quarter(2026, 3))
        assert moment == datetime(2026, 9, 30, 23, 59, 59, 999999, tzinfo=LOCAL) and not is_now
        assert counting.pending_moment(periods.year(2026)) == (LATER, True)
