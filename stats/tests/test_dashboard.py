"""The traffic dashboard in the admin and its CSV export."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from stats import reports
from stats.models import DailyStat, ObjectDailyView

pytestmark = pytest.mark.django_db

URL = "admin:stats_traffic"


@pytest.fixture
def history():
    today = timezone.localdate()
    for offset in range(40):
        DailyStat.objects.create(
            date=today - timedelta(days=offset), page_views=1000 + offset, visitors=400, mobile_visitors=100
        )
    return today


def test_leaders_and_reviewers_open_the_dashboard_from_the_admin_index(client, leader, reviewer, history):
    for user in (leader, reviewer):
        client.force_login(user)
        assert reverse(URL) in client.get(reverse("admin:index")).content.decode()
        response = client.get(reverse(URL))
        assert response.status_code == 200
        html = response.content.decode()
        assert "Thống kê truy cập" in html
        assert html.count('<svg class="chart__svg"') == 2
        assert "Lượt xem trang và lượt khách 30 ngày qua" in html


def test_editors_and_visitors_may_not_open_it(client, editor):
    assert client.get(reverse(URL)).status_code == 302  # to the admin login
    client.force_login(editor)
    assert client.get(reverse(URL)).status_code == 403
    assert client.get(reverse("admin:stats_traffic_csv")).status_code == 403
    assert reverse(URL) not in client.get(reverse("admin:index")).content.decode()


def test_the_period_summary_and_mobile_share(client, leader, history):
    client.force_login(leader)
    start, end = history - timedelta(days=9), history
    response = client.get(reverse(URL), {"tu-ngay": start.isoformat(), "den-ngay": end.isoformat()})
    assert response.context["summary"] == {
        "page_views": sum(1000 + offset for offset in range(10)),
        "visitors": 4000,
        "mobile_visitors": 1000,
        "mobile_share": 25.0,
    }
    assert "10.045" in response.content.decode()
    assert "25.0%" in response.content.decode() or "25,0%" in response.content.decode()


def test_top_articles_and_categories_are_titled_and_linked_with_one_query_per_model(
    client, leader, make_article, django_assert_max_num_queries
):
    today = timezone.localdate()
    first = make_article("Tuyển sinh đào tạo nghề năm 2026", "Giáo dục nghề nghiệp")
    second = make_article("Chi trả trợ cấp ưu đãi người có công", "Người có công")
    for article, views in ((first, 30), (second, 45)):
        ObjectDailyView.objects.create(date=today, model_label="news.article", object_id=article.pk, views=views)
        ObjectDailyView.objects.create(
            date=today, model_label="news.category", object_id=article.category_id, views_within=views
        )
    ObjectDailyView.objects.create(date=today, model_label="news.article", object_id=99999, views=3)

    groups = reports.top_objects(today, today)
    assert [(row["title"], row["views"]) for row in groups[0]["rows"]] == [
        (second.title, 45),
        (first.title, 30),
        (None, 3),  # deleted since
    ]
    assert groups[0]["rows"][0]["url"] == second.get_absolute_url()
    assert [row["title"] for row in reports.top_objects(today, today, "views_within")[0]["rows"]] == [
        "Người có công",
        "Giáo dục nghề nghiệp",
    ]
    with django_assert_max_num_queries(2):  # the ranking, then one query for the articles
        reports.top_objects(today, today)

    client.force_login(leader)
    html = client.get(reverse(URL)).content.decode()
    assert f'<a href="{second.get_absolute_url()}">{second.title}</a>' in html
    assert "(đã xoá, mã 99999)" in html


def test_the_csv_export_lists_each_day_and_the_total(client, leader, history):
    client.force_login(leader)
    start = history - timedelta(days=2)
    response = client.get(
        reverse("admin:stats_traffic_csv"), {"tu-ngay": start.isoformat(), "den-ngay": history.isoformat()}
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert f'filename="truy-cap-{start.isoformat()}-{history.isoformat()}.csv"' in response["Content-Disposition"]
    lines = response.content.decode("utf-8-sig").splitlines()
    assert lines[0] == f"Kỳ báo cáo,{start:%d/%m/%Y} – {history:%d/%m/%Y}"
    assert lines[1] == "Ngày,Lượt xem trang,Lượt khách,Khách dùng thiết bị di động"
    assert lines[2] == f"{start.isoformat()},1002,400,100"
    assert lines[-1] == "Tổng cộng,3003,1200,300"


@pytest.mark.parametrize("name", [URL, "admin:stats_traffic_csv"])
def test_the_old_start_and_end_answer_a_301_to_tu_ngay_and_den_ngay(client, leader, name):
    client.force_login(leader)
    response = client.get(f"{reverse(name)}?start=2026-03-01&end=2026-03-10")
    assert response.status_code == 301
    assert response["Location"] == f"{reverse(name)}?tu-ngay=2026-03-01&den-ngay=2026-03-10"


def test_the_page_sends_and_links_the_new_names(client, leader, history):
    client.force_login(leader)
    html = client.get(reverse(URL)).content.decode()
    assert 'name="tu-ngay"' in html and 'name="den-ngay"' in html
    start = history - timedelta(days=29)
    assert (
        f"{reverse('admin:stats_traffic_csv')}?tu-ngay={start.isoformat()}&amp;den-ngay={history.isoformat()}" in html
    )


def test_months_are_summed_across_a_year_end():
    DailyStat.objects.create(date=date(2025, 12, 31), page_views=5, visitors=2)
    DailyStat.objects.create(date=date(2026, 1, 1), page_views=7, visitors=3)
    DailyStat.objects.create(date=date(2026, 1, 31), page_views=1, visitors=1)
    series = reports.monthly_series(date(2026, 2, 10), months=3)
    assert series == [(date(2025, 12, 1), 5, 2), (date(2026, 1, 1), 8, 4), (date(2026, 2, 1), 0, 0)]


def test_days_without_traffic_show_as_zero():
    DailyStat.objects.create(date=date(2026, 3, 1), page_views=9, visitors=4)
    assert reports.daily_series(date(2026, 3, 2), days=3) == [
        (date(2026, 2, 28), 0, 0),
        (date(2026, 3, 1), 9, 4),
        (date(2026, 3, 2), 0, 0),
    ]


def test_the_daily_figures_are_read_only_in_the_admin(client, superuser, history):
    client.force_login(superuser)
    response = client.get(reverse("admin:stats_dailystat_changelist"))
    assert response.status_code == 200
    assert '<td class="field-page_views">1000</td>' in response.content.decode()
    row = DailyStat.objects.first()
    assert client.get(reverse("admin:stats_dailystat_add")).status_code == 403
    assert client.post(reverse("admin:stats_dailystat_delete", args=[row.pk]), {"post": "yes"}).status_code == 403
    assert DailyStat.objects.filter(pk=row.pk).exists()


def test_the_baseline_is_set_once_in_the_admin(client, superuser):
    from stats import totals
    from stats.models import Baseline

    client.force_login(superuser)
    response = client.post(reverse("admin:stats_baseline_add"), {"page_views": "902522", "note": "Cổng cũ"})
    assert response.status_code == 302
    assert totals.counter()["all"] == 902_522
    assert client.get(reverse("admin:stats_baseline_add")).status_code == 403
    client.post(reverse("admin:stats_baseline_change", args=[1]), {"page_views": "902600", "note": "Cổng cũ"})
    assert Baseline.page_views_before() == 902_600
    assert totals.counter()["all"] == 902_600
