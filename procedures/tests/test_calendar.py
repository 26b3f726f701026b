"""The holiday calendar: national days as the baseline, the department's rows over them,
and computed due dates (and the counters) that follow every change at once."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from procedures import rollups
from procedures.importing import DossierImporter
from procedures.models import CalendarReview, DailyRollup, Dossier, DossierStatus, Holiday, ImportRun
from procedures.workdays import Calendar, national

from .factories import at, make_dossier, make_procedure

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
DASHBOARD = "/admin/procedures/dossier/bang-dieu-khien/"


def march(dossiers=None):
    return rollups.figures(DailyRollup.objects.all(), date(2026, 3, 1), date(2026, 3, 31))[0]


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


# --- The national baseline ------------------------------------------------------


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2026, 2, 16), False),  # Tết Bính Ngọ, a Monday
        (date(2026, 2, 20), False),  # mùng bốn Tết
        (date(2026, 4, 27), False),  # Giỗ Tổ falls on a Sunday: the Monday is off
        (date(2026, 9, 2), False),
        (date(2026, 8, 31), False),  # the bridge day the government announced ...
        (date(2026, 8, 22), True),  # ... worked on the Saturday before
        (date(2025, 4, 26), True),  # the 2025 swap for 2 May
        (date(2030, 2, 4), False),  # Tết Canh Tuất (2 Feb 2030 is New Year's Eve): any year has one
        (date(2026, 3, 10), True),
        (date(2026, 3, 7), False),  # an ordinary Saturday
    ],
)
def test_a_fresh_install_knows_the_national_calendar(day, working):
    assert not Holiday.objects.exists()
    assert Calendar.load().is_working_day(day) is working


def test_department_rows_take_precedence_over_the_national_calendar():
    Holiday.objects.create(date=date(2026, 3, 10), kind=Holiday.Kind.DAY_OFF, name="Ngày nghỉ của tỉnh")
    Holiday.objects.create(date=date(2026, 8, 31), kind=Holiday.Kind.ORDINARY, name="Tỉnh không nghỉ cầu")
    Holiday.objects.create(date=date(2026, 8, 22), kind=Holiday.Kind.ORDINARY, name="Không làm bù")
    Holiday.objects.create(date=date(2026, 3, 14), kind=Holiday.Kind.WORKING_DAY, name="Làm bù")
    Holiday.objects.create(date=date(2026, 2, 17), kind=Holiday.Kind.ORDINARY, name="Thử bỏ ngày Tết")
    calendar = Calendar.load()
    assert not calendar.is_working_day(date(2026, 3, 10))
    assert calendar.is_working_day(date(2026, 8, 31))
    assert not calendar.is_working_day(date(2026, 8, 22))  # ordinary Saturday again
    assert calendar.is_working_day(date(2026, 3, 14))
    assert calendar.is_working_day(date(2026, 2, 17))
    assert not calendar.is_working_day(date(2026, 2, 18))


def test_the_national_year_lists_days_off_and_swapped_working_days():
    year = national().year(2026)
    assert (date(2026, 2, 17), "Tết Nguyên Đán", True) in year
    assert (date(2026, 8, 22), "", False) in year


# --- Due dates follow the calendar -------------------------------------------


@pytest.fixture
def one_day():
    return make_procedure("1.000001", days=1)


def test_a_holiday_added_in_the_admin_moves_computed_due_dates_and_the_counters(one_stop_officer, one_day):
    computed = make_dossier(
        "A", one_day, received="02/03/2026 08:00", result="04/03/2026 10:00", status=DossierStatus.RESOLVED
    )
    given = make_dossier(
        "B",
        one_day,
        received="02/03/2026 08:00",
        due="03/03/2026 17:00",
        result="04/03/2026 10:00",
        status=DossierStatus.RESOLVED,
    )
    far = make_dossier("C", one_day, received="16/03/2026 08:00")  # counts over other days
    assert computed.due_at == at("03/03/2026 17:00") and computed.due_computed and not given.due_computed
    assert (march().on_time, march().late) == (0, 2)

    client = client_for(one_stop_officer)
    response = client.post(
        "/admin/procedures/holiday/add/", {"date": "03/03/2026", "kind": Holiday.Kind.DAY_OFF, "name": "Nghỉ đột xuất"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Dossier.objects.get(code="A").due_at == at("04/03/2026 17:00")
    assert Dossier.objects.get(code="B").due_at == at("03/03/2026 17:00"), "a given due date is the record"
    assert Dossier.objects.get(code="C").due_at == far.due_at
    assert (march().on_time, march().late) == (1, 1)

    holiday = Holiday.objects.get(date=date(2026, 3, 3))
    response = client.post(f"/admin/procedures/holiday/{holiday.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert Dossier.objects.get(code="A").due_at == at("03/03/2026 17:00")
    assert (march().on_time, march().late) == (0, 2)


def test_moving_a_holiday_recounts_both_days(one_day):
    make_dossier("A", one_day, received="02/03/2026 08:00")
    make_dossier("B", one_day, received="09/03/2026 08:00")
    holiday = Holiday.objects.create(date=date(2026, 3, 3), name="Nghỉ")
    assert Dossier.objects.get(code="A").due_at == at("04/03/2026 17:00")
    holiday.date = date(2026, 3, 10)
    holiday.save()
    assert Dossier.objects.get(code="A").due_at == at("03/03/2026 17:00")
    assert Dossier.objects.get(code="B").due_at == at("11/03/2026 17:00")


def test_a_due_date_typed_by_an_official_is_no_longer_computed(one_day):
    dossier = make_dossier("A", one_day, received="02/03/2026 08:00")
    dossier.due_at = at("06/03/2026 17:00")
    dossier.save()
    Holiday.objects.create(date=date(2026, 3, 3), name="Nghỉ")
    assert Dossier.objects.get(code="A").due_at == at("06/03/2026 17:00")
    assert not Dossier.objects.get(code="A").due_computed


HEADER = "Mã hồ sơ,Mã thủ tục,Kênh nộp,Ngày tiếp nhận,Ngày hẹn trả,Ngày có kết quả,Trạng thái,Người nộp\n"


def test_a_given_due_date_on_a_day_off_is_kept_and_reported(one_stop_officer, one_day):
    text = (
        HEADER + "G1,1.000001,Trực tuyến,13/02/2026 08:00,17/02/2026 17:00,,Đang xử lý,A\n"
        "G2,1.000001,Trực tuyến,13/02/2026 08:00,,,Đang xử lý,B\n"
        "G3,1.000001,Trực tuyến,13/02/2026 08:00,23/02/2026,,Đang xử lý,C\n"
    )
    run = DossierImporter().run("ho-so.csv", text.encode("utf-8-sig"))
    assert (run.created, run.rejected) == (3, 0)
    assert Dossier.objects.get(code="G1").due_at == at("17/02/2026 17:00")
    assert Dossier.objects.get(code="G2").due_at == at("23/02/2026 17:00")  # Tết skipped
    assert Dossier.objects.get(code="G2").due_computed and not Dossier.objects.get(code="G1").due_computed
    run = ImportRun.objects.get(pk=run.pk)
    assert [code for code, _text in run.warnings] == ["G1"]
    assert "17/02/2026" in run.warnings[0][1]
    html = client_for(one_stop_officer).get(f"/admin/procedures/importrun/{run.pk}/change/").content.decode()
    assert 'id="import-warnings"' in html and "G1" in html and "không phải ngày làm việc" in html


# --- The dashboard asks for next year's review --------------------------------


@pytest.mark.parametrize(
    "moment, warned",
    [
        (datetime(2026, 10, 31, 23, 0, tzinfo=LOCAL), False),
        (datetime(2026, 11, 1, 8, 0, tzinfo=LOCAL), True),
        (datetime(2026, 12, 31, 16, 0, tzinfo=LOCAL), True),
    ],
)
def test_the_dashboard_warns_when_next_year_is_not_reviewed(leader, moment, warned):
    with time_machine.travel(moment, tick=False):
        html = client_for(leader).get(DASHBOARD).content.decode()
        assert ('id="calendar-warning"' in html) is warned
        if warned:
            assert "Lịch nghỉ năm 2027 chưa được rà soát" in html
            CalendarReview.objects.create(year=2027)
            assert 'id="calendar-warning"' not in client_for(leader).get(DASHBOARD).content.decode()


def test_an_officer_marks_a_year_reviewed_in_the_admin(one_stop_officer):
    response = client_for(one_stop_officer).post("/admin/procedures/calendarreview/add/", {"year": 2027, "note": ""})
    assert response.status_code == 302
    assert CalendarReview.objects.get(year=2027).reviewed_by == one_stop_officer


def test_the_holiday_list_shows_the_national_calendar_and_the_overrides(one_stop_officer):
    Holiday.objects.create(date=date(2026, 8, 31), kind=Holiday.Kind.ORDINARY, name="Tỉnh không nghỉ cầu")
    html = client_for(one_stop_officer).get("/admin/procedures/holiday/", {"date__year": 2026}).content.decode()
    section = html[html.index('id="national-calendar"') :]
    assert "Lịch nghỉ quốc gia năm 2026" in section
    assert "17/02/2026" in section and "Tết Nguyên Đán" in section
    assert "22/08/2026" in section  # the Saturday worked for the bridge day
    row = section[section.index("31/08/2026") :].split("</tr>")[0]
    assert "Ngày thường (bỏ theo lịch nghỉ quốc gia)" in row
    assert "Đánh dấu năm đã rà soát" in section
