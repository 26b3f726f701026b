from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone
from reversion.models import Version

from news.models import Article, ArticleStatus, WorkflowError

from .factories import make_article, make_category

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(editor):
    make_category()
    return make_article(title="Bản tin của biên tập viên", status=ArticleStatus.DRAFT, created_by=editor)


def test_groups_hold_the_workflow_permissions(editor, reviewer):
    assert editor.has_perm("news.submit_article") and editor.has_perm("news.add_article")
    assert not editor.has_perm("news.publish_article") and not editor.has_perm("news.change_category")
    for permission in ("publish_article", "send_back_article", "withdraw_article", "change_category"):
        assert reviewer.has_perm(f"news.{permission}")


def test_editor_submits_and_reviewer_publishes(draft, editor, reviewer):
    draft.transition("submit", editor)
    assert draft.status == ArticleStatus.SUBMITTED
    draft.transition("publish", reviewer)
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.PUBLISHED and draft.is_public()
    assert draft.publish_at and draft.first_published_at
    comments = [version.revision.comment for version in Version.objects.get_for_object(draft)]
    assert comments == ["Đã xuất bản", "Đã gửi duyệt"]


@pytest.mark.parametrize("transition", ["publish", "send_back", "withdraw"])
def test_an_editor_cannot_take_reviewer_decisions(draft, editor, transition):
    with pytest.raises(PermissionDenied):
        draft.transition(transition, editor, reason="lý do")
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.DRAFT


def test_an_editor_cannot_submit_someone_elses_article(draft, make_staff):
    other = make_staff("Biên tập viên", "bien-tap-vien-khac")
    with pytest.raises(PermissionDenied):
        draft.transition("submit", other)


def test_sending_back_needs_a_reason_and_keeps_it(draft, editor, reviewer):
    draft.transition("submit", editor)
    with pytest.raises(ValidationError):
        draft.transition("send_back", reviewer, reason="  ")
    draft.transition("send_back", reviewer, reason="Bổ sung số liệu của huyện Đông Hải.")
    draft.refresh_from_db()
    assert draft.status == ArticleStatus.SENT_BACK and draft.sent_back_reason.startswith("Bổ sung")
    assert draft.can_be_edited_by(editor)
    draft.transition("submit", editor)
    assert draft.sent_back_reason == ""


def test_transitions_follow_the_status_order(draft, reviewer):
    with pytest.raises(WorkflowError):
        draft.transition("withdraw", reviewer)
    draft.transition("publish", reviewer)
    draft.transition("withdraw", reviewer)
    assert not Article.objects.published().exists()


def test_editor_edits_only_own_articles_while_they_are_with_them(draft, editor, reviewer, make_staff):
    assert draft.can_be_edited_by(editor)
    assert not draft.can_be_edited_by(make_staff("Biên tập viên", "bien-tap-vien-khac"))
    draft.transition("submit", editor)
    assert not draft.can_be_edited_by(editor)
    assert draft.can_be_edited_by(reviewer)


def test_scheduled_articles_appear_and_disappear_by_themselves(reviewer):
    now = timezone.now()
    article = make_article(title="Tin hẹn giờ", status=ArticleStatus.DRAFT)
    article.publish_at = now + timedelta(hours=2)
    article.unpublish_at = now + timedelta(days=2)
    article.save()
    article.transition("publish", reviewer)
    assert article.publish_at == now + timedelta(hours=2)  # the chosen time is kept
    assert not Article.objects.published(now).exists()
    assert Article.objects.published(now + timedelta(hours=3)).get() == article
    assert not Article.objects.published(now + timedelta(days=3)).exists()
    assert Article.objects.due_changes_after(now) == now + timedelta(hours=2)


def test_unpublish_time_must_follow_publish_time():
    article = make_article(status=ArticleStatus.DRAFT)
    article.publish_at = timezone.now()
    article.unpublish_at = article.publish_at - timedelta(minutes=1)
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "unpublish_at" in error.value.message_dict


def test_a_cover_image_needs_a_description():
    article = Article(title="Có ảnh", cover_image="news/covers/a.jpg", cover_width=800, cover_height=450, cover_alt=" ")
    with pytest.raises(ValidationError) as error:
        article.clean()
    assert "cover_alt" in error.value.message_dict


# A fixed clock for the schedule rules; the hours are offsets from it.
FROZEN = datetime(2026, 3, 10, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
H = timedelta(hours=1)
SCHEDULES = {
    "published an hour ago": (ArticleStatus.PUBLISHED, -H, None, True),
    "published at this very moment": (ArticleStatus.PUBLISHED, timedelta(0), None, True),
    "publish time an hour ahead": (ArticleStatus.PUBLISHED, H, None, False),
    "publish time a second ahead": (ArticleStatus.PUBLISHED, timedelta(seconds=1), None, False),
    "unpublish time an hour ahead": (ArticleStatus.PUBLISHED, -48 * H, H, True),
    "unpublish time reached this moment": (ArticleStatus.PUBLISHED, -48 * H, timedelta(0), False),
    "unpublish time an hour ago": (ArticleStatus.PUBLISHED, -48 * H, -H, False),
    "published without a publish time": (ArticleStatus.PUBLISHED, None, None, False),
    "withdrawn within its schedule": (ArticleStatus.WITHDRAWN, -H, H, False),
    "submitted with a past publish time": (ArticleStatus.SUBMITTED, -H, None, False),
}


@pytest.mark.parametrize("status, publish, unpublish, live", SCHEDULES.values(), ids=SCHEDULES.keys())
def test_what_is_live_follows_the_status_and_the_clock(status, publish, unpublish, live):
    with time_machine.travel(FROZEN, tick=False):
        article = make_article(status=ArticleStatus.DRAFT)
        Article.objects.filter(pk=article.pk).update(
            status=status,
            publish_at=FROZEN + publish if publish is not None else None,
            unpublish_at=FROZEN + unpublish if unpublish is not None else None,
        )
        article.refresh_from_db()
        assert article.is_public() is live
        assert Article.objects.published().filter(pk=article.pk).exists() is live
        # An explicit moment gives the same answer as the clock.
        assert article.is_public(FROZEN) is live
        assert Article.objects.published(FROZEN).filter(pk=article.pk).exists() is live


def test_an_expiring_article_disappears_without_a_save():
    with time_machine.travel(FROZEN, tick=False) as traveller:
        article = make_article(publish_at=FROZEN - H, unpublish_at=FROZEN + H)
        assert article.is_public() and Article.objects.published().get() == article
        traveller.shift(2 * H)
        assert not article.is_public() and not Article.objects.published().exists()


def test_the_next_scheduled_change_is_an_appearance_or_a_disappearance():
    expiring = make_article(title="Tin sắp gỡ", publish_at=FROZEN - H, unpublish_at=FROZEN + 3 * H)
    assert Article.objects.due_changes_after(FROZEN) == FROZEN + 3 * H
    make_article(title="Tin sắp lên", publish_at=FROZEN + 5 * H)
    assert Article.objects.due_changes_after(FROZEN) == FROZEN + 3 * H
    Article.objects.filter(pk=expiring.pk).update(unpublish_at=FROZEN + 7 * H)
    assert Article.objects.due_changes_after(FROZEN) == FROZEN + 5 * H
    # A draft's time changes nothing on the site, nor do moments already past.
    make_article(title="Bản nháp", status=ArticleStatus.DRAFT, publish_at=FROZEN + H)
    assert Article.objects.due_changes_after(FROZEN) == FROZEN + 5 * H
    assert Article.objects.due_changes_after(FROZEN + 8 * H) is None
