"""The drafts' and comments' rules, at fixed moments."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import ValidationError

from consultations.forms import CommentForm
from consultations.models import COMMENT_MAX_LENGTH, Comment, CommentStatus, Draft

from .factories import MOMENT, make_comment, make_draft

pytestmark = pytest.mark.django_db


def test_a_draft_is_open_from_open_from_included_until_open_until_excluded():
    draft = make_draft(now=MOMENT, opened_days_ago=0, closes_in_days=7)
    assert draft.open_from == MOMENT
    assert not draft.is_open(MOMENT - timedelta(microseconds=1))
    assert draft.is_open(MOMENT)
    assert draft.is_open(draft.open_until - timedelta(microseconds=1))
    assert not draft.is_open(draft.open_until)


def test_is_open_follows_the_clock():
    draft = make_draft(now=MOMENT, opened_days_ago=0, closes_in_days=7)
    with time_machine.travel(draft.open_until - timedelta(seconds=1), tick=False) as clock:
        assert draft.is_open()
        assert list(Draft.objects.open()) == [draft] and not Draft.objects.closed().exists()
        clock.move_to(draft.open_until)
        assert not draft.is_open()
        assert not Draft.objects.open().exists() and list(Draft.objects.closed()) == [draft]


def test_an_unpublished_draft_is_never_open_nor_shown():
    draft = make_draft(now=MOMENT, is_published=False)
    assert not draft.is_open(MOMENT)
    assert not Draft.objects.published(MOMENT).exists()


def test_a_draft_is_shown_from_its_open_from():
    draft = make_draft(now=MOMENT, opened_days_ago=0)
    assert not Draft.objects.published(MOMENT - timedelta(seconds=1)).exists()
    assert list(Draft.objects.published(MOMENT)) == [draft]


def test_the_next_moment_is_the_next_opening_or_closing():
    make_draft(now=MOMENT, opened_days_ago=-2, closes_in_days=9)  # opens in two days
    closing = make_draft(now=MOMENT, title="Dự thảo khác", closes_in_days=5)
    make_draft(now=MOMENT, title="Chưa xuất bản", opened_days_ago=-1, is_published=False)
    assert Draft.objects.due_changes_after(MOMENT) == MOMENT + timedelta(days=2)
    assert Draft.objects.due_changes_after(MOMENT + timedelta(days=3)) == closing.open_until
    assert Draft.objects.due_changes_after(MOMENT + timedelta(days=10)) is None


def test_the_period_must_end_after_it_begins():
    draft = make_draft(now=MOMENT)
    draft.open_until = draft.open_from - timedelta(hours=1)
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert error.value.message_dict["open_until"] == ["Thời hạn góp ý phải kết thúc sau khi bắt đầu."]
    draft.open_until = draft.open_from
    with pytest.raises(ValidationError):
        draft.full_clean()
    draft.open_until = draft.open_from + timedelta(days=1)
    draft.full_clean()


def test_slug_and_search_text_come_from_the_title():
    first = make_draft(now=MOMENT)
    second = make_draft(now=MOMENT)
    assert first.slug == "du-thao-quyet-dinh-ban-hanh-quy-dinh-ho-tro-dao-tao-nghe-cho-lao-dong-nong-thon"
    assert second.slug == first.slug + "-2"
    assert " dao tao nghe " in first.search_text and " phong giao duc nghe nghiep " in first.search_text
    assert set(Draft.objects.search("DAO TẠO nghề")) == {first, second}
    assert not Draft.objects.search("ao tao").exists()


def form(**data):
    defaults = {"name": "Trần Thị Bình", "email": "", "phone": "", "organisation": "", "body": "Ý kiến góp ý."}
    return CommentForm({**defaults, **data})


def test_a_comment_needs_an_email_or_a_phone():
    alone = form()
    assert not alone.is_valid()
    assert alone.errors["email"] == [
        "Hãy cho biết địa chỉ email hoặc số điện thoại để đơn vị soạn thảo có thể trả lời."
    ]
    assert form(email="binh@example.vn").is_valid()
    assert form(phone="0912 345 678").is_valid()
    assert form(phone="+84 912.345.678").is_valid()


def test_a_phone_number_must_look_like_one():
    bad = form(phone="12345")
    assert not bad.is_valid()
    assert "Hãy nhập số điện thoại" in bad.errors["phone"][0]
    assert not form(phone="09123456789012").is_valid()


def test_a_comment_is_required_and_at_most_5000_characters():
    empty = form(email="binh@example.vn", body="   ")
    assert not empty.is_valid() and empty.errors["body"] == ["Hãy viết ý kiến của bạn."]
    assert form(email="binh@example.vn", body="ý" * COMMENT_MAX_LENGTH).is_valid()
    long = form(email="binh@example.vn", body="ý" * 10_000)
    assert not long.is_valid()
    assert long.errors["body"] == ["Ý kiến quá dài: tối đa 5000 ký tự (hiện có 10000)."]


def test_the_model_refuses_a_comment_without_contact_too():
    comment = Comment(draft=make_draft(now=MOMENT), name="A", body="B")
    with pytest.raises(ValidationError) as error:
        comment.full_clean()
    assert "email" in error.value.message_dict


def test_moderating_stamps_who_and_when(django_user_model):
    reviewer = django_user_model.objects.create_user("duyet")
    comment = make_comment(make_draft(now=MOMENT), status=CommentStatus.PENDING)
    with time_machine.travel(MOMENT, tick=False):
        comment.moderate(CommentStatus.PUBLISHED, by=reviewer)
    comment.refresh_from_db()
    assert (comment.status, comment.moderated_by, comment.moderated_at) == (CommentStatus.PUBLISHED, reviewer, MOMENT)
    with pytest.raises(ValueError):
        comment.moderate("deleted", by=reviewer)


def test_bulk_moderation_keeps_the_stamps_of_those_already_decided(django_user_model):
    first, second = django_user_model.objects.create_user("mot"), django_user_model.objects.create_user("hai")
    draft = make_draft(now=MOMENT)
    done = make_comment(draft)
    done.moderate(CommentStatus.PUBLISHED, by=first)
    waiting = make_comment(draft, status=CommentStatus.PENDING)
    assert Comment.objects.all().moderate(CommentStatus.PUBLISHED, by=second) == 1
    done.refresh_from_db()
    waiting.refresh_from_db()
    assert done.moderated_by == first and waiting.moderated_by == second


def test_hidden_comments_are_not_counted_as_received():
    draft = make_draft(now=MOMENT)
    make_comment(draft)
    make_comment(draft, status=CommentStatus.PENDING)
    make_comment(draft, status=CommentStatus.HIDDEN)
    assert draft.comments.received().count() == 2
    assert draft.comments.published().count() == 1
