"""Replying to a question and publishing it: the rules kept on the model."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError

from questions.models import Question, QuestionStatus, Topic

from .test_views import make_question

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.fixture
def question():
    return make_question(Topic.objects.create(name="Bảo hiểm thất nghiệp"))


def test_answering_stamps_who_and_when(question, one_stop_officer):
    with time_machine.travel(MOMENT, tick=False):
        question.give_answer("Bạn được hưởng 3 tháng trợ cấp.", by=one_stop_officer)
    question.refresh_from_db()
    assert question.status == QuestionStatus.ANSWERED and question.answer == "Bạn được hưởng 3 tháng trợ cấp."
    assert question.answered_by == one_stop_officer and question.answered_at == MOMENT
    assert not question.is_published  # publishing is a separate step


def test_declining_stamps_who_and_when(question, one_stop_officer):
    with time_machine.travel(MOMENT, tick=False):
        question.decline("Ngoài thẩm quyền của Sở.", by=one_stop_officer)
    question.refresh_from_db()
    assert question.status == QuestionStatus.DECLINED and question.decline_reason == "Ngoài thẩm quyền của Sở."
    assert question.answered_by == one_stop_officer and question.answered_at == MOMENT


def test_an_empty_answer_or_reason_is_refused(question, one_stop_officer):
    with pytest.raises(ValidationError):
        question.give_answer("  ", by=one_stop_officer)
    with pytest.raises(ValidationError):
        question.decline("", by=one_stop_officer)
    question.refresh_from_db()
    assert question.status == QuestionStatus.RECEIVED and question.answered_by is None


@pytest.mark.parametrize("status", [QuestionStatus.RECEIVED, QuestionStatus.IN_PROGRESS])
def test_a_question_still_in_hand_is_not_stamped(question, one_stop_officer, status):
    question.status = status
    assert not question.stamp_reply(by=one_stop_officer)
    assert question.answered_by is None and question.answered_at is None


def test_only_answered_questions_are_published_in_bulk(question, one_stop_officer):
    answered = make_question(question.topic, title="Đã trả lời")
    answered.give_answer("Có.", by=one_stop_officer)
    assert Question.objects.publish() == 1
    assert list(Question.objects.published()) == [answered]
    question.refresh_from_db()
    assert not question.is_published
    assert Question.objects.withdraw() == 2
    assert not Question.objects.published().exists()
