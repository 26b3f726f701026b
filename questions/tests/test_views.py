import pytest
from django.urls import reverse

from questions.models import Question, QuestionStatus, Topic, normalise_tracking_code
from questions.views import SENDING

pytestmark = pytest.mark.django_db


@pytest.fixture
def topic():
    return Topic.objects.create(name="Chính sách người có công")


def form_data(topic, **extra):
    data = {
        "name": "Lê Thị Hoa",
        "email": "hoa@example.vn",
        "phone": "",
        "topic": topic.pk,
        "title": "Trợ cấp cho con liệt sĩ",
        "body": (
            "Tôi là con của liệt sĩ, năm nay 19 tuổi và đang học đại học. Tôi có được hưởng trợ cấp hằng tháng không?"
        ),
        "website": "",
    }
    data.update(extra)
    return data


def make_question(topic, **fields):
    defaults = {
        "name": "Phạm Văn Bình",
        "email": "binh@example.vn",
        "phone": "0912345678",
        "topic": topic,
        "title": "Hỏi về bảo hiểm thất nghiệp",
        "body": "Tôi nghỉ việc thì được hưởng bao nhiêu tháng?",
    }
    defaults.update(fields)
    return Question.objects.create(**defaults)


def test_sending_a_question_shows_its_tracking_code(client, topic):
    response = client.post(reverse("questions:ask"), form_data(topic), follow=True)
    question = Question.objects.get()
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("questions:sent")
    assert question.display_code in page
    assert question.status == QuestionStatus.RECEIVED and not question.is_published


@pytest.mark.parametrize("body", ["", "   ", "Quá ngắn"])
def test_an_empty_or_short_question_is_refused(client, topic, body):
    response = client.post(reverse("questions:ask"), form_data(topic, body=body))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Câu hỏi chưa được gửi" in page
    assert not Question.objects.exists()


def test_a_10000_character_question_is_refused_and_kept_in_the_form(client, topic):
    body = "Xin hỏi " + "a" * 9992
    response = client.post(reverse("questions:ask"), form_data(topic, body=body))
    assert response.status_code == 400
    page = response.content.decode()
    assert "tối đa 5000" in page
    assert "Xin hỏi aaaa" in page  # what the person wrote is not lost
    assert not Question.objects.exists()


def test_an_email_or_a_phone_is_required(client, topic):
    response = client.post(reverse("questions:ask"), form_data(topic, email="", phone=""))
    assert response.status_code == 400
    assert "Hãy cho biết email hoặc số điện thoại" in response.content.decode()


def test_a_phone_alone_is_enough(client, topic):
    response = client.post(reverse("questions:ask"), form_data(topic, email="", phone="0912 345 678"))
    assert response.status_code == 302
    assert Question.objects.get().phone == "0912 345 678"


def test_the_honeypot_drops_the_submission_silently(client, topic, caplog):
    response = client.post(reverse("questions:ask"), form_data(topic, website="http://spam.example"), follow=True)
    assert response.status_code == 200
    assert not Question.objects.exists()
    assert "HD-" not in response.content.decode()
    assert "honeypot" in caplog.text


def test_sending_is_throttled_per_address(client, topic, caplog):
    for _number in range(SENDING.limit):
        assert client.post(reverse("questions:ask"), form_data(topic)).status_code == 302
    response = client.post(reverse("questions:ask"), form_data(topic))
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều câu hỏi" in response.content.decode()
    assert Question.objects.count() == SENDING.limit
    assert "Throttled questions:sent" in caplog.text and "127.0.0.1" not in caplog.text
    other = client.post(reverse("questions:ask"), form_data(topic), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 302


def test_status_check_by_tracking_code(client, topic):
    question = make_question(topic)
    page = client.get(reverse("questions:track"), {"ma": question.display_code.lower()}).content.decode()
    assert "Đã tiếp nhận" in page and question.title in page
    assert question.email not in page and question.phone not in page


def test_status_check_shows_the_answer_once_given(client, topic):
    question = make_question(topic, status=QuestionStatus.ANSWERED, answer="Anh/chị được hưởng 3 tháng trợ cấp.")
    page = client.get(reverse("questions:track"), {"ma": question.tracking_code}).content.decode()
    assert "Đã trả lời" in page and "3 tháng trợ cấp" in page


def test_unknown_tracking_code(client):
    response = client.get(reverse("questions:track"), {"ma": "HD-ZZZZZZZZ"})
    assert response.status_code == 404
    assert "Không có câu hỏi nào có mã tra cứu này" in response.content.decode()


def test_tracking_code_is_normalised():
    assert normalise_tracking_code(" hd-7k3q x9pa ") == "7K3QX9PA"


def test_published_answers_hide_the_askers_contact_details(client, topic):
    answered = make_question(
        topic, status=QuestionStatus.ANSWERED, answer="Được hưởng theo Luật Việc làm.", is_published=True
    )
    make_question(topic, title="Câu hỏi chưa trả lời")
    listing = client.get(reverse("questions:list")).content.decode()
    assert answered.title in listing and "Câu hỏi chưa trả lời" not in listing
    detail = client.get(answered.get_absolute_url()).content.decode()
    assert "Được hưởng theo Luật Việc làm" in detail
    for private in (answered.name, answered.email, answered.phone, answered.tracking_code):
        assert private not in detail and private not in listing


def test_unanswered_question_has_no_public_page(client, topic):
    assert client.get(make_question(topic).get_absolute_url()).status_code == 404


def test_list_filters_by_topic(client, topic):
    other = Topic.objects.create(name="Việc làm")
    make_question(topic, title="Hỏi về người có công", status="answered", answer="Trả lời.", is_published=True)
    make_question(other, title="Hỏi về việc làm", status="answered", answer="Trả lời.", is_published=True)
    page = client.get(reverse("questions:list"), {"chu-de": other.pk}).content.decode()
    assert "Hỏi về việc làm" in page and "Hỏi về người có công" not in page
    assert client.get(reverse("questions:list"), {"chu-de": "x'"}).status_code == 200


# --- The admin -------------------------------------------------------------------------


def answer_form(question, **extra):
    data = {
        "topic": question.topic_id,
        "title": question.title,
        "body": question.body,
        "status": "answered",
        "answer": "Theo quy định, anh/chị được hưởng trợ cấp.",
        "decline_reason": "",
        "is_published": "on",
    }
    data.update(extra)
    return data


def test_one_stop_officer_answers_and_publishes(client, one_stop_officer, topic):
    question = make_question(topic)
    client.force_login(one_stop_officer)
    url = reverse("admin:questions_question_change", args=[question.pk])
    response = client.post(url, answer_form(question))
    assert response.status_code == 302
    question.refresh_from_db()
    assert question.status == "answered" and question.is_published
    assert question.answered_by == one_stop_officer and question.answered_at
    assert question.name == "Phạm Văn Bình"  # the asker's details are read-only
    assert client.get(question.get_absolute_url()).status_code == 200


def test_answered_without_an_answer_is_refused(client, one_stop_officer, topic):
    question = make_question(topic)
    client.force_login(one_stop_officer)
    response = client.post(
        reverse("admin:questions_question_change", args=[question.pk]), answer_form(question, answer="")
    )
    assert response.status_code == 200
    assert "Hãy viết câu trả lời" in response.content.decode()


def test_unanswered_question_cannot_be_published(client, one_stop_officer, topic):
    question = make_question(topic)
    client.force_login(one_stop_officer)
    response = client.post(
        reverse("admin:questions_question_change", args=[question.pk]),
        answer_form(question, status="received", answer=""),
    )
    assert "Chỉ câu hỏi đã được trả lời" in response.content.decode()


def test_staff_cannot_add_or_delete_questions(client, one_stop_officer, topic):
    question = make_question(topic)
    client.force_login(one_stop_officer)
    assert client.get(reverse("admin:questions_question_add")).status_code == 403
    assert client.get(reverse("admin:questions_question_delete", args=[question.pk])).status_code == 403


def test_editor_cannot_see_questions(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:questions_question_changelist")).status_code == 403


def test_sidebar_block_leads_to_the_form_and_the_status_check(client):
    page = client.get("/").content.decode()
    assert "widget--questions" in page
    assert f'href="{reverse("questions:ask")}"' in page and f'href="{reverse("questions:track")}"' in page
