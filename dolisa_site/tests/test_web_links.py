import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from PIL import Image

from dolisa_site.models import WebLink, WebLinkGroup

from .page_pictures import images, problems

pytestmark = pytest.mark.django_db


def logo_file():
    """A stored 300 × 100 logo, as an upload leaves it (pages show only pictures that exist)."""
    buffer = io.BytesIO()
    Image.new("RGB", (300, 100), "#0a4a8c").save(buffer, "PNG")
    return default_storage.save("site/links/tinh.png", ContentFile(buffer.getvalue()))


@pytest.fixture
def links():
    central = WebLinkGroup.objects.create(name="Bộ, ngành Trung ương", order=1)
    local = WebLinkGroup.objects.create(name="Địa phương", order=2)
    WebLinkGroup.objects.create(name="Nhóm trống", order=3)
    ministry = WebLink.objects.create(group=central, title="Bộ Nội vụ", url="https://moha.gov.vn")
    portal = WebLink.objects.create(
        group=local, title="Cổng thông tin tỉnh", url="https://sonha.gov.vn", logo=logo_file()
    )
    hidden = WebLink.objects.create(group=local, title="Trang cũ", url="https://cu.example.vn", is_visible=False)
    return ministry, portal, hidden


def test_sidebar_picker_lists_visible_links_by_group(client, links):
    page = client.get("/").content.decode()
    assert '<optgroup label="Bộ, ngành Trung ương">' in page
    assert "Bộ Nội vụ" in page and "Trang cũ" not in page and "Nhóm trống" not in page
    assert '<form class="link-picker" method="get" action="/lien-ket-website/chuyen/">' in page


def test_logos_open_safely(client, links):
    page = client.get("/").content.decode()
    assert '<a href="https://sonha.gov.vn" target="_blank" rel="noopener noreferrer"><picture>' in page
    [logo] = [image for image in images(page) if image["alt"] == "Cổng thông tin tỉnh"]
    assert problems(page) == [] and logo["loading"] == "lazy"


def test_no_block_without_links(client, db):
    assert "widget--links" not in client.get("/").content.decode()


def test_picker_without_javascript_leads_to_the_chosen_site(client, links):
    ministry, _portal, _hidden = links
    response = client.get(reverse("web_link_go"), {"lien-ket": ministry.pk})
    assert response.status_code == 200
    assert (
        '<a class="button" href="https://moha.gov.vn" rel="noopener noreferrer">Tiếp tục đến Bộ Nội vụ</a>'
        in response.content.decode()
    )


@pytest.mark.parametrize("value", ["", "abc", "99999", "https://evil.example"])
def test_picker_refuses_anything_else(client, links, value):
    response = client.get(reverse("web_link_go"), {"lien-ket": value})
    assert response.status_code == 404
    assert "Không tìm thấy liên kết" in response.content.decode()


def test_hidden_link_cannot_be_reached(client, links):
    assert client.get(reverse("web_link_go"), {"lien-ket": links[2].pk}).status_code == 404


def test_links_page_groups_links(client, links):
    page = client.get(reverse("web_links")).content.decode()
    assert page.index("Bộ, ngành Trung ương") < page.index("Địa phương")
    assert page.count('rel="noopener noreferrer"') >= 2


def test_sidebar_links_are_read_with_their_groups_in_one_query(links, django_assert_num_queries):
    central = WebLinkGroup.objects.get(name="Bộ, ngành Trung ương")
    WebLink.objects.create(group=central, title="Bộ Y tế", url="https://moh.gov.vn", order=2)
    WebLink.objects.create(group=central, title="Bộ Tài chính", url="https://mof.gov.vn", order=1)
    first = WebLinkGroup.objects.create(name="Trước hết", order=0)
    WebLink.objects.create(group=first, title="Cổng dịch vụ công", url="https://dichvucong.gov.vn")
    with django_assert_num_queries(1):
        tree = WebLinkGroup.cached_tree()
    assert [(group["name"], [link["title"] for link in group["links"]]) for group in tree] == [
        ("Trước hết", ["Cổng dịch vụ công"]),
        ("Bộ, ngành Trung ương", ["Bộ Nội vụ", "Bộ Tài chính", "Bộ Y tế"]),
        ("Địa phương", ["Cổng thông tin tỉnh"]),
    ]
    assert tree[2]["links"][0]["logo"].endswith(".png")


def test_sidebar_reads_links_from_the_cache(client, links, django_assert_num_queries):
    client.get("/")
    WebLinkGroup.cached_tree()
    with django_assert_num_queries(0):
        assert len(WebLinkGroup.cached_tree()) == 2


def test_changing_a_link_refreshes_the_cache(links):
    ministry = links[0]
    WebLinkGroup.cached_tree()
    ministry.title = "Bộ Nội vụ (mới)"
    ministry.save()
    assert WebLinkGroup.cached_tree()[0]["links"][0]["title"] == "Bộ Nội vụ (mới)"


def test_only_web_addresses_are_accepted():
    link = WebLink(group=WebLinkGroup.objects.create(name="Nhóm"), title="x", url="javascript:alert(1)")
    with pytest.raises(Exception):
        link.full_clean()


def test_reviewer_manages_links_in_the_admin(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:dolisa_site_weblinkgroup_add"),
        {
            "name": "Cơ quan Trung ương",
            "order": 1,
            "links-TOTAL_FORMS": "1",
            "links-INITIAL_FORMS": "0",
            "links-MIN_NUM_FORMS": "0",
            "links-MAX_NUM_FORMS": "1000",
            "links-0-title": "Chính phủ",
            "links-0-url": "chinhphu.vn",
            "links-0-order": "0",
            "links-0-is_visible": "on",
        },
    )
    assert response.status_code == 302
    assert WebLink.objects.get().url == "https://chinhphu.vn"
