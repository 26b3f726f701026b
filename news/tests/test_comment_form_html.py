"""The comment form renders the Django way (issue 13, item 5), and its thanks is shown once, by base.html."""

import pytest

from dolisa_site.tests.form_html import descriptions

pytestmark = pytest.mark.django_db

AWAITS = "Ý kiến của bạn đang chờ duyệt"
EMAIL_HELP = "Không bắt buộc; không bao giờ được công khai."


def send(client, article, **fields):
    data = {"name": "Nguyễn Văn An", "email": "", "body": "Xin hỏi hội chợ có tuyển lao động?", "website": ""}
    return client.post(f"/tin-tuc/{article.slug}/y-kien/", {**data, **fields})


def test_the_help_texts_are_what_the_fields_are_described_by(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert descriptions(html, "id_email") == [EMAIL_HELP]
    [body_help] = descriptions(html, "id_body")
    assert body_help.startswith("Tối đa 2.000 ký tự")
    assert 'autocomplete="name"' in html and 'type="email" name="email"' in html


def test_the_errors_are_what_the_fields_are_described_by_too(client, article):
    html = send(client, article, name=" ", email="khong-phai-email", body="").content.decode()
    assert descriptions(html, "id_name") == ["Hãy nhập họ tên."]
    help_text, error = descriptions(html, "id_email")
    assert help_text == EMAIL_HELP and error.startswith("Nhập địa chỉ email hợp lệ")
    body_help, body_error = descriptions(html, "id_body")
    assert body_error == "Hãy viết ý kiến của bạn."


def test_the_thanks_is_shown_once_as_a_status_at_the_top_of_the_page(client, article):
    html = client.get(send(client, article)["Location"]).content.decode()
    assert html.count(AWAITS) == 1
    messages = html[html.index('<div class="messages" id="thong-bao">') :].split("</div>")[0]
    assert AWAITS in messages and 'role="status"' in messages
    assert html.index('id="thong-bao"') < html.index('id="y-kien-ban-doc"')


def test_a_page_without_messages_has_no_messages_region(client, article):
    assert 'id="thong-bao"' not in client.get(article.get_absolute_url()).content.decode()
