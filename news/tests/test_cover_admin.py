"""An article with a cover is saved through the admin, unchanged and changed, by its editor (issue 10, finding 5)."""

from django.core.files.uploadedfile import SimpleUploadedFile

from dolisa_site.tests.admin_forms import resubmit
from news.models import Article, ArticleStatus

from .factories import make_article, uploaded_image


def draft_with_cover(editor):
    return make_article(
        title="Tập huấn an toàn lao động",
        status=ArticleStatus.DRAFT,
        created_by=editor,
        cover_image=uploaded_image("anh bia.jpg"),
        cover_alt="Học viên thực hành",
    )


def test_an_editor_saves_an_article_with_a_cover_unchanged(client, editor):
    article = draft_with_cover(editor)
    client.force_login(editor)
    response = resubmit(client, f"/admin/news/article/{article.pk}/change/", form_id="article_form")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Article.objects.get(pk=article.pk).cover_image.name == article.cover_image.name


def test_an_editor_changes_the_cover_description_and_picture(client, editor):
    article = draft_with_cover(editor)
    client.force_login(editor)
    response = resubmit(
        client,
        f"/admin/news/article/{article.pk}/change/",
        {"cover_alt": "Học viên đeo dây an toàn", "cover_image": uploaded_image("Ảnh của tôi.png", "PNG")},
        form_id="article_form",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    saved = Article.objects.get(pk=article.pk)
    assert saved.cover_alt == "Học viên đeo dây an toàn"
    assert saved.cover_image.name != article.cover_image.name and saved.cover_image.name.endswith(".png")


def test_a_script_is_refused_as_a_cover(client, editor):
    article = draft_with_cover(editor)
    client.force_login(editor)
    response = resubmit(
        client,
        f"/admin/news/article/{article.pk}/change/",
        {"cover_image": SimpleUploadedFile("esc.svg", b"<svg onload='fetch(1)'/>", content_type="image/svg+xml")},
        form_id="article_form",
    )
    assert response.status_code == 200
    assert Article.objects.get(pk=article.pk).cover_image.name == article.cover_image.name
