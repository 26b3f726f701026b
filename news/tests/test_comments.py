"""Readers' comments: closed by default, held for moderation, inert text, throttled, moderated by reviewers."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from dolisa_site.tests.factories import make_menu, make_profile
from news import views
from news.models import COMMENT_MAX_LENGTH, Comment, CommentStatus

from .factories import make_article

pytestmark = pytest.mark.django_db

AWAITS = "Ý kiến của bạn đang chờ duyệt"


def comment_url(article):
    return f"/tin-tuc/{article.slug}/y-kien/"


def send(client, article, **fields):
    data = {
        "name": "Nguyễn Văn An",
        "email": "",
        "body": "Xin hỏi hội chợ có tuyển lao động phổ thông không?",
        "website": "",
        **fields,
    }
    return client.post(comment_url(article), data)


def test_comments_are_closed_by_default(client):
    make_menu()
    make_profile()
    closed = make_article(title="Bài chưa mở bình luận")
    assert closed.comments_open is False
    html = client.get(closed.get_absolute_url()).content.decode()
    assert "Bình luận đã đóng" in html
    assert 'name="body"' not in html


def test_posting_to_a_closed_article_is_refused(client, article):
    article.comments_open = False
    article.save()
    response = send(client, article)
    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_posting_to_an_unpublished_article_is_refused(client):
    from news.models import ArticleStatus

    draft = make_article(title="Bản nháp", status=ArticleStatus.DRAFT, comments_open=True)
    assert send(client, draft).status_code == 404
    assert not Comment.objects.exists()


def test_open_article_shows_the_form(client, article):
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'name="body"' in html and "Bình luận đã đóng" not in html
    assert 'class="form-trap"' in html


def test_a_comment_is_held_for_moderation_and_the_reader_is_told(client, article):
    response = send(client, article, email="an@example.vn")
    assert response.status_code == 302
    assert response["Location"] == article.get_absolute_url() + "#thong-bao"
    comment = Comment.objects.get()
    assert comment.status == CommentStatus.PENDING and comment.email == "an@example.vn"
    html = client.get(response["Location"]).content.decode()
    assert AWAITS in html
    assert "Xin hỏi hội chợ" not in html  # not shown before a reviewer publishes it


def test_nothing_about_the_address_is_stored(client, article):
    send(client, article, REMOTE_ADDR="203.0.113.7")
    names = {field.name for field in Comment._meta.get_fields()}
    assert not names & {"ip", "ip_address", "address", "user_agent"}
    assert "203.0.113.7" not in str(Comment.objects.values().get())


def test_the_honeypot_drops_the_comment_silently(client, article):
    response = send(client, article, website="http://spam.example")
    assert response.status_code == 302
    assert not Comment.objects.exists()
    assert AWAITS in client.get(response["Location"]).content.decode()


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": "  "}, "Hãy nhập họ tên"),
        ({"body": ""}, "Hãy viết ý kiến của bạn"),
        ({"body": "x" * (COMMENT_MAX_LENGTH + 1)}, "Ý kiến quá dài"),
        ({"name": "A" * 101}, "Họ tên quá dài"),
        ({"email": "khong-phai-email"}, "Nhập địa chỉ email hợp lệ"),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_nothing_is_stored(client, article, fields, message):
    response = send(client, article, **fields)
    assert response.status_code == 400
    html = response.content.decode()
    assert message in html and "Ý kiến chưa được gửi" in html
    assert not Comment.objects.exists()


def test_sending_is_throttled(client, article):
    for number in range(views.COMMENTING.limit):
        assert send(client, article, body=f"Ý kiến số {number}").status_code == 302
    response = send(client, article, body="Một ý kiến nữa")
    assert response.status_code == 429
    assert "Bạn đã gửi nhiều ý kiến" in response.content.decode()
    assert Comment.objects.count() == views.COMMENTING.limit


def test_html_stays_text_and_links_are_not_clickable(client, article):
    body = (
        '<script>alert("x")</script><b>đậm</b> <a href="http://lua-dao.example">bấm</a>\n'
        "xem http://lua-dao.example/trang nhé"
    )
    send(client, article, body=body, name="<i>Kẻ lạ</i>")
    Comment.objects.update(status=CommentStatus.PUBLISHED)
    html = client.get(article.get_absolute_url()).content.decode()
    section = html[html.index('id="y-kien-ban-doc"') :]
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;đậm&lt;/b&gt;" in section
    assert "&lt;i&gt;Kẻ lạ&lt;/i&gt;" in section
    assert "<script>alert" not in html and "<b>đậm" not in html
    assert 'href="http://lua-dao.example' not in html
    assert "<br>xem http://lua-dao.example/trang nhé" in section
    # Stored exactly as written: escaping is the page's job.
    assert Comment.objects.get().body == body


def test_only_published_comments_are_shown(client, article):
    for status, text in (
        (CommentStatus.PUBLISHED, "Ý kiến đã duyệt"),
        (CommentStatus.PENDING, "Ý kiến chờ duyệt"),
        (CommentStatus.HIDDEN, "Ý kiến bị ẩn"),
    ):
        Comment.objects.create(article=article, name="Bạn đọc", body=text, status=status)
    other = make_article(title="Bài khác", comments_open=True)
    Comment.objects.create(article=other, name="Bạn đọc", body="Ý kiến bài khác", status=CommentStatus.PUBLISHED)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Ý kiến đã duyệt" in html
    assert "Ý kiến chờ duyệt" not in html and "Ý kiến bị ẩn" not in html and "Ý kiến bài khác" not in html


def test_published_comments_stay_visible_after_closing(client, article):
    Comment.objects.create(article=article, name="Bạn đọc", body="Cảm ơn Sở", status=CommentStatus.PUBLISHED)
    article.comments_open = False
    article.save()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Cảm ơn Sở" in html and "Bình luận đã đóng" in html


def test_the_article_page_runs_the_same_queries_with_0_and_20_comments(client, article):
    counts = []
    for total in (0, 20):
        Comment.objects.all().delete()
        Comment.objects.bulk_create(
            Comment(article=article, name=f"Bạn đọc {n}", body=f"Ý kiến {n}", status=CommentStatus.PUBLISHED)
            for n in range(total)
        )
        cache.clear()
        # Warm the layout's blocks (the first build also creates the widget settings row).
        client.get("/")
        client.get("/")
        with CaptureQueriesContext(connection) as captured:
            html = client.get(article.get_absolute_url()).content.decode()
        assert html.count('class="comment"') == total
        counts.append(len(captured))
    assert counts[0] == counts[1], counts


# --- Moderation in the admin --------------------------------------------------------


def action(client, name, comments):
    return client.post(
        "/admin/news/comment/", {"action": name, ACTION_CHECKBOX_NAME: [c.pk for c in comments]}, follow=True
    )


def test_a_reviewer_publishes_and_hides_comments(client, article, reviewer):
    first = Comment.objects.create(article=article, name="Trần Thị Bình", body="Rất hữu ích")
    second = Comment.objects.create(article=article, name="Lê Văn Cường", body="Cần thêm thông tin")
    client.force_login(reviewer)
    listing = client.get("/admin/news/comment/", {"status__exact": "pending", "q": "Bình"})
    assert listing.status_code == 200
    assert "Trần Thị Bình" in listing.content.decode() and "Lê Văn Cường" not in listing.content.decode()
    response = action(client, "publish", [first, second])
    assert "2 ý kiến đã được đăng" in response.content.decode()
    first.refresh_from_db()
    assert first.status == CommentStatus.PUBLISHED and first.moderated_by == reviewer and first.moderated_at
    client.logout()
    assert "Rất hữu ích" in client.get(article.get_absolute_url()).content.decode()
    client.force_login(reviewer)
    action(client, "hide", [first])
    first.refresh_from_db()
    assert first.status == CommentStatus.HIDDEN
    client.logout()
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Rất hữu ích" not in html and "Cần thêm thông tin" in html


def test_a_reviewer_cannot_rewrite_what_a_reader_wrote(client, article, reviewer):
    comment = Comment.objects.create(article=article, name="Trần Thị Bình", body="Nguyên văn")
    client.force_login(reviewer)
    client.post(
        f"/admin/news/comment/{comment.pk}/change/", {"status": "published", "body": "Đã sửa", "name": "Người khác"}
    )
    comment.refresh_from_db()
    assert comment.body == "Nguyên văn" and comment.name == "Trần Thị Bình"
    assert comment.status == CommentStatus.PUBLISHED and comment.moderated_by == reviewer
    assert client.get("/admin/news/comment/add/").status_code == 403


def test_an_editor_cannot_moderate(client, article, editor):
    comment = Comment.objects.create(article=article, name="Trần Thị Bình", body="Chờ duyệt")
    client.force_login(editor)
    assert client.get("/admin/news/comment/").status_code == 403
    assert client.get(f"/admin/news/comment/{comment.pk}/change/").status_code == 403
    response = client.post("/admin/news/comment/", {"action": "publish", ACTION_CHECKBOX_NAME: [comment.pk]})
    assert response.status_code == 403
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_demo_news_has_open_articles_with_published_comments(client):
    from pathlib import Path

    from django.conf import settings
    from django.core.management import call_command

    call_command("loaddata", str(Path(settings.BASE_DIR) / "fixtures" / "20_news.json"), verbosity=0)
    make_menu()
    make_profile()
    from news.models import Article

    open_articles = Article.objects.published().filter(comments_open=True)
    assert open_articles.count() >= 3
    for article in open_articles:
        comments = list(article.comments.published())
        assert len(comments) >= 2 and all(c.created_at > article.publish_at for c in comments)
        html = client.get(article.get_absolute_url()).content.decode()
        assert comments[0].name in html
