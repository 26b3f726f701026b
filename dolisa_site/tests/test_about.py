import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dolisa_site import richtext
from dolisa_site.models import AboutPage, Leader, SiteProfile, Unit

from .html_safety import XSS_PAYLOADS, problems

pytestmark = pytest.mark.django_db


@pytest.fixture
def organisation():
    about = AboutPage.load()
    about.functions = "<h2>Chức năng</h2><p>Tham mưu cho UBND tỉnh về lao động.</p>"
    about.english_name = "Department of Labour, Invalids and Social Affairs of Son Ha Province"
    about.english_address = "18 Le Loi Street, Trung Tam Ward, Son Ha Province"
    about.english_introduction = "The Department advises the Provincial People's Committee.\n\nIt manages labour."
    about.save()
    Leader.objects.create(
        name="Trần Văn Minh",
        title="Giám đốc Sở",
        english_title="Director",
        phone="0210 3812 400",
        email="minh.tv@sonha.gov.vn",
        order=1,
    )
    office = Unit.objects.create(name="Văn phòng Sở", english_name="Office of the Department", phone="0210 3812 456")
    centre = Unit.objects.create(
        name="Trung tâm Dịch vụ việc làm", english_name="Employment Service Centre", phone="0210 3815 678", order=2
    )
    Unit.objects.create(name="Sàn giao dịch việc làm", parent=centre, head="Lê Văn Hòa")
    return about, office, centre


def test_about_page_shows_duties_leaders_units_and_chart(client, organisation):
    page = client.get(reverse("about")).content.decode()
    for text in (
        "Chức năng, nhiệm vụ",
        "Tham mưu cho UBND tỉnh",
        "Trần Văn Minh",
        "Giám đốc Sở",
        "mailto:minh.tv@sonha.gov.vn",
        "Sơ đồ tổ chức",
        "Trung tâm Dịch vụ việc làm",
        "Lê Văn Hòa",
    ):
        assert text in page, text


def test_the_organisation_chart_nests_units_under_their_parent(client, organisation):
    _about, _office, centre = organisation
    page = client.get(reverse("about")).content.decode()
    chart = page[page.index('class="org-chart"') : page.index('id="don-vi"')]
    centre_at = chart.index("Trung tâm Dịch vụ việc làm")
    child_at = chart.index("Sàn giao dịch việc làm")
    assert centre_at < child_at
    assert "<ul>" in chart[centre_at:child_at], "the sub-unit is a nested list inside its parent"
    assert f'href="#don-vi-{centre.pk}"' in chart


def test_functions_are_sanitised_on_save():
    about = AboutPage.load()
    about.functions = '<p onclick="x()">Nhiệm vụ</p><script>alert(1)</script><a href="javascript:x">a</a><img src=x>'
    about.save()
    about.refresh_from_db()
    assert "script" not in about.functions and "onclick" not in about.functions
    assert "javascript" not in about.functions and "<img" not in about.functions
    assert "<p>Nhiệm vụ</p>" in about.functions


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_the_about_page_allow_list_neutralises_known_xss_payloads(payload):
    assert problems(richtext.clean_html(f"<p>Nhiệm vụ</p>{payload}")) == []


def test_the_about_page_keeps_text_structure_and_safe_links():
    markup = (
        '<h2>Chức năng</h2><p><strong>Tham mưu</strong> <a href="https://chinhphu.vn/">cổng</a></p>'
        '<ul><li>Lao động</li></ul><table><tbody><tr><td colspan="2">1</td></tr></tbody></table>'
    )
    cleaned = richtext.clean_html(markup)
    assert problems(cleaned) == []
    for part in ("<h2>Chức năng</h2>", "<strong>Tham mưu</strong>", 'href="https://chinhphu.vn/"', "<li>Lao động</li>"):
        assert part in cleaned
    assert 'rel="noopener noreferrer"' in cleaned


def test_there_is_one_about_page():
    AboutPage.load()
    AboutPage(english_name="Second").save()
    assert AboutPage.objects.count() == 1


def test_a_unit_cannot_be_its_own_ancestor():
    parent = Unit.objects.create(name="Phòng A")
    child = Unit.objects.create(name="Tổ B", parent=parent)
    parent.parent = child
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_unit_tree_is_built_in_one_query(django_assert_num_queries, organisation):
    with django_assert_num_queries(1):
        tree = Unit.objects.tree()
        assert [unit.name for unit in tree[1].subunits] == ["Sàn giao dịch việc làm"]


def test_english_page_is_marked_english(client, organisation):
    SiteProfile.objects.create(name="Sở LĐTBXH", phone="0210 3812 456", email="sldtbxh@sonha.gov.vn")
    page = client.get(reverse("english")).content.decode()
    assert '<article class="card about" lang="en">' in page
    for text in (
        "Department of Labour, Invalids and Social Affairs of Son Ha Province",
        "18 Le Loi Street",
        "Address",
        "Phone",
        "0210 3812 456",
        "Director",
        "Employment Service Centre",
    ):
        assert text in page, text
    assert "Địa chỉ</dt>" not in page


def test_english_page_lists_reachable_units_at_every_level(client, organisation):
    _about, _office, centre = organisation
    Unit.objects.create(name="Phòng Tổ chức", english_name="Personnel Division", parent=centre, email="tc@sonha.gov.vn")
    Unit.objects.create(name="Nhóm không liên lạc", english_name="Group without contacts", parent=centre)
    page = client.get(reverse("english")).content.decode()
    assert "Personnel Division" in page and "Office of the Department" in page
    assert "Group without contacts" not in page


def test_empty_about_page_still_renders(client):
    response = client.get(reverse("about"))
    assert response.status_code == 200


def test_reviewer_edits_the_about_page_and_units(client, reviewer):
    client.force_login(reviewer)
    assert client.get(reverse("admin:dolisa_site_aboutpage_changelist")).status_code == 302
    assert client.get(reverse("admin:dolisa_site_aboutpage_change", args=[AboutPage.load().pk])).status_code == 200
    response = client.post(reverse("admin:dolisa_site_unit_add"), {"name": "Phòng Người có công", "order": 3})
    assert response.status_code == 302
    assert Unit.objects.filter(name="Phòng Người có công").exists()
    response = client.post(
        reverse("admin:dolisa_site_leader_add"), {"name": "Hoàng Thị Lan", "title": "Phó Giám đốc Sở", "order": 2}
    )
    assert response.status_code == 302


def test_editor_cannot_edit_the_about_page(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:dolisa_site_unit_add")).status_code == 403
