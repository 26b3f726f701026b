import unicodedata

import pytest

from dolisa_site import text
from news.models import Article, ArticleStatus, Category, OldSlug, Tag

from .factories import make_article, make_category


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Lao động", "lao-dong"),
        ("ĐÀO TẠO NGHỀ cho lao động nông thôn", "dao-tao-nghe-cho-lao-dong-nong-thon"),
        ("Người có công: 100% được thăm, tặng quà!", "nguoi-co-cong-100-duoc-tham-tang-qua"),
        ("Trẻ em - Bình đẳng giới", "tre-em-binh-dang-gioi"),
    ],
)
def test_vietnamese_slugs_keep_the_letter_d(title, slug):
    assert text.vietnamese_slugify(title) == slug


def test_search_form_ignores_case_accents_and_punctuation():
    assert text.search_form("LAO ĐỘNG, việc-làm!") == " lao dong viec lam "
    assert text.search_form("lao dong viec lam") == " lao dong viec lam "
    assert text.search_form("!!! ...") == ""


@pytest.mark.django_db
def test_article_slugs_are_unique_and_made_from_the_title():
    first = make_article(title="Đào tạo nghề")
    second = make_article(title="Đào tạo nghề")
    assert (first.slug, second.slug) == ("dao-tao-nghe", "dao-tao-nghe-2")


@pytest.mark.django_db
def test_text_is_stored_in_nfc():
    decomposed = unicodedata.normalize("NFD", "Người có công")
    article = make_article(title=decomposed, summary=decomposed)
    article.refresh_from_db()
    assert article.title == unicodedata.normalize("NFC", decomposed)
    assert unicodedata.is_normalized("NFC", article.summary)


@pytest.mark.django_db
def test_renaming_a_published_article_keeps_the_old_address(client):
    article = make_article(title="Tên cũ của bài")
    old_url = article.get_absolute_url()
    article.slug = "ten-moi-cua-bai"
    article.save()
    response = client.get(old_url)
    assert response.status_code == 301
    assert response["Location"] == "/tin-tuc/ten-moi-cua-bai/"
    assert OldSlug.objects.filter(slug="ten-cu-cua-bai", article=article).exists()
    # A new article cannot take the address that still redirects.
    assert make_article(title="Tên cũ của bài").slug == "ten-cu-cua-bai-2"


@pytest.mark.django_db
def test_a_draft_renamed_before_publishing_leaves_no_redirect(client):
    article = make_article(title="Bản nháp", status=ArticleStatus.DRAFT)
    article.slug = "ban-nhap-moi"
    article.save()
    assert not OldSlug.objects.exists()


@pytest.mark.django_db
def test_old_address_of_a_withdrawn_article_is_a_404(client):
    article = make_article(title="Tin sẽ gỡ")
    article.slug = "tin-se-go-moi"
    article.save()
    Article.objects.filter(pk=article.pk).update(status=ArticleStatus.WITHDRAWN)
    assert client.get("/tin-tuc/tin-se-go/").status_code == 404


@pytest.mark.django_db
def test_category_and_tag_slugs_follow_the_same_rule():
    assert make_category("Lao động - Việc làm").slug == "lao-dong-viec-lam"
    article = make_article(tags=["Đào tạo nghề"])
    assert Tag.objects.get(name="Đào tạo nghề").slug == "dao-tao-nghe"
    assert Category.objects.count() == 1 and article.tags.count() == 1
