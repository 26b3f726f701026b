"""The one public list view (dolisa_site.lists), through the lists built on it."""

import pytest
from django.urls import resolve, reverse

from procedures.models import Level
from procedures.tests.factories import make_procedure, make_sector
from questions.models import Question, Topic

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(settings):
    settings.PAGE_CACHE = False
    jobs, merit = make_sector("Việc làm"), make_sector("Người có công")
    for n in range(25):
        make_procedure(code=f"1.{n:06}", name=f"Thủ tục {n:02}", sector=jobs, level=Level.DISTRICT)
    make_procedure(code="2.000001", name="Thủ tục người có công", sector=merit)
    return {"jobs": jobs, "merit": merit}


def names(response):
    return [procedure.name for procedure in response.context["page_obj"]]


def test_active_filters_are_listed_each_with_the_address_without_it(client, catalogue):
    url = reverse("procedures:catalogue")
    response = client.get(url, {"linh-vuc": catalogue["jobs"].pk, "cap": "huyen", "q": "Thủ", "page": 2})
    # Labels and values as shown (the site speaks Vietnamese).
    active = {label: (value, address) for label, value, address in response.context["active_filters"]}
    assert active == {
        "Tên hoặc mã thủ tục": ("Thủ", f"?linh-vuc={catalogue['jobs'].pk}&cap=huyen"),
        "Lĩnh vực": ("Việc làm", "?cap=huyen&q=Th%E1%BB%A7"),
        "Cấp thực hiện": ("Cấp huyện", f"?linh-vuc={catalogue['jobs'].pk}&q=Th%E1%BB%A7"),
    }
    # Removing the last one goes back to the list's own address.
    only = client.get(url, {"cap": "huyen"}).context["active_filters"]
    assert only == [("Cấp thực hiện", "Cấp huyện", url)]
    assert client.get(url).context["active_filters"] == []


def test_page_two_and_pages_out_of_range(client, catalogue):
    url = reverse("procedures:catalogue")
    first, second = client.get(url), client.get(url, {"page": 2})
    assert len(names(first)) == 20 and len(names(second)) == 6
    assert not set(names(first)) & set(names(second))
    # Past the end: the last page; not a number: the first (never a 404).
    assert names(client.get(url, {"page": 99})) == names(second)
    assert names(client.get(url, {"page": "x"})) == names(first)


def test_an_invalid_filter_value_is_left_out_and_the_others_still_apply(client, catalogue):
    url = reverse("procedures:catalogue")
    unfiltered = client.get(url)
    invalid = client.get(url, {"cap": "no-such-level"})
    assert invalid.status_code == 200 and names(invalid) == names(unfiltered)
    assert invalid.context["active_filters"] == []
    both = client.get(url, {"cap": "no-such-level", "linh-vuc": catalogue["merit"].pk})
    assert names(both) == ["Thủ tục người có công"]


def test_questions_filter_by_topic_through_the_filterset(client, settings):
    settings.PAGE_CACHE = False
    jobs, merit = Topic.objects.create(name="Việc làm"), Topic.objects.create(name="Người có công")
    for topic in (jobs, merit):
        Question.objects.create(
            name="X",
            email="x@example.vn",
            phone="0912345678",
            topic=topic,
            title=f"Hỏi về {topic.name}",
            body="…",
            status="answered",
            answer="…",
            is_published=True,
        )
    url = reverse("questions:list")
    response = client.get(url, {"chu-de": jobs.pk})
    assert [q.title for q in response.context["page_obj"]] == ["Hỏi về Việc làm"]
    assert response.context["topic"] == jobs
    assert response.context["active_filters"] == [("Chủ đề", "Việc làm", url)]
    # Not an id (parse_id) or no such topic: the whole list, as before.
    for value in ("²", " 1", "9" * 30, "999"):
        response = client.get(url, {"chu-de": value})
        assert len(response.context["page_obj"]) == 2 and response.context["topic"] is None


@pytest.mark.parametrize("name", ["documents:list", "procedures:catalogue", "questions:list"])
def test_the_lists_stay_public_pages(name):
    assert resolve(reverse(name)).func.public_page is True


def test_every_filtered_public_list_shows_its_filters_each_with_a_link_without_it(client, db):
    from documents.tests.factories import make_document

    year = make_document(number="1/2026/QĐ-UBND").issued_on.year
    for url, parameter in (
        ("/van-ban/", f"nam={year}"),
        ("/thu-tuc-hanh-chinh/", "cap=xa"),
    ):
        html = client.get(f"{url}?{parameter}&q=tro+cap").content.decode()
        assert 'class="active-filters"' in html, url
        assert 'href="?q=tro+cap"' in html, url  # the list with that filter removed, the search kept
    assert 'class="active-filters"' not in client.get("/van-ban/").content.decode()
