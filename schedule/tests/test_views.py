"""The public schedule pages, the sidebar block and the sitemap sections."""

import re
from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from schedule.models import Item, Week

from .factories import make_item, make_week

pytestmark = pytest.mark.django_db

LOCAL = timezone.get_fixed_timezone(7 * 60)
MONDAY = date(2026, 11, 30)
TUESDAY_MORNING = datetime(2026, 12, 1, 9, 30, tzinfo=LOCAL)
NO_SCHEDULE = "Chưa có lịch công tác tuần này"


@pytest.fixture(autouse=True)
def clock():
    with time_machine.travel(TUESDAY_MORNING, tick=False) as traveller:
        yield traveller


@pytest.fixture
def this_week():
    week = make_week(
        MONDAY,
        items=[
            (MONDAY, "07:30", "Giao ban Lãnh đạo Sở đầu tuần"),
            (MONDAY + timedelta(1), "08:00", "Dự họp UBND tỉnh thường kỳ"),
            (MONDAY + timedelta(1), "14:00", "Kiểm tra cơ sở bảo trợ xã hội"),
            (MONDAY + timedelta(3), "08:00", "Tiếp công dân định kỳ"),
        ],
    )
    Week.objects.filter(pk=week.pk).update(published_at=TUESDAY_MORNING - timedelta(days=4))
    return week


def page(client, url="/lich-cong-tac/"):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


def test_the_current_week_shows_its_days_sessions_and_today(client, this_week):
    html = page(client)
    assert "Tuần 49, từ 30/11/2026 đến 06/12/2026" in html
    for text in ("Thời gian", "Nội dung", "Chủ trì", "Thành phần", "Địa điểm", "Chuẩn bị"):
        assert f'<th scope="col">{text}</th>' in html
    assert html.index("Giao ban Lãnh đạo Sở") < html.index("Dự họp UBND") < html.index("Kiểm tra cơ sở")
    today = re.search(r'<th[^>]*aria-current="date"[^>]*>\s*([^<]+)', html)
    assert today and today.group(1).strip() == "Thứ ba, 01/12/2026"
    assert html.count('aria-current="date"') == 1
    assert "Sáng" in html and "Chiều" in html
    assert "Không có lịch công tác." in html, "an empty weekday says so (Wednesday, Friday)"
    assert "Thứ bảy" not in html, "an empty weekend is left out"
    assert 'href="/lich-cong-tac/2026/tuan-48/"' in html and 'href="/lich-cong-tac/2026/tuan-50/"' in html


def test_a_week_by_its_number_and_its_neighbours(client, this_week):
    html = page(client, "/lich-cong-tac/2026/tuan-49/")
    assert "Tiếp công dân định kỳ" in html
    assert ">Tuần này</a>" not in html, "no link to the week shown"
    other = page(client, "/lich-cong-tac/2026/tuan-50/")
    assert NO_SCHEDULE in other and 'aria-current="date"' not in other
    assert 'href="/lich-cong-tac/2026/tuan-49/"' in other and 'href="/lich-cong-tac/2026/tuan-51/"' in other
    assert 'href="/lich-cong-tac/">Tuần này</a>' in other
    assert '<meta name="robots" content="noindex">' in other


def test_week_53_and_the_turn_of_the_year(client):
    make_week(date(2026, 12, 28), items=[(date(2027, 1, 1), "08:00", "Trực Tết Dương lịch")])
    html = page(client, "/lich-cong-tac/2026/tuan-53/")
    assert "Trực Tết Dương lịch" in html and "Thứ sáu, 01/01/2027" in html
    assert 'href="/lich-cong-tac/2027/tuan-1/"' in html and 'href="/lich-cong-tac/2026/tuan-52/"' in html


def test_a_draft_week_is_not_shown(client):
    make_week(MONDAY, published=False, items=[(MONDAY, "07:30", "Bản nháp chưa duyệt")])
    for url in ("/lich-cong-tac/", "/lich-cong-tac/2026/tuan-49/"):
        html = page(client, url)
        assert NO_SCHEDULE in html and "Bản nháp chưa duyệt" not in html


@pytest.mark.parametrize(
    "url",
    [
        "/lich-cong-tac/2026/tuan-54/",
        "/lich-cong-tac/2026/tuan-0/",
        "/lich-cong-tac/2025/tuan-53/",
        "/lich-cong-tac/10000/tuan-1/",
        "/lich-cong-tac/9999/tuan-52/",
        "/lich-cong-tac/0/tuan-1/",
        "/lich-cong-tac/99999999999999999999999/tuan-1/",
        "/lich-cong-tac/2026/tuan-99999999999999999999/",
    ],
)
def test_a_week_that_does_not_exist_is_a_vietnamese_404(client, url):
    response = client.get(url)
    assert response.status_code == 404
    assert "Không tìm thấy trang" in response.content.decode()


@pytest.mark.parametrize("url", ["/lich-cong-tac/2026/tuan-abc/", "/lich-cong-tac/abc/tuan-1/", "/lich-cong-tac/2026/"])
def test_a_malformed_address_is_a_404(client, url):
    assert client.get(url).status_code == 404


def test_a_padded_week_number_redirects_to_the_page(client):
    response = client.get("/lich-cong-tac/2026/tuan-07/")
    assert response.status_code == 301 and response["Location"] == "/lich-cong-tac/2026/tuan-7/"


def test_the_first_and_last_weeks_have_no_link_beyond(client):
    assert 'rel="prev"' not in page(client, "/lich-cong-tac/1/tuan-1/")
    assert 'rel="next"' not in page(client, "/lich-cong-tac/9999/tuan-51/")


def test_marks_show_what_changed_after_publication_and_when(client, this_week, clock):
    clock.move_to(datetime(2026, 12, 1, 10, 15, tzinfo=LOCAL))
    changed = this_week.items.get(content="Dự họp UBND tỉnh thường kỳ")
    changed.start = time(9, 0)
    changed.save()
    make_item(this_week, MONDAY + timedelta(4), "14:00", "Họp Hội đồng thi đua")
    this_week.items.get(content="Tiếp công dân định kỳ").delete()
    html = page(client)
    assert "Điều chỉnh lúc 10:15 01/12/2026" in html
    assert "Bổ sung lúc 10:15 01/12/2026" in html
    assert "Hoãn/Hủy lúc 10:15 01/12/2026" in html
    assert "schedule__item--cancelled" in html and "Tiếp công dân định kỳ" in html


def test_the_cached_page_is_not_kept_past_monday_midnight(client, clock):
    make_week(MONDAY, items=[(MONDAY + timedelta(6), "08:00", "Việc của tuần 49")])
    make_week(MONDAY + timedelta(7), items=[(MONDAY + timedelta(7), "07:30", "Việc của tuần 50")])
    clock.move_to(datetime(2026, 12, 6, 23, 59, 59, tzinfo=LOCAL))
    for _ in range(2):  # built, then served from the page cache
        html = page(client)
        assert "Việc của tuần 49" in html and "Việc của tuần 50" not in html
    clock.move_to(datetime(2026, 12, 7, 0, 0, 0, tzinfo=LOCAL))
    html = page(client)
    assert "Việc của tuần 50" in html and "Tuần 50, từ 07/12/2026" in html


def test_today_moves_at_midnight_on_a_cached_page(client, this_week, clock):
    clock.move_to(datetime(2026, 12, 1, 23, 59, 59, tzinfo=LOCAL))
    assert "Thứ ba, 01/12/2026" in re.search(r'aria-current="date"[^>]*>([^<]+)', page(client)).group(1)
    clock.move_to(datetime(2026, 12, 2, 0, 0, 1, tzinfo=LOCAL))
    assert "Thứ tư, 02/12/2026" in re.search(r'aria-current="date"[^>]*>([^<]+)', page(client)).group(1)


def test_a_publication_shows_at_once_on_a_cached_page(client, reviewer):
    week = make_week(MONDAY, published=False, items=[(MONDAY, "07:30", "Giao ban")])
    assert NO_SCHEDULE in page(client)
    week.publish(reviewer)
    assert "Giao ban" in page(client)


def test_the_sidebar_lists_this_weeks_items_from_today_on(client, this_week, clock):
    make_week(MONDAY + timedelta(7), items=[(MONDAY + timedelta(7), "07:30", "Tuần sau không hiện")])
    this_week.items.get(content="Tiếp công dân định kỳ").delete()  # cancelled: not in the block
    html = page(client, "/lien-he/")
    block = html[html.index("widget--schedule") :]
    block = block[: block.index("</section>")]
    assert "Giao ban Lãnh đạo Sở" not in block, "yesterday's item"
    assert "Hôm nay, 08:00" in block and "Dự họp UBND" in block and "Kiểm tra cơ sở" in block
    assert "Tiếp công dân" not in block and "Tuần sau" not in block
    assert 'href="/lich-cong-tac/2026/tuan-49/"' in block
    clock.move_to(datetime(2026, 12, 2, 0, 0, 1, tzinfo=LOCAL))
    html = page(client, "/lien-he/")
    assert "widget--schedule" not in html, "nothing left this week: the block is left out"


def test_the_sidebar_block_leaves_drafts_out(client):
    make_week(MONDAY, published=False, items=[(MONDAY + timedelta(2), "07:30", "Bản nháp")])
    assert "widget--schedule" not in page(client, "/lien-he/")


def test_the_sitemap_lists_the_current_week_and_the_published_weeks(client, this_week):
    make_week(MONDAY + timedelta(7), published=False)
    old = make_week(MONDAY - timedelta(7))
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-schedule-index.xml" in index and "sitemap-schedule-weeks.xml" in index
    assert "/lich-cong-tac/</loc>" in client.get("/sitemap-schedule-index.xml").content.decode()
    weeks = client.get("/sitemap-schedule-weeks.xml").content.decode()
    listed = re.findall(r"<loc>[^<]*?(/lich-cong-tac/[^<]+)</loc>", weeks)
    assert sorted(listed) == sorted([this_week.get_absolute_url(), old.get_absolute_url()])


def test_the_pages_answer_only_reads(client, this_week):
    assert client.post("/lich-cong-tac/").status_code == 405
    assert Item.objects.count() == 4
