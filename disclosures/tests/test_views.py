"""The public pages of the duty sections: index, lists with their filters, items, feeds, sitemap."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from disclosures.filters import DisclosureFilter
from disclosures.models import Attachment, DisclosureSection
from dolisa_site.models import AboutPage

from .factories import make_item, pdf_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    estimate = make_item(title="Công khai dự toán ngân sách năm 2026", year=2026)
    Attachment.objects.create(item=estimate, file=pdf_upload("Dự toán 2026.pdf"))
    make_item(title="Công khai quyết toán ngân sách năm 2025", kind="quyet-toan", year=2025, summary="")
    make_item(title="Bản nháp dự toán", is_published=False)
    make_item(section="tuyen-dung", kind="thong-bao-tuyen-dung", title="Thông báo tuyển dụng viên chức")
    return estimate


def titles(response):
    return re.findall(r'class="dis-list__title"><a href="[^"]+">([^<]+)</a>', response.content.decode())


def test_the_index_lists_every_section_with_its_count(client, items):
    response = client.get(reverse("disclosures:index"))
    assert response.status_code == 200
    page = response.content.decode()
    for section in DisclosureSection:
        assert reverse("disclosures:section", args=[section]) in page
    assert "Công khai ngân sách" in page and "2 mục" in page


def test_a_section_lists_its_published_items_only(client, items):
    response = client.get(reverse("disclosures:section", args=["ngan-sach"]))
    assert response.status_code == 200
    assert titles(response) == ["Công khai quyết toán ngân sách năm 2025", "Công khai dự toán ngân sách năm 2026"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ({"nam": "2025"}, ["Công khai quyết toán ngân sách năm 2025"]),
        ({"loai": "du-toan"}, ["Công khai dự toán ngân sách năm 2026"]),
        ({"q": "DU TOAN"}, ["Công khai dự toán ngân sách năm 2026"]),
        ({"q": "toan 2026"}, ["Công khai dự toán ngân sách năm 2026"]),
    ],
)
def test_the_filters(client, items, query, expected):
    assert titles(client.get(reverse("disclosures:section", args=["ngan-sach"]), query)) == expected


def test_a_kind_of_another_section_is_not_offered(client, items):
    page = client.get(reverse("disclosures:section", args=["ngan-sach"])).content.decode()
    assert 'value="du-toan"' in page and 'value="thong-bao-tuyen-dung"' not in page


@pytest.mark.parametrize(
    "query",
    [
        {"page": "abc"},
        {"page": "-1"},
        {"page": "99999999999999999999"},
        {"nam": "99999999999"},
        {"nam": "abc"},
        {"loai": "x"},
        {"loai": "thong-bao-tuyen-dung"},
        {"q": "<script>alert(1)</script>"},
        {"q": "%' OR 1=1 --"},
        {"q": "a " * 200},
    ],
)
def test_hostile_queries_show_the_list_never_an_error(client, items, query):
    response = client.get(reverse("disclosures:section", args=["ngan-sach"]), query)
    assert response.status_code == 200
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_the_years_offered_are_the_sections_published_ones_newest_first(items):
    make_item(title="Dự toán năm 2019 chưa công bố", year=2019, is_published=False)
    make_item(section="tuyen-dung", kind="thong-bao-tuyen-dung", title="Tuyển dụng năm 2020", year=2020)
    years = DisclosureFilter(section=DisclosureSection.BUDGET).filters["nam"].extra["choices"]
    assert years == [("2026", 2026), ("2025", 2025)]


def test_an_unknown_section_is_not_found(client, items):
    assert client.get("/cong-khai/khong-co/").status_code == 404
    assert client.get("/cong-khai/rss/khong-co/").status_code == 404
    assert client.get(f"/cong-khai/khong-co/{items.slug}/").status_code == 404


def test_an_item_shows_its_facts_and_files(client, items):
    response = client.get(items.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    attachment = items.attachments.get()
    assert attachment.file.url in page and 'download="Dự toán 2026.pdf"' in page
    assert ">PDF</span> Dự toán 2026.pdf" in page
    assert "Dự toán" in page and "2026" in page


def test_an_item_is_found_only_in_its_own_section_and_once_published(client, items):
    assert client.get(f"/cong-khai/tuyen-dung/{items.slug}/").status_code == 404
    draft = make_item(title="Chưa duyệt", is_published=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_sections_feed_lists_its_items(client, items):
    response = client.get(reverse("disclosures:feed", args=["ngan-sach"]))
    assert response.status_code == 200 and response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("link").endswith("/cong-khai/ngan-sach/")
    assert [item.findtext("title") for item in channel.findall("item")] == [
        "Công khai quyết toán ngân sách năm 2025",
        "Công khai dự toán ngân sách năm 2026",
    ]
    assert channel.find("item").findtext("category") == "Quyết toán ngân sách"


def test_the_sitemap_lists_the_sections_and_published_items(client, items):
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-disclosures.xml" in index and "sitemap-disclosures-index.xml" in index
    sections = client.get("/sitemap-disclosures-index.xml").content.decode()
    assert sections.count("<url>") == 1 + len(DisclosureSection) and "/cong-khai/khoa-hoc/" in sections
    listed = client.get("/sitemap-disclosures.xml").content.decode()
    assert items.get_absolute_url() in listed and "ban-nhap" not in listed
    assert listed.count("<url>") == 3


def test_the_about_page_shows_the_spokesperson(client):
    about = AboutPage.load()
    about.spokesperson_name = "Nguyễn Đức Hải"
    about.spokesperson_position = "Phó Giám đốc Sở"
    about.spokesperson_phone = "0210 3812 402"
    about.spokesperson_email = "hai.nd@sonha.gov.vn"
    about.deputy_spokesperson = "Lê Quang Vinh, Chánh Văn phòng Sở"
    about.save()
    page = client.get(reverse("about")).content.decode()
    assert "Người phát ngôn" in page and 'href="#nguoi-phat-ngon"' in page
    for value in ("Nguyễn Đức Hải", "Phó Giám đốc Sở", 'href="tel:02103812402"', "mailto:hai.nd@sonha.gov.vn"):
        assert value in page
    assert "Người phát ngôn thay" in page and "Lê Quang Vinh" in page


def test_the_about_page_has_no_spokesperson_section_without_one(client):
    AboutPage.load().save()
    assert "Người phát ngôn" not in client.get(reverse("about")).content.decode()


def test_an_item_titled_rss_is_not_hidden_by_the_feed(client):
    item = make_item(title="RSS")
    assert item.slug == "rss"
    assert client.get(item.get_absolute_url()).status_code == 200
    assert client.get(reverse("disclosures:feed", args=["ngan-sach"]))["Content-Type"].startswith("application/rss")
