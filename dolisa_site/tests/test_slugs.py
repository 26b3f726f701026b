"""The one unique-slug rule (dolisa_site.slugs) that news, documents and the gallery share."""

import pytest

from documents.tests.factories import make_document
from dolisa_site.slugs import unique_slug
from gallery.models import Album
from gallery.tests.factories import make_album
from news.models import Article, Category, OldSlug
from news.tests.factories import make_article, make_category

pytestmark = pytest.mark.django_db


def test_taken_slugs_are_numbered_from_two():
    Album.objects.create(title="Hội nghị")
    Album.objects.create(title="Hội nghị")
    assert list(Album.objects.order_by("pk").values_list("slug", flat=True)) == ["hoi-nghi", "hoi-nghi-2"]
    assert unique_slug(Album, "Hội nghị") == "hoi-nghi-3"


def test_a_longer_slug_with_the_same_start_is_no_collision():
    Album.objects.create(title="Hội nghị tổng kết")
    assert unique_slug(Album, "Hội nghị") == "hoi-nghi"


def test_the_letter_d_is_kept_everywhere():
    assert make_album(title="Đoàn viên lao động", photos=0).slug == "doan-vien-lao-dong"
    assert make_category(name="Đào tạo").slug == "dao-tao"
    assert make_document(number="15/QĐ-UBND", title="Điều chỉnh").slug == "15-qd-ubnd-dieu-chinh"


def test_the_instance_own_slug_is_no_collision():
    album = Album.objects.create(title="Hội nghị")
    assert unique_slug(album, "Hội nghị") == "hoi-nghi"
    assert unique_slug(Album, "Hội nghị", exclude_pk=album.pk) == "hoi-nghi"
    assert unique_slug(Album, "Hội nghị") == "hoi-nghi-2"


def test_the_slug_from_the_text_is_cut_at_a_word_boundary():
    slug = unique_slug(Album, "Hội nghị tổng kết công tác năm 2025", max_length=15)
    assert slug == "hoi-nghi-tong"


def test_a_numbered_slug_never_exceeds_the_field():
    length = Category._meta.get_field("slug").max_length
    name = " ".join(["nghề"] * 40)  # a slug far longer than the field (160)
    first = unique_slug(Category, name, max_length=500)
    assert first == "-".join(["nghe"] * 32) and len(first) == length - 1
    Category.objects.create(name="x", slug=first)
    second = unique_slug(Category, name, max_length=500)
    assert second == "-".join(["nghe"] * 31) + "-2"
    Category.objects.create(name="y", slug=second)
    assert unique_slug(Category, name, max_length=500) == "-".join(["nghe"] * 31) + "-3"


def test_text_without_letters_takes_the_fallback():
    assert Album.objects.create(title="!!!").slug == "album"
    assert Album.objects.create(title="???").slug == "album-2"


def test_old_article_addresses_count_as_taken():
    article = make_article(title="Đào tạo nghề")
    article.slug = "dao-tao-nghe-moi"
    article.save()
    assert OldSlug.objects.filter(slug="dao-tao-nghe").exists()
    assert make_article(title="Đào tạo nghề").slug == "dao-tao-nghe-2"
    assert Article.objects.filter(slug="dao-tao-nghe").count() == 0
