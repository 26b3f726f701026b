"""The citizen's dossier lookup cannot be enumerated (issue 10, finding 3).

Every lookup counts, found or not, per visitor and for the whole site; a
dossier with a phone number is shown only with the number's last four
digits; one imported without a number is shown by its code alone under a
stricter limit. The number itself is never stored, only a keyed check.
"""

import pytest
from django.test import Client, override_settings

from dolisa_site.throttle import Throttle
from procedures import phones, views
from procedures.models import Dossier

from .factories import make_dossier, make_procedure

pytestmark = pytest.mark.django_db
URL = "/tra-cuu-ho-so/"
NOT_FOUND = "Không tìm thấy hồ sơ nào có mã"


@pytest.fixture
def dossier():
    dossier = make_dossier("000.00.26.H99.000123", make_procedure(), applicant="Nguyễn Văn An")
    dossier.set_phone("0912 345 678")
    dossier.save()
    return dossier


@pytest.fixture
def without_phone():
    return make_dossier("000.00.26.H99.000124", make_procedure("1.000002"), applicant="Trần Thị Bình")


def look_up(client, code, phone=""):
    return client.post(URL, {"ma": code, "phone": phone})


def notice(response):
    html = response.content.decode()
    return html[html.index('class="card notice') :].split("</section>")[0] if 'class="card notice' in html else ""


def test_the_right_code_and_digits_show_the_dossier_with_a_masked_name(dossier):
    response = look_up(Client(), " 000.00.26.h99.000123 ", "5678")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Nguyễn V** A*" in html and "Nguyễn Văn An" not in html
    assert "Giải quyết hưởng trợ cấp thất nghiệp" in html and "Đang xử lý" in html
    assert "5678" not in html and "0912" not in html


def test_a_wrong_or_missing_number_looks_exactly_like_a_code_that_does_not_exist(dossier):
    client = Client()
    wrong = look_up(client, dossier.code, "1234")
    missing = look_up(client, dossier.code)
    unknown = look_up(client, "000.00.26.H99.999999", "1234")
    for response in (wrong, missing, unknown):
        assert response.status_code == 200
        assert NOT_FOUND in notice(response) and "Nguyễn" not in response.content.decode()
    assert notice(wrong).replace(dossier.code, "X") == notice(unknown).replace("000.00.26.H99.999999", "X")
    assert notice(missing).replace(dossier.code, "X") == notice(wrong).replace(dossier.code, "X")


def test_a_dossier_imported_without_a_number_is_found_by_its_code_alone(without_phone):
    response = look_up(Client(), without_phone.code)
    assert response.status_code == 200 and "Trần T** B***" in response.content.decode()


def test_every_lookup_counts_found_or_not_per_visitor(dossier, caplog):
    client = Client()
    for number in range(views.LOOKUPS.limit):
        code = dossier.code if number % 2 else f"000.00.26.H99.{number:06d}"
        assert look_up(client, code, "5678").status_code == 200
    refused = look_up(client, dossier.code, "5678")
    assert refused.status_code == 429
    html = refused.content.decode()
    assert "Có quá nhiều lượt tra cứu" in html and "Nguyễn" not in html
    assert "Throttle procedures-lookup: limit of 10 attempts within 900 s reached from one address" in caplog.text
    assert "127.0.0.1" not in caplog.text
    assert look_up(Client(REMOTE_ADDR="203.0.113.9"), dossier.code, "5678").status_code == 200


def test_the_log_gets_one_line_per_burst_not_one_per_refusal(dossier, caplog):
    client = Client()
    for _attempt in range(views.LOOKUPS.limit + 5):
        look_up(client, dossier.code, "5678")
    assert caplog.text.count("limit of 10 attempts") == 1


def test_lookups_by_code_alone_have_a_stricter_limit(without_phone, dossier):
    client = Client()
    for _attempt in range(views.CODE_ONLY.limit):
        assert look_up(client, without_phone.code).status_code == 200
    assert look_up(client, without_phone.code).status_code == 429
    # Typing any four digits does not get round it: the answer would still be given by the code alone.
    assert look_up(client, without_phone.code, "0000").status_code == 429
    # Dossiers that ask for the digits are still answered.
    assert look_up(client, dossier.code, "5678").status_code == 200


def test_the_whole_site_is_limited_against_lookups_from_many_addresses(dossier, monkeypatch, caplog):
    monkeypatch.setattr(views, "LOOKUPS_SITE", Throttle("procedures-lookup", limit=3, window=900, per_visitor=False))
    for number in range(3):
        assert look_up(Client(REMOTE_ADDR=f"198.51.100.{number}"), dossier.code, "5678").status_code == 200
    assert look_up(Client(REMOTE_ADDR="198.51.100.200"), dossier.code, "5678").status_code == 429
    assert "limit of 3 attempts within 900 s reached across the whole site" in caplog.text


def test_a_visitor_who_is_refused_does_not_use_up_the_sites_lookups(dossier, monkeypatch):
    monkeypatch.setattr(views, "LOOKUPS_SITE", Throttle("procedures-lookup", limit=12, window=900, per_visitor=False))
    greedy = Client(REMOTE_ADDR="198.51.100.66")
    for _attempt in range(50):
        look_up(greedy, dossier.code, "5678")
    assert look_up(Client(REMOTE_ADDR="198.51.100.7"), dossier.code, "5678").status_code == 200


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_throttling_uses_the_forwarded_address_behind_the_proxy(dossier):
    for _attempt in range(views.LOOKUPS.limit):
        look_up(Client(HTTP_X_FORWARDED_FOR="198.51.100.7"), dossier.code, "5678")
    assert look_up(Client(HTTP_X_FORWARDED_FOR="198.51.100.7"), dossier.code, "5678").status_code == 429
    assert look_up(Client(HTTP_X_FORWARDED_FOR="198.51.100.8"), dossier.code, "5678").status_code == 200


def test_form_errors_are_vietnamese(dossier):
    response = look_up(Client(), "", "12a4")
    html = response.content.decode()
    assert response.status_code == 400
    assert "Nhập mã hồ sơ ghi trên giấy biên nhận." in html
    assert "Nhập đúng bốn chữ số cuối của số điện thoại, ví dụ 5678." in html


def test_the_page_asks_for_the_digits_and_a_link_only_fills_the_code_in(dossier):
    response = Client().get(URL, {"ma": dossier.code})
    html = response.content.decode()
    assert response.status_code == 200
    assert f'value="{dossier.code}"' in html and "Bốn số cuối điện thoại" in html
    assert 'method="post"' in html and "Nguyễn" not in html


def test_an_old_link_with_code_is_sent_on_to_the_one_name_ma(dossier):
    response = Client().get(URL, {"code": dossier.code})
    assert response.status_code == 301
    assert response["Location"] == f"{URL}?ma={dossier.code}"
    assert f'value="{dossier.code}"' in Client().get(response["Location"]).content.decode()


def test_the_number_is_kept_only_as_a_keyed_check(dossier, settings):
    stored = Dossier.objects.filter(pk=dossier.pk).values_list("phone_check", flat=True).get()
    assert len(stored) == 64 and "5678" not in stored and "0912" not in stored
    # Bound to the dossier: the same digits on another dossier give another check.
    assert phones.check_value("000.00.26.H99.000999", "0912 345 678") != stored
    # Keyed: without the secret key the digits cannot be tried offline.
    settings.SECRET_KEY = "another-secret-key-for-this-test-0123456789"
    assert not Dossier.objects.get(pk=dossier.pk).phone_matches("5678")
    # A rotated key still verifies while it is among the fallbacks.
    settings.SECRET_KEY_FALLBACKS = ["tests-only-secret-key-not-for-production-0123456789"]
    assert Dossier.objects.get(pk=dossier.pk).phone_matches("5678")
