"""The demo news: enough believable articles, consistent with the menu, stored as a save would store them."""

import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from dolisa_site import text
from news.models import Article, ArticleStatus, Category
from news.sanitize import clean_html, html_to_text

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_news():
    call_command("loaddata", str(FIXTURES / "20_news.json"), verbosity=0)


def test_demo_news_fills_every_menu_category(demo_news):
    menu = json.loads((FIXTURES / "10_site.json").read_text(encoding="utf-8"))
    linked = {
        row["fields"]["link"].split("/")[2]
        for row in menu
        if row["model"] == "dolisa_site.menuitem" and row["fields"]["link"].startswith("/chuyen-muc/")
    }
    assert linked and linked <= set(Category.objects.values_list("slug", flat=True))
    published = Article.objects.published()
    assert published.count() >= 40
    for category in Category.objects.top_level():
        assert published.in_category(category).count() >= 4, category
    assert Article.objects.exclude(status=ArticleStatus.PUBLISHED).exists()
    assert published.filter(is_featured=True).exists()


def test_demo_articles_are_stored_as_a_save_would_store_them(demo_news):
    for article in Article.objects.all():
        assert clean_html(article.body) == article.body, article.title
        assert article.search_text == text.search_form(
            " ".join([article.title, article.summary, html_to_text(article.body)])
        )
        assert article.slug == text.vietnamese_slugify(article.title, 180)
        if article.cover_image:
            assert (FIXTURES / "media" / article.cover_image.name).is_file()
            assert article.cover_alt
