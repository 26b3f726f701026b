"""The newsroom's rules kept on the models: who sees an article, moderating comments, restoring revisions."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import reversion
import time_machine
from django.contrib.auth.models import AnonymousUser
from reversion.models import Version

from news.models import WORKFLOW_COLUMNS, Article, ArticleStatus, Comment, CommentStatus

from .factories import make_article

pytestmark = pytest.mark.django_db

MOMENT = datetime(2026, 3, 9, 8, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_a_reviewer_sees_every_article_and_an_editor_only_their_own(editor, reviewer, make_staff):
    own = make_article(title="Bài của biên tập viên", status=ArticleStatus.DRAFT, created_by=editor)
    other = make_article(title="Bài của người khác", status=ArticleStatus.DRAFT, created_by=reviewer)
    orphan = make_article(title="Bài không rõ người viết", status=ArticleStatus.PUBLISHED)
    assert set(Article.objects.visible_to(reviewer)) == {own, other, orphan}
    assert list(Article.objects.visible_to(editor)) == [own]
    assert not Article.objects.visible_to(make_staff("Biên tập viên", "nguoi-khac")).exists()
    assert not Article.objects.visible_to(AnonymousUser()).exists()


def comment_on(article, **fields):
    return Comment.objects.create(article=article, name="Bạn đọc", body="Cảm ơn bài viết.", **fields)


def test_moderating_a_comment_stamps_who_and_when(article, reviewer):
    comment = comment_on(article)
    with time_machine.travel(MOMENT, tick=False):
        comment.moderate(CommentStatus.PUBLISHED, by=reviewer)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PUBLISHED
    assert comment.moderated_by == reviewer and comment.moderated_at == MOMENT


def test_an_unknown_comment_status_is_refused(article, reviewer):
    comment = comment_on(article)
    with pytest.raises(ValueError):
        comment.moderate("deleted", by=reviewer)
    with pytest.raises(ValueError):
        Comment.objects.moderate("deleted", by=reviewer)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and comment.moderated_by is None


def test_moderating_comments_in_bulk_leaves_those_already_decided(article, reviewer, editor):
    earlier = datetime(2026, 3, 1, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    decided = comment_on(article, status=CommentStatus.HIDDEN, moderated_by=editor, moderated_at=earlier)
    pending = [comment_on(article), comment_on(article)]
    with time_machine.travel(MOMENT, tick=False):
        assert Comment.objects.moderate(CommentStatus.HIDDEN, by=reviewer) == 2
    decided.refresh_from_db()
    assert decided.moderated_by == editor and decided.moderated_at == earlier
    for comment in pending:
        comment.refresh_from_db()
        assert comment.status == CommentStatus.HIDDEN
        assert comment.moderated_by == reviewer and comment.moderated_at == MOMENT


def test_restoring_a_revision_keeps_the_current_workflow(reviewer):
    article = make_article(title="Tiêu đề ban đầu", status=ArticleStatus.DRAFT, created_by=reviewer)
    with reversion.create_revision():
        article.save()
    article.transition("publish", reviewer)
    article.title = "Tiêu đề đã sửa"
    article.slug = "dia-chi-moi"
    article.save()
    Article.objects.filter(pk=article.pk).update(view_count=42)
    now = Article.objects.workflow_of(article.pk)
    assert set(now) == set(WORKFLOW_COLUMNS) and now["status"] == ArticleStatus.PUBLISHED

    oldest = Version.objects.get_for_object(article).last()
    oldest.revision.revert()
    Article.objects.filter(pk=article.pk).keep_workflow(now)

    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu"  # the text is the old one
    assert article.status == ArticleStatus.PUBLISHED and article.slug == "dia-chi-moi" and article.view_count == 42
    assert article.publish_at == now["publish_at"] and article.first_published_at == now["first_published_at"]
    assert article.version == now["version"] and article.created_by_id == reviewer.pk
