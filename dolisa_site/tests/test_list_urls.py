"""One address contract for every public list (issue 13): ``?page=N``, Vietnamese kebab-case
filter names, and a 301 from the old names (dolisa_site.list_urls)."""

from datetime import date, timedelta

import pytest
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from documents.models import IssuingBody, Subject
from documents.tests.factories import catalogue, make_document
from dolisa_site.list_urls import renamed_parameters
from gallery.tests.factories import make_album
from news.tests.factories import make_article, make_category
from procedures.tests.factories import make_procedure, make_sector
from questions.models import Question, Topic

pytestmark = pytest.mark.django_db


def _documents(monkeypatch):
    monkeypatch.setattr("documents.views.DocumentList.paginate_by", 1)
    make_document(number="02/2024/TB", title="Thông báo mới", issued_on=date(2024, 5, 2))
    make_document(number="01/2024/TB", title="Thông báo cũ", issued_on=date(2024, 5, 1))
    return "/van-ban/", ["Thông báo mới", "Thông báo cũ"]


def _procedures(monkeypatch):
    monkeypatch.setattr("procedures.views.Catalogue.paginate_by", 1)
    make_procedure("1.000001", "Thủ tục thứ nhất")
    make_procedure("1.000002", "Thủ tục thứ hai")
    return "/thu-tuc-hanh-chinh/", ["Thủ tục thứ nhất", "Thủ tục thứ hai"]


def _questions(monkeypatch):
    monkeypatch.setattr("questions.views.QuestionList.paginate_by", 1)
    topic = Topic.objects.create(name="Bảo hiểm")
    now = timezone.now()
    for title, moment in (("Câu hỏi mới", now), ("Câu hỏi cũ", now - timedelta(days=1))):
        Question.objects.create(
            name="Phạm Văn Bình",
            email="binh@example.vn",
            topic=topic,
            title=title,
            body="Tôi nghỉ việc thì được hưởng bao nhiêu tháng?",
            status="answered",
            answer="Trả lời.",
            is_published=True,
            answered_at=moment,
        )
    return "/hoi-dap/", ["Câu hỏi mới", "Câu hỏi cũ"]


def _gallery(monkeypatch):
    monkeypatch.setattr("gallery.views.PAGE_SIZE", 1)
    make_album("Album mới", photos=1, taken_on=date(2025, 5, 2))
    make_album("Album cũ", photos=1, taken_on=date(2025, 5, 1))
    return "/hinh-anh/", ["Album mới", "Album cũ"]


def _news(monkeypatch):
    monkeypatch.setattr("news.views.PER_PAGE", 1)
    category = make_category("Lao động - Việc làm")
    make_article(category, "Tin mới", ago=timedelta(hours=1))
    make_article(category, "Tin cũ", ago=timedelta(hours=2))
    return "/tin-tuc/", ["Tin mới", "Tin cũ"]


LISTS = [_documents, _procedures, _questions, _gallery, _news]


def _path(client, url):
    # The lists' paths as the site's URLconf has them (a test must not guess them wrong).
    response = client.get(url)
    assert response.status_code == 200, url
    return url


@pytest.mark.parametrize("make", LISTS, ids=lambda make: make.__name__.strip("_"))
def test_page_2_is_the_second_page(client, monkeypatch, make):
    url, (first, second) = make(monkeypatch)
    one = client.get(_path(client, url)).content.decode()
    two = client.get(url, {"page": 2}).content.decode()
    assert first in one and second not in one
    assert second in two and first not in two
    assert "?page=2" in one  # the pagination include links the second page by the new name


@pytest.mark.parametrize("make", LISTS, ids=lambda make: make.__name__.strip("_"))
def test_the_old_page_name_redirects_permanently_keeping_the_rest(client, monkeypatch, make):
    url, _titles = make(monkeypatch)
    response = client.get(f"{url}?q=tro+cap&trang=2&x=1")
    assert response.status_code == 301
    assert response["Location"] == f"{url}?q=tro+cap&page=2&x=1"


@pytest.mark.parametrize("make", LISTS, ids=lambda make: make.__name__.strip("_"))
def test_a_nonsense_page_number_shows_the_first_page(client, monkeypatch, make):
    url, (first, second) = make(monkeypatch)
    response = client.get(url, {"page": "abc"})
    assert response.status_code == 200
    html = response.content.decode()
    assert first in html and second not in html


def test_a_page_past_the_end_shows_the_last_counted_page_or_the_first_news_page(client, monkeypatch):
    url, (_first, second) = _documents(monkeypatch)
    assert second in client.get(url, {"page": 999}).content.decode()
    url, (first, _second) = _news(monkeypatch)
    assert first in client.get(url, {"page": 999}).content.decode()


@pytest.mark.parametrize(
    "old, new",
    [
        ("/van-ban/?co_quan=ubnd-tinh&linh_vuc=bao-tro-xa-hoi", "/van-ban/?co-quan=ubnd-tinh&linh-vuc=bao-tro-xa-hoi"),
        ("/thu-tuc-hanh-chinh/?field=3&level=xa&online_level=toan-trinh&trang=2", None),
        ("/hoi-dap/?chu-de=4&trang=3", "/hoi-dap/?chu-de=4&page=3"),
    ],
)
def test_old_filter_names_redirect_to_the_new_ones(client, old, new):
    new = new or "/thu-tuc-hanh-chinh/?linh-vuc=3&cap=xa&muc-do=toan-trinh&page=2"
    response = client.get(old)
    assert response.status_code == 301
    assert response["Location"] == new


def test_the_new_filter_names_filter(client):
    body = catalogue(IssuingBody, "Sở LĐTBXH")
    subject = catalogue(Subject, "Việc làm")
    make_document(number="01/2024/TB", issuing_body=body, subject=subject)
    make_document(number="02/2024/QĐ")
    for name, value in (("co-quan", body.slug), ("linh-vuc", subject.slug)):
        html = client.get("/van-ban/", {name: value}).content.decode()
        assert "01/2024/TB" in html and "02/2024/QĐ" not in html, name
        assert f'name="{name}"' in html  # the form sends the new name
    work = make_sector("Việc làm", 1)
    make_procedure("1.000001", "Thủ tục việc làm", work)
    make_procedure("1.000002", "Thủ tục khác", make_sector("Khác", 2))
    html = client.get("/thu-tuc-hanh-chinh/", {"linh-vuc": work.pk}).content.decode()
    assert "Thủ tục việc làm" in html and "Thủ tục khác" not in html
    assert 'name="linh-vuc"' in html and 'name="cap"' in html and 'name="muc-do"' in html


def test_the_new_name_wins_over_the_old_and_repeated_values_are_kept():
    view = renamed_parameters({"trang": "page", "co_quan": "co-quan"})(lambda request: HttpResponse("list"))
    response = view(RequestFactory().get("/van-ban/?trang=9&page=2&co_quan=a&co_quan=b"))
    assert response.status_code == 301
    assert response["Location"] == "/van-ban/?page=2&co-quan=a&co-quan=b"
    assert view(RequestFactory().get("/van-ban/?page=2")).content == b"list"
