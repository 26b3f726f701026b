"""Crafted POSTs to the questions admin: Cán bộ một cửa answer and publish questions but only look
at the topics; nobody adds or deletes a question, and what the asker wrote cannot be changed."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.messages import WARNING, get_messages
from django.urls import reverse

from questions.models import Question, QuestionStatus, Topic

from .test_views import answer_form, make_question

pytestmark = pytest.mark.django_db

CHANGELIST = "admin:questions_question_changelist"


@pytest.fixture
def topic():
    return Topic.objects.create(name="Chính sách người có công", order=1)


def stored(question):
    return Question.objects.filter(pk=question.pk).values().get()


def test_an_officers_crafted_topic_change_is_refused_and_the_reviewers_saved(client, one_stop_officer, reviewer, topic):
    url = reverse("admin:questions_topic_change", args=[topic.pk])
    client.force_login(one_stop_officer)
    assert client.get(url).status_code == 200  # read only
    assert client.post(url, {"name": "Đổi tên", "order": 1}).status_code == 403
    assert Topic.objects.get(pk=topic.pk).name == "Chính sách người có công"
    client.force_login(reviewer)
    assert client.post(url, {"name": "Đổi tên", "order": 1}).status_code == 302
    assert Topic.objects.get(pk=topic.pk).name == "Đổi tên"


def test_an_officers_crafted_new_topic_and_topic_delete_are_refused(client, one_stop_officer, topic):
    client.force_login(one_stop_officer)
    assert client.post(reverse("admin:questions_topic_add"), {"name": "Chủ đề mới", "order": 2}).status_code == 403
    delete = reverse("admin:questions_topic_delete", args=[topic.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    assert list(Topic.objects.values_list("name", flat=True)) == ["Chính sách người có công"]


@pytest.mark.parametrize("user", ["one_stop_officer", "reviewer"])
def test_a_crafted_question_delete_is_refused(client, request, topic, user):
    question = make_question(topic)
    client.force_login(request.getfixturevalue(user))
    assert client.post(reverse("admin:questions_question_delete", args=[question.pk]), {"post": "yes"}).status_code == (
        403
    )
    assert Question.objects.filter(pk=question.pk).exists()


def test_a_crafted_delete_action_is_not_one_the_officer_has(client, one_stop_officer, topic):
    """delete_selected is not offered: the admin says no action was chosen and changes nothing."""
    question = make_question(topic)
    before = stored(question)
    client.force_login(one_stop_officer)
    response = client.post(
        reverse(CHANGELIST), {"action": "delete_selected", ACTION_CHECKBOX_NAME: [question.pk], "index": 0}
    )
    assert (response.status_code, response.url) == (302, reverse(CHANGELIST))
    assert [message.level for message in get_messages(response.wsgi_request)] == [WARNING]
    assert stored(question) == before


def test_a_crafted_question_post_by_staff_without_question_rights_is_refused(client, editor, topic):
    question = make_question(topic)
    before = stored(question)
    client.force_login(editor)
    url = reverse("admin:questions_question_change", args=[question.pk])
    assert client.post(url, answer_form(question)).status_code == 403
    response = client.post(reverse(CHANGELIST), {"action": "publish", ACTION_CHECKBOX_NAME: [question.pk], "index": 0})
    assert response.status_code == 403
    assert stored(question) == before


def test_the_askers_words_and_the_record_cannot_be_rewritten(client, one_stop_officer, reviewer, topic):
    question = make_question(topic)
    client.force_login(one_stop_officer)
    crafted = answer_form(
        question,
        name="Tên khác",
        email="khac@example.vn",
        phone="0999999999",
        tracking_code="AAAAAAAA",
        answered_by=reviewer.pk,
        created_at="01/01/2020 08:00:00",
    )
    assert client.post(reverse("admin:questions_question_change", args=[question.pk]), crafted).status_code == 302
    after = stored(question)
    assert (after["name"], after["email"], after["phone"]) == ("Phạm Văn Bình", "binh@example.vn", "0912345678")
    assert after["tracking_code"] == question.tracking_code and after["created_at"] == question.created_at
    assert after["answered_by_id"] == one_stop_officer.pk


def test_the_publish_action_leaves_unanswered_questions_unpublished(client, one_stop_officer, topic):
    waiting = make_question(topic)
    answered = make_question(topic, title="Đã trả lời", status=QuestionStatus.ANSWERED, answer="Trả lời.")
    client.force_login(one_stop_officer)
    response = client.post(
        reverse(CHANGELIST), {"action": "publish", ACTION_CHECKBOX_NAME: [waiting.pk, answered.pk], "index": 0}
    )
    assert (response.status_code, response.url) == (302, reverse(CHANGELIST))
    assert dict(Question.objects.values_list("pk", "is_published")) == {waiting.pk: False, answered.pk: True}


def test_not_even_a_superuser_adds_a_question_in_the_admin(client, superuser, topic):
    client.force_login(superuser)
    data = {"topic": topic.pk, "title": "Câu hỏi tự đặt", "body": "Nội dung.", "status": "received"}
    assert client.post(reverse("admin:questions_question_add"), data).status_code == 403
    assert not Question.objects.exists()
