"""The dossier lookup form renders the Django way (issue 13, item 5): each field names its help and errors."""

import pytest
from django.test import Client

from dolisa_site.tests.form_html import descriptions

pytestmark = pytest.mark.django_db
URL = "/tra-cuu-ho-so/"
CODE_HELP = "Mã in trên giấy tiếp nhận hồ sơ và hẹn trả kết quả, ví dụ 000.00.25.H99.000986."


def test_lookup_help_texts_are_what_the_fields_are_described_by():
    html = Client().get(URL).content.decode()
    assert descriptions(html, "id_ma") == [CODE_HELP]
    [phone_help] = descriptions(html, "id_phone")
    assert phone_help
    # The lookup's grid (procedures.css) is kept: the code takes the whole row.
    assert 'class="form-field filter-form__field filter-form__field--wide"' in html
    assert 'name="ma" autocomplete="off"' in html and 'name="phone" autocomplete="off"' in html


def test_lookup_form_errors_are_what_the_fields_are_described_by_too():
    response = Client().post(URL, {"ma": "", "phone": "12a4"})
    html = response.content.decode()
    assert response.status_code == 400
    assert descriptions(html, "id_ma") == [CODE_HELP, "Nhập mã hồ sơ ghi trên giấy biên nhận."]
    assert descriptions(html, "id_phone")[1] == "Nhập đúng bốn chữ số cuối của số điện thoại, ví dụ 5678."
    assert 'role="alert"><p>Chưa tra cứu được.' in html
