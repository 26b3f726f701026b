"""Crafted POSTs to the newsroom admin: what the buttons hide must also be refused when sent by hand,
and a form that cannot prove it is fresh must not overwrite anyone's work."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME

from news.models import Article, ArticleStatus, Category, Comment, CommentStatus, Tag

from .factories import make_article, make_category, uploaded_image
from .test_admin import ADD_URL, change_url, client_for, current_form

pytestmark = pytest.mark.django_db

STALE_MESSAGE = "đã lưu bài viết này lúc"


@pytest.fixture
def category():
    return make_category("Lao động - Việc làm")


def unchanged(article):
    """The row as stored, for comparing before and after a refused POST."""
    return Article.objects.filter(pk=article.pk).values().get()


# --- Workflow ------------------------------------------------------------------------


def test_an_editors_status_field_is_ignored(editor, category):
    """status is not a form field: sending it saves the edit and leaves the status alone."""
    article = make_article(category=category, status=ArticleStatus.DRAFT, created_by=editor)
    response = client_for(editor).post(
        change_url(article), {**current_form(article), "title": "Sửa tiêu đề", "status": ArticleStatus.PUBLISHED}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.title, article.status, article.publish_at) == ("Sửa tiêu đề", ArticleStatus.DRAFT, None)
    assert not Article.objects.published().exists()


@pytest.mark.parametrize("transition", ["publish", "send_back", "withdraw"])
def test_an_editors_crafted_reviewer_transition_is_refused_and_nothing_saved(editor, category, transition):
    article = make_article(category=category, status=ArticleStatus.DRAFT, created_by=editor)
    before = unchanged(article)
    data = {**current_form(article), "title": "Sửa lén", "_transition": transition, "workflow_note": "lý do"}
    response = client_for(editor).post(change_url(article), data)
    assert response.status_code == 403
    assert unchanged(article) == before


def media_files():
    root = Path(settings.MEDIA_ROOT)
    return {path for path in root.rglob("*") if path.is_file()} if root.exists() else set()


def test_a_refused_transition_stores_no_uploaded_file(editor, category):
    """The admin refuses before saving, so a crafted POST cannot even leave a picture behind."""
    article = make_article(category=category, status=ArticleStatus.DRAFT, created_by=editor)
    before = media_files()
    data = {**current_form(article), "cover_alt": "Ảnh", "cover_image": uploaded_image(), "_transition": "publish"}
    response = client_for(editor).post(change_url(article), data)
    assert response.status_code == 403
    assert media_files() == before


def test_a_reviewers_transition_the_status_does_not_allow_is_refused(reviewer, category):
    article = make_article(category=category, status=ArticleStatus.DRAFT)
    before = unchanged(article)
    response = client_for(reviewer).post(change_url(article), {**current_form(article), "_transition": "withdraw"})
    assert response.status_code == 403
    assert unchanged(article) == before


def test_an_unknown_transition_is_refused(reviewer, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED)
    before = unchanged(article)
    response = client_for(reviewer).post(change_url(article), {**current_form(article), "_transition": "delete"})
    assert response.status_code == 403
    assert unchanged(article) == before


def test_sending_back_without_a_reason_redisplays_the_form_and_saves_nothing(reviewer, editor, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED, created_by=editor)
    before = unchanged(article)
    data = {**current_form(article), "title": "Sửa khi trả lại", "_transition": "send_back", "workflow_note": "  "}
    response = client_for(reviewer).post(change_url(article), data)
    assert response.status_code == 200
    assert "Hãy nêu lý do trả lại" in response.content.decode()
    assert unchanged(article) == before


def test_the_reviewer_publishes_what_the_editor_may_not(reviewer, editor, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED, created_by=editor)
    response = client_for(reviewer).post(change_url(article), {**current_form(article), "_transition": "publish"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.is_public()


def test_an_editors_post_to_a_colleagues_article_finds_nothing(editor, make_staff, category):
    colleague = make_staff("Biên tập viên", "bien-tap-vien-khac")
    article = make_article(category=category, status=ArticleStatus.DRAFT, created_by=colleague)
    before = unchanged(article)
    response = client_for(editor).post(change_url(article), {**current_form(article), "title": "Sửa bài người khác"})
    # Outside the editor's queryset the admin answers as for a missing article.
    assert response.status_code == 302 and response.url == "/admin/"
    assert unchanged(article) == before


def test_an_editors_post_to_an_article_already_submitted_is_refused(editor, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED, created_by=editor)
    before = unchanged(article)
    response = client_for(editor).post(change_url(article), {**current_form(article), "_transition": "submit"})
    assert response.status_code == 403
    assert unchanged(article) == before


# --- What editors may only look at ---------------------------------------------------------


def test_an_editors_crafted_category_change_is_refused(editor, category):
    response = client_for(editor).post(
        f"/admin/news/category/{category.pk}/change/", {"name": "Đổi tên", "slug": category.slug, "order": 0}
    )
    assert response.status_code == 403
    assert Category.objects.get(pk=category.pk).name == "Lao động - Việc làm"


def test_an_editors_crafted_tag_and_category_additions_are_refused(editor):
    client = client_for(editor)
    assert client.post("/admin/news/tag/add/", {"name": "Thẻ mới", "slug": "the-moi"}).status_code == 403
    assert client.post("/admin/news/category/add/", {"name": "Mục mới", "order": 0}).status_code == 403
    assert not Tag.objects.exists() and not Category.objects.exists()


def test_an_editors_crafted_comment_moderation_is_refused(editor, category):
    article = make_article(category=category)
    comment = Comment.objects.create(article=article, name="Bạn đọc", body="Ý kiến.")
    response = client_for(editor).post(
        "/admin/news/comment/", {"action": "publish", ACTION_CHECKBOX_NAME: [comment.pk], "index": 0}
    )
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and comment.moderated_by is None


def test_an_editors_crafted_delete_is_refused(editor, category):
    article = make_article(category=category, status=ArticleStatus.DRAFT, created_by=editor)
    response = client_for(editor).post(f"/admin/news/article/{article.pk}/delete/", {"post": "yes"})
    assert response.status_code == 403
    assert Article.objects.filter(pk=article.pk).exists()


# --- Stale edits ---------------------------------------------------------------------------


@pytest.mark.parametrize("version", [None, ""], ids=["field left out", "field empty"])
def test_an_edit_that_does_not_say_which_version_it_changed_is_refused_like_a_stale_one(reviewer, category, version):
    article = make_article(category=category)
    before = unchanged(article)
    data = {**current_form(article), "title": "Không rõ phiên bản"}
    if version is None:
        del data["loaded_version"]
    else:
        data["loaded_version"] = version
    response = client_for(reviewer).post(change_url(article), data)
    assert response.status_code == 200
    assert STALE_MESSAGE in response.content.decode()
    assert unchanged(article) == before


def test_an_edit_of_an_older_version_is_refused_and_of_the_current_one_saved(reviewer, category):
    article = make_article(category=category)
    client = client_for(reviewer)
    stale = {**current_form(article), "loaded_version": article.version - 1, "title": "Bản cũ"}
    response = client.post(change_url(article), stale)
    assert response.status_code == 200 and STALE_MESSAGE in response.content.decode()
    response = client.post(change_url(article), {**current_form(article), "title": "Bản mới"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.title == "Bản mới"


def test_the_first_save_of_a_new_article_needs_no_version(editor, category):
    response = client_for(editor).post(
        ADD_URL, {**current_form(make_article(category=category)), "slug": "", "loaded_version": ""}
    )
    assert response.status_code == 302
    assert Article.objects.count() == 2
