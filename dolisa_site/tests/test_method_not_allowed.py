"""A method a view does not take is answered with the site's Vietnamese 405 page, keeping Allow."""

import pytest
from django.http import HttpResponseNotAllowed
from django.test import Client
from django.urls import path

from dolisa_site import urls as site_urls
from news.models import Tag
from news.tests.factories import make_category

from .factories import PROFILE, make_menu, make_profile

# Every paged public list (dolisa_site.list_urls): function views and class-based ones alike.
PUBLIC_LISTS = [
    "/tin-tuc/",
    "/chuyen-muc/viec-lam/",
    "/the/lao-dong/",
    "/tim-kiem/",
    "/van-ban/",
    "/thu-tuc-hanh-chinh/",
    "/hoi-dap/",
    "/hinh-anh/",
]
HEADING = "Phương thức yêu cầu không được hỗ trợ"


def speaks_json(request):
    return HttpResponseNotAllowed(["GET"], content=b'{"error": "GET only"}', content_type="application/json")


urlpatterns = [path("json-405/", speaks_json), *site_urls.urlpatterns]


@pytest.fixture
def site(db):
    make_menu()
    make_category("Việc làm")
    Tag.objects.create(name="Lao động", slug="lao-dong")
    return make_profile()


@pytest.mark.parametrize("url", PUBLIC_LISTS)
def test_a_post_to_a_public_list_gets_the_405_page_and_a_get_the_list(client, site, url):
    response = client.post(url)
    html = response.content.decode()
    assert response.status_code == 405
    assert {method.strip() for method in response["Allow"].split(",")} >= {"GET"}
    assert "POST" not in response["Allow"]
    assert HEADING in html and PROFILE["name"] in html and 'id="menu-chinh"' in html
    page = client.get(url)
    assert page.status_code == 200 and HEADING not in page.content.decode()


def test_a_get_to_a_post_only_address_gets_the_405_page(client, site):
    response = client.get("/tham-do/1/binh-chon/")
    assert response.status_code == 405 and response["Allow"] == "POST"
    assert HEADING in response.content.decode()


def test_without_a_token_the_csrf_page_comes_first(site):
    response = Client(enforce_csrf_checks=True).post("/van-ban/")
    assert response.status_code == 403 and "Không gửi được biểu mẫu" in response.content.decode()


@pytest.mark.urls(__name__)
def test_a_405_that_says_something_itself_is_left_alone(client, site):
    response = client.post("/json-405/")
    assert response.status_code == 405 and response["Allow"] == "GET"
    assert response["Content-Type"] == "application/json" and response.json() == {"error": "GET only"}
