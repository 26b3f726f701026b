"""The open data catalogue (/du-lieu-mo/ and its DCAT-like JSON): every dataset the apps register,
with its formats, parameters, working example addresses, licence and counting rules."""

import re
from datetime import datetime, timedelta
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client

from dolisa_site import opendata
from dolisa_site.models import SiteProfile
from procedures.tests.factories import make_dossier, make_procedure

pytestmark = pytest.mark.django_db
LOCAL = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2026, 3, 10, 10, 0, tzinfo=LOCAL)


@pytest.fixture(autouse=True)
def _frozen():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def content():
    SiteProfile.objects.create(pk=1, name="Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang")
    procedure = make_procedure("1.000001")
    make_dossier("HS-1", procedure, received="02/03/2026 08:00", due="09/03/2026 17:00")
    return procedure


def listed_datasets():
    return {dataset["identifier"]: dataset for dataset in Client().get("/du-lieu-mo/danh-muc.json").json()["dataset"]}


def test_the_catalogue_page_lists_every_dataset_with_formats_parameters_and_examples(content):
    response = Client().get("/du-lieu-mo/")
    assert response.status_code == 200
    html = unescape(response.content.decode())
    assert '<h1 class="page-title">Dữ liệu mở</h1>' in html
    assert "Creative Commons Ghi công 4.0 Quốc tế (CC BY 4.0)" in html
    assert "ghi rõ nguồn “Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang”" in html
    for dataset in opendata.datasets():
        assert f'id="{dataset.slug}"' in html
        assert str(dataset.title) in html
        for item in dataset.distributions:
            assert f'href="{item.url}" type="{item.media_type}"' in html
    assert 'href="/du-lieu-mo/ket-qua-thu-tuc.json"' in html and 'href="/du-lieu-mo/thu-tuc-hanh-chinh.csv"' in html
    for name in ("ky", "nam", "quy", "thang", "tu-ngay", "den-ngay", "linh-vuc"):
        assert f"<dt><code>{name}</code></dt>" in html
    assert "Cách tính số liệu" in html and "trễ hạn" in html
    # The examples are of the current quarter, month and year so far, and each answers.
    examples = re.findall(r'href="(/du-lieu-mo/ket-qua-thu-tuc\.(?:json|csv)\?[^"]+)"', html)
    assert "/du-lieu-mo/ket-qua-thu-tuc.json?ky=quy&nam=2026&quy=1" in examples
    assert "/du-lieu-mo/ket-qua-thu-tuc.csv?ky=thang&nam=2026&thang=3" in examples
    assert "/du-lieu-mo/ket-qua-thu-tuc.json?ky=khoang&tu-ngay=2026-01-01&den-ngay=2026-03-10" in examples
    assert len(examples) == 6
    for address in examples:
        assert Client().get(address).status_code == 200, address


def test_the_catalogue_json_describes_each_dataset_in_dcat_terms(content):
    response = Client().get("/du-lieu-mo/danh-muc.json")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    catalogue = response.json()
    assert catalogue["title"] == "Dữ liệu mở của Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang"
    assert catalogue["homepage"] == "http://testserver/du-lieu-mo/"
    assert catalogue["license"] == "https://creativecommons.org/licenses/by/4.0/deed.vi"
    datasets = {dataset["identifier"]: dataset for dataset in catalogue["dataset"]}
    assert set(datasets) == {"ket-qua-thu-tuc", "thu-tuc-hanh-chinh"}
    results = datasets["ket-qua-thu-tuc"]
    assert results["distribution"] == [
        {
            "format": "JSON",
            "mediaType": "application/json",
            "downloadURL": "http://testserver/du-lieu-mo/ket-qua-thu-tuc.json",
        },
        {"format": "CSV", "mediaType": "text/csv", "downloadURL": "http://testserver/du-lieu-mo/ket-qua-thu-tuc.csv"},
    ]
    assert results["landingPage"] == "http://testserver/du-lieu-mo/#ket-qua-thu-tuc"
    assert results["publisher"] == {"name": "Sở Lao động - Thương binh và Xã hội tỉnh Hà Giang"}
    assert results["license"] == catalogue["license"]
    assert [parameter["name"] for parameter in results["parameters"]] == [
        "ky",
        "nam",
        "quy",
        "thang",
        "tu-ngay",
        "den-ngay",
        "linh-vuc",
    ]
    assert "trễ hạn" in results["countingRules"]
    assert datetime.fromisoformat(results["modified"]) == NOW
    assert datetime.fromisoformat(catalogue["modified"]) == NOW
    for dataset in catalogue["dataset"]:
        for item in dataset["distribution"]:
            answer = Client().get(item["downloadURL"])
            assert answer.status_code == 200 and answer["Content-Type"].startswith(item["mediaType"]), item


def test_the_kept_catalogue_follows_a_change_to_the_data(content, _frozen):
    assert Client().get("/du-lieu-mo/danh-muc.json")["X-Page-Cache"] == "miss"
    assert Client().get("/du-lieu-mo/danh-muc.json")["X-Page-Cache"] == "hit"
    _frozen.shift(timedelta(seconds=20))
    content.name = "Trợ cấp thất nghiệp (sửa)"
    content.save()
    datasets = listed_datasets()
    assert datetime.fromisoformat(datasets["thu-tuc-hanh-chinh"]["modified"]) == NOW + timedelta(seconds=20)


def test_a_dataset_an_app_registers_is_listed(content, monkeypatch):
    monkeypatch.setattr(opendata, "_registry", dict(opendata._registry))
    opendata.register(
        "lich-cong-tac",
        title="Lịch công tác tuần",
        description="Lịch công tác của lãnh đạo Sở.",
        frequency="Hằng tuần",
        periodicity="R/P1W",
        distributions=[opendata.Distribution("JSON", "application/json", "home")],
        publisher="Văn phòng Sở",
    )
    html = unescape(Client().get("/du-lieu-mo/").content.decode())
    assert 'id="lich-cong-tac"' in html and "Văn phòng Sở" in html
    datasets = listed_datasets()
    assert datasets["lich-cong-tac"]["accrualPeriodicity"] == "R/P1W"
    assert datasets["lich-cong-tac"]["publisher"] == {"name": "Văn phòng Sở"}
    assert datasets["lich-cong-tac"]["modified"] is None
