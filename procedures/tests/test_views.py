"""Public pages: catalogue, procedure page, statistics, lookup, the sidebar widget."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from dolisa_site import inline_assets
from procedures.models import DossierStatus, Level, OnlineLevel, ResultsWidget, WidgetPeriod

from .factories import make_dossier, make_procedure, make_sector

pytestmark = pytest.mark.django_db
# The widget shows "this year": its tests stop the clock in the year of their dossiers.
IN_2026 = time_machine.travel(datetime(2026, 3, 10, 10, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")), tick=False)


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def procedures():
    work = make_sector("Việc làm", 1)
    merit = make_sector("Người có công", 2)
    return [
        make_procedure("1.000001", "Giải quyết hưởng trợ cấp thất nghiệp", work, 20, fees="Không"),
        make_procedure(
            "1.000010", "Giải quyết chế độ trợ cấp thờ cúng liệt sĩ", merit, 12, online_level=OnlineLevel.PARTIAL
        ),
        make_procedure("1.000024", "Xác nhận thông tin người có công", merit, 5, level=Level.COMMUNE),
        make_procedure("1.000099", "Thủ tục đã bãi bỏ", work, 5, is_active=False),
    ]


def test_catalogue_lists_procedures_in_force(client, procedures):
    response = client.get("/thu-tuc-hanh-chinh/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Giải quyết hưởng trợ cấp thất nghiệp" in html
    assert "Thủ tục đã bãi bỏ" not in html
    assert "3 thủ tục" in html


@pytest.mark.parametrize(
    "query, expected",
    [
        ({"q": "tro cap"}, {"1.000001", "1.000010"}),
        ({"q": "TRỢ CẤP thất"}, {"1.000001"}),
        ({"q": "1.000024"}, {"1.000024"}),
        ({"cap": "xa"}, {"1.000024"}),
        ({"muc-do": "mot-phan"}, {"1.000010"}),
        ({"q": "khong co thu tuc nay"}, set()),
    ],
)
def test_catalogue_filters_and_searches_without_diacritics(client, procedures, query, expected):
    response = client.get("/thu-tuc-hanh-chinh/", query)
    assert {p.code for p in response.context["page_obj"]} == expected


def test_catalogue_filters_by_field(client, procedures):
    response = client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": procedures[1].sector_id})
    assert {p.code for p in response.context["page_obj"]} == {"1.000010", "1.000024"}


def test_catalogue_ignores_a_bad_filter_value(client, procedures):
    response = client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": "abc", "page": "999"})
    assert response.status_code == 200


def test_procedure_page_has_what_a_citizen_needs(client, procedures):
    procedure = procedures[0]
    procedure.documents = "Đơn đề nghị hưởng trợ cấp thất nghiệp"
    procedure.save()
    html = client.get("/thu-tuc-hanh-chinh/1.000001/").content.decode()
    for text in ["1.000001", "Việc làm", "Cấp tỉnh", "20 ngày làm việc", "Không", "Toàn trình", "Đơn đề nghị hưởng"]:
        assert text in html


def test_unknown_or_repealed_procedure_is_404(client, procedures):
    assert client.get("/thu-tuc-hanh-chinh/9.999999/").status_code == 404
    assert client.get("/thu-tuc-hanh-chinh/1.000099/").status_code == 404


def test_statistics_page_shows_fields_and_its_chart(client, procedures):
    make_dossier(
        "A", procedures[0], received="02/03/2026 08:00", result="03/03/2026 08:00", status=DossierStatus.RESOLVED
    )
    make_dossier("B", procedures[1], received="02/03/2026 08:00")
    response = client.get("/thu-tuc-hanh-chinh/thong-ke/", {"ky": "thang", "nam": 2026, "thang": 3})
    assert response.status_code == 200
    assert response.context["period"].label == "Tháng 03/2026"
    assert response.context["totals"].received == 2
    assert [name for name, _ in response.context["by_field"]] == ["Người có công", "Việc làm"]
    html = response.content.decode()
    # The chart is drawn on the server: no script but the layout's one, allowed by its hash.
    layout_script = f"<script>{inline_assets.script_source('site/js/prefs.js')}</script>"
    assert '<figure class="chart chart--columns" id="stats-monthly">' in html
    assert "<script>" not in html.replace(layout_script, "")
    assert '<th scope="row">03/2026</th><td class="chart__number">2</td><td class="chart__number">1</td>' in html


def test_statistics_filtered_by_field(client, procedures):
    make_dossier("A", procedures[0], received="02/03/2026 08:00")
    make_dossier("B", procedures[1], received="02/03/2026 08:00")
    response = client.get(
        "/thu-tuc-hanh-chinh/thong-ke/", {"ky": "quy", "nam": 2026, "quy": 1, "linh-vuc": procedures[1].sector_id}
    )
    assert response.context["totals"].received == 1


def test_statistics_with_a_bad_period_explains_and_shows_this_year(client, procedures):
    """The dashboards' rule on the public page too: a 400 that explains, over this year's figures."""
    response = client.get(
        "/thu-tuc-hanh-chinh/thong-ke/", {"ky": "khoang", "tu-ngay": "2026-03-10", "den-ngay": "2026-03-01"}
    )
    assert response.status_code == 400
    assert "Ngày bắt đầu không được sau ngày kết thúc." in response.content.decode()
    assert response.context["period"].first == date(date.today().year, 1, 1)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"ky": "thang", "nam": "2026", "thang": "3", "linh-vuc": "abc"}, "Hãy chọn một trong các mục có sẵn."),
        ({"ky": "nam", "nam": "hai nghìn"}, "Hãy chọn năm từ 2000 đến 2100."),
        ({"ky": "quy", "nam": "2026", "quy": "5"}, "Hãy chọn một trong các mục có sẵn."),
    ],
)
def test_statistics_with_any_wrong_choice_shows_this_year_for_the_whole_department(client, procedures, query, message):
    make_dossier("A", procedures[0], received="02/03/2026 08:00")
    response = client.get("/thu-tuc-hanh-chinh/thong-ke/", query)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert response.context["period"].first == date(date.today().year, 1, 1)


def test_statistics_answers_the_old_parameter_names_with_a_301_to_the_new_ones(client, procedures):
    old = (
        "/thu-tuc-hanh-chinh/thong-ke/?kind=khoang&start=2026-03-01&end=2026-03-10&field=2&year=2026&quarter=1&month=3"
    )
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == (
        "/thu-tuc-hanh-chinh/thong-ke/?ky=khoang&tu-ngay=2026-03-01&den-ngay=2026-03-10&linh-vuc=2&nam=2026&quy=1&thang=3"
    )
    html = client.get(response["Location"]).content.decode()
    # The form sends the new names, the range's inherited from the dashboards' period form too.
    for name in ("ky", "nam", "quy", "thang", "tu-ngay", "den-ngay", "linh-vuc"):
        assert f'name="{name}"' in html, name


# The dossier lookup has its own tests: test_lookup.py.


@IN_2026
def test_widget_in_the_sidebar_follows_its_settings(client, procedures):
    make_dossier(
        "A", procedures[0], received="05/01/2026 08:00", result="06/01/2026 08:00", status=DossierStatus.RESOLVED
    )
    html = client.get("/").content.decode()
    assert "Kết quả giải quyết thủ tục hành chính" in html
    assert 'data-figure="received">1</dd>' in html
    # The widget's "on time" includes the early ones; the official form's column (9) does not.
    assert '<dt>Đúng hạn <span class="results-widget__qualifier">(kể cả trước hạn)</span></dt>' in html
    widget = ResultsWidget.load()
    widget.period, widget.start, widget.end = WidgetPeriod.CUSTOM, date(2025, 1, 1), date(2025, 12, 31)
    widget.save()
    assert 'data-figure="received">0</dd>' in client.get("/").content.decode()
    widget.is_visible = False
    widget.save()
    assert "widget--results" not in client.get("/").content.decode()


@pytest.mark.parametrize(
    "first, last",
    [
        (date(2026, 1, 15), date(2026, 3, 20)),
        (date(2026, 2, 5), date(2026, 2, 10)),
        (date(2026, 1, 1), date(2026, 12, 31)),
    ],
)
def test_widget_sums_the_rollups_of_its_period_in_one_query(procedures, first, last, django_assert_num_queries):
    """The whole months from the monthly rollups, the ragged ends from the daily ones: what the
    statistics page's Breakdown reads, summed by the database."""
    from procedures import rollups, sidebar
    from procedures.models import DailyRollup, MonthlyRollup

    for number, (received, result) in enumerate(
        [
            ("10/01/2026 08:00", "16/01/2026 09:00"),
            ("05/02/2026 08:00", "09/02/2026 08:00"),
            ("19/03/2026 08:00", "25/03/2026 08:00"),
            ("20/03/2026 08:00", None),
        ]
    ):
        status = DossierStatus.RESOLVED if result else DossierStatus.PROCESSING
        make_dossier(f"D{number}", procedures[number % 2], received=received, result=result, status=status)
    expected = rollups.Breakdown(DailyRollup.objects.all(), MonthlyRollup.objects.all(), first, last)
    with django_assert_num_queries(1):
        figures, computed_at = sidebar.totals(first, last)
    assert figures == expected.total() and figures.received > 0
    assert computed_at == expected.computed_at is not None


@IN_2026
def test_widget_shows_a_dash_when_nothing_is_resolved(client, procedures):
    make_dossier("A", procedures[0], received="05/01/2026 08:00")
    html = client.get("/").content.decode()
    assert 'data-figure="early">0 <span class="results-widget__percent">(—)</span>' in html


@IN_2026
def test_widget_figures_are_cached_until_dossiers_change(client, procedures, django_capture_on_commit_callbacks):
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        client.get("/")
    assert not [q for q in queries.captured_queries if "procedures_dailyrollup" in q["sql"]]
    with django_capture_on_commit_callbacks(execute=True):
        make_dossier("A", procedures[0], received="05/01/2026 08:00")
    assert 'data-figure="received">1</dd>' in client.get("/").content.decode()
