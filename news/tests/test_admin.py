"""The newsroom in the admin: writing, the workflow buttons, crafted POSTs, stale edits, revisions."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from reversion.models import Version

from news.models import Article, ArticleStatus, Category

from .factories import image_bytes, make_article, make_category, uploaded_image

pytestmark = pytest.mark.django_db

ADD_URL = "/admin/news/article/add/"


def change_url(article):
    return f"/admin/news/article/{article.pk}/change/"


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def form_data(category, **extra):
    data = {
        "title": "Sàn giao dịch việc làm lưu động tại huyện Đông Hải",
        "slug": "",
        "category": category.pk,
        "summary": "Hơn 1.200 lao động được tư vấn, 320 người được tuyển dụng ngay tại sàn.",
        "body": "<p>Sáng nay, Trung tâm Dịch vụ việc làm tỉnh tổ chức sàn giao dịch việc làm.</p>",
        "cover_alt": "",
        "cover_caption": "",
        "author": "Nguyễn Hiền",
        "source_note": "",
        "tags": "việc làm, sàn giao dịch",
        "publish_at_0": "",
        "publish_at_1": "",
        "unpublish_at_0": "",
        "unpublish_at_1": "",
        "loaded_version": "",
    }
    data.update(extra)
    return data


def current_form(article):
    article.refresh_from_db()
    return form_data(
        article.category,
        title=article.title,
        summary=article.summary,
        body=article.body,
        loaded_version=article.version,
        slug=article.slug,
    )


@pytest.fixture
def category():
    return make_category("Lao động - Việc làm")


def test_editor_writes_and_submits_an_article(editor, category):
    client = client_for(editor)
    page = client.get(ADD_URL).content.decode()
    assert 'value="submit"' in page and 'value="publish"' not in page
    assert "django_ckeditor_5/dist/bundle.js" in page
    response = client.post(ADD_URL, form_data(category, _transition="submit"))
    assert response.status_code == 302, response.content.decode()[:2000]
    article = Article.objects.get()
    assert article.status == ArticleStatus.SUBMITTED and article.created_by == editor
    assert article.slug == "san-giao-dich-viec-lam-luu-dong-tai-huyen-dong-hai"
    assert sorted(article.tags.names()) == ["sàn giao dịch", "việc làm"]


def test_an_editors_crafted_publish_post_is_refused(editor, category):
    client = client_for(editor)
    response = client.post(ADD_URL, form_data(category, _transition="publish"))
    assert response.status_code == 403
    assert not Article.objects.exists()
    article = make_article(category=category, status=ArticleStatus.DRAFT, created_by=editor)
    response = client.post(change_url(article), {**current_form(article), "_transition": "publish"})
    assert response.status_code == 403
    article.refresh_from_db()
    assert article.status == ArticleStatus.DRAFT


def test_an_editor_cannot_change_a_submitted_article(editor, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED, created_by=editor)
    client = client_for(editor)
    assert client.get(change_url(article)).status_code == 200  # read-only view
    response = client.post(change_url(article), {**current_form(article), "title": "Sửa lén"})
    assert response.status_code == 403
    assert Article.objects.get().title != "Sửa lén"


def test_editors_see_only_their_own_articles(editor, make_staff, category):
    mine = make_article(category=category, title="Bài của tôi", status=ArticleStatus.DRAFT, created_by=editor)
    make_article(
        category=category,
        title="Bài của người khác",
        status=ArticleStatus.DRAFT,
        created_by=make_staff("Biên tập viên", "khac"),
    )
    page = client_for(editor).get("/admin/news/article/").content.decode()
    assert mine.title in page and "Bài của người khác" not in page


def test_reviewer_publishes_sends_back_and_withdraws(reviewer, editor, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED, created_by=editor)
    client = client_for(reviewer)
    page = client.get(change_url(article)).content.decode()
    assert 'value="publish"' in page and 'value="send_back"' in page

    response = client.post(change_url(article), {**current_form(article), "_transition": "send_back"})
    assert response.status_code == 200 and "Hãy nêu lý do trả lại" in response.content.decode()
    response = client.post(
        change_url(article), {**current_form(article), "_transition": "send_back", "workflow_note": "Thiếu số liệu"}
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.status, article.sent_back_reason) == (ArticleStatus.SENT_BACK, "Thiếu số liệu")

    response = client.post(change_url(article), {**current_form(article), "_transition": "publish"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.is_public()
    response = client.post(change_url(article), {**current_form(article), "_transition": "withdraw"})
    article.refresh_from_db()
    assert article.status == ArticleStatus.WITHDRAWN


def test_a_revision_saved_with_a_transition_says_what_was_edited_and_the_transition(reviewer, editor, category):
    article = make_article(category=category, status=ArticleStatus.SUBMITTED, created_by=editor)
    sent_back = {"_transition": "send_back", "workflow_note": "Thiếu số liệu"}
    data = {**current_form(article), "title": "Tiêu đề đã sửa", **sent_back}
    assert client_for(reviewer).post(change_url(article), data).status_code == 302
    edit = LogEntry.objects.get(object_id=str(article.pk))
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment == f"{edit.get_change_message()} Trả lại: Thiếu số liệu"
    assert latest.revision.user == reviewer


def test_the_later_of_two_edits_is_refused(reviewer, category):
    article = make_article(category=category)
    first, second = client_for(reviewer), client_for(reviewer)
    loaded = current_form(article)
    assert first.post(change_url(article), {**loaded, "title": "Bản sửa thứ nhất"}).status_code == 302
    response = second.post(change_url(article), {**loaded, "title": "Bản sửa thứ hai"})
    assert response.status_code == 200
    assert "đã lưu bài viết này lúc" in response.content.decode()
    article.refresh_from_db()
    assert article.title == "Bản sửa thứ nhất"


def test_revisions_show_a_diff_and_restore_the_text_but_not_the_status(reviewer, category):
    client = client_for(reviewer)
    client.post(ADD_URL, form_data(category, title="Tiêu đề ban đầu", _transition="publish"))
    article = Article.objects.get()
    client.post(
        change_url(article), {**current_form(article), "title": "Tiêu đề đã sửa", "body": "<p>Nội dung mới</p>"}
    )
    versions = list(Version.objects.get_for_object(article))
    assert len(versions) >= 2
    history = client.get(f"/admin/news/article/{article.pk}/history/").content.decode()
    assert "Xem thay đổi" in history
    diff = client.get(f"/admin/news/article/{article.pk}/history/{versions[0].pk}/diff/").content.decode()
    assert "ban&nbsp;đầu" in diff and "đã&nbsp;sửa" in diff
    assert "Đã xuất bản" in versions[-1].revision.comment

    oldest = versions[-1]
    restore_url = f"/admin/news/article/{article.pk}/history/{oldest.pk}/"
    page = client.get(restore_url)
    assert page.status_code == 200 and "Tiêu đề ban đầu" in page.content.decode()
    assert "Khôi phục phiên bản này" in page.content.decode()
    article.refresh_from_db()
    assert article.title == "Tiêu đề đã sửa"  # looking changes nothing
    data = {**current_form(article), "title": "Tiêu đề ban đầu", "body": oldest.field_dict["body"]}
    response = client.post(restore_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    article.refresh_from_db()
    assert article.title == "Tiêu đề ban đầu" and article.status == ArticleStatus.PUBLISHED
    latest = Version.objects.get_for_object(article).first()
    assert latest.revision.comment.startswith("Đã khôi phục phiên bản lưu lúc")


def test_a_category_with_articles_cannot_be_deleted(reviewer, category):
    make_article(category=category)
    client = client_for(reviewer)
    page = client.get(f"/admin/news/category/{category.pk}/delete/").content.decode()
    assert "không thể" in page.lower() or "Cannot" in page
    client.post(f"/admin/news/category/{category.pk}/delete/", {"post": "yes"})
    assert Category.objects.filter(pk=category.pk).exists()


def test_editors_cannot_manage_categories(editor, category):
    assert (
        client_for(editor).get(f"/admin/news/category/{category.pk}/change/").content.decode().count('name="_save"')
        == 0
    )


def test_cover_upload_is_verified_and_renamed(reviewer, category):
    client = client_for(reviewer)
    fake = SimpleUploadedFile("bia.jpg", b"khong phai anh", content_type="image/jpeg")
    response = client.post(ADD_URL, {**form_data(category, cover_alt="Ảnh"), "cover_image": fake})
    assert response.status_code == 200 and not Article.objects.exists()
    png_named_jpg = SimpleUploadedFile("Ảnh của tôi.jpg", image_bytes("PNG", (1200, 675)), content_type="image/jpeg")
    response = client.post(
        ADD_URL, {**form_data(category, cover_alt="Người lao động tại sàn"), "cover_image": png_named_jpg}
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert article.cover_image.name.startswith("news/covers/") and article.cover_image.name.endswith(".png")
    assert [item["width"] for item in article.cover_renditions] == [240, 480, 720, 960, 1200]
    assert all(item["url"].endswith(".webp") for item in article.cover_renditions)


def test_editor_image_upload(editor, client):
    url = "/quan-tri-tin/anh/"
    anonymous = client.post(url, {"upload": uploaded_image()})
    assert (anonymous.status_code, anonymous.url) == (302, f"/admin/login/?next={url}")
    staff = client_for(editor)
    response = staff.post(url, {"upload": uploaded_image("ảnh gốc.jpg")})
    assert response.status_code == 200
    stored_url = response.json()["url"]
    assert stored_url.startswith("/media/news/body/") and "gốc" not in stored_url
    assert default_storage.exists(stored_url[len("/media/") :])
    bad = staff.post(url, {"upload": SimpleUploadedFile("x.jpg", b"<script>", content_type="image/jpeg")})
    assert bad.status_code == 400 and "không phải là ảnh hợp lệ" in bad.json()["error"]["message"]


def test_staff_without_article_rights_cannot_upload(one_stop_officer):
    response = client_for(one_stop_officer).post("/quan-tri-tin/anh/", {"upload": uploaded_image()})
    assert response.status_code == 403


def test_only_those_who_may_delete_see_the_recover_link(reviewer, superuser):
    assert "Khôi phục bài viết đã xóa" not in client_for(reviewer).get("/admin/news/article/").content.decode()
    assert "Khôi phục bài viết đã xóa" in client_for(superuser).get("/admin/news/article/").content.decode()
