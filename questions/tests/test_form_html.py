"""The question and tracking forms render the Django way: each field names its help text and errors.

Issue 13, item 5: a screen reader reads a field's help and errors only through
its aria-describedby, so the ids must be the ones the page gives them.
"""

import pytest
from django.urls import reverse

from dolisa_site.tests.form_html import descriptions
from questions.models import Topic

pytestmark = pytest.mark.django_db

BODY_HELP = "Từ 20 đến 5.000 ký tự"
CONTACT_HELP = "Hãy cho biết email hoặc số điện thoại để Sở trả lời."


@pytest.fixture
def topic():
    return Topic.objects.create(name="Chính sách người có công")


def test_the_help_texts_are_what_the_fields_are_described_by(client, topic):
    html = client.get(reverse("questions:ask")).content.decode()
    assert descriptions(html, "id_email") == [CONTACT_HELP]
    [body_help] = descriptions(html, "id_body")
    assert body_help.startswith(BODY_HELP)
    assert descriptions(html, "id_name") == []
    assert 'aria-describedby="id_name' not in html  # nothing to point at: no attribute


def test_the_errors_are_what_the_fields_are_described_by_too(client, topic):
    data = {"name": "", "email": "khong-phai-email", "phone": "12", "topic": topic.pk, "title": "Hỏi", "body": "ngắn"}
    html = client.post(reverse("questions:ask"), data).content.decode()
    assert descriptions(html, "id_name") == ["Trường này là bắt buộc."]
    help_text, error = descriptions(html, "id_email")
    assert help_text == CONTACT_HELP and "email" in error.lower()
    assert descriptions(html, "id_phone") == ["Hãy nhập số điện thoại từ 8 đến 15 chữ số."]
    body_help, body_error = descriptions(html, "id_body")
    assert body_help.startswith(BODY_HELP) and "quá ngắn" in body_error


def test_contact_fields_say_what_they_hold_for_autofill(client, topic):
    html = client.get(reverse("questions:ask")).content.decode()
    assert 'type="email" name="email"' in html and 'autocomplete="email"' in html
    assert 'type="tel" name="phone"' in html and 'autocomplete="tel"' in html
    assert 'autocomplete="name"' in html


def test_the_tracking_form_renders_through_the_same_template(client):
    html = client.get(reverse("questions:track")).content.decode()
    assert '<div class="form-field">' in html and 'for="id_ma"' in html
    assert 'name="ma" autocomplete="off"' in html
