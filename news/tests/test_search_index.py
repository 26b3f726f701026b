"""On PostgreSQL the diacritics-free search is served by trigram indexes (migration 0003)."""

import pytest
from django.db import connection

from news.models import Article

from .factories import make_article

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist only on PostgreSQL"),
]


def test_trigram_indexes_exist_and_serve_the_search():
    make_article(title="Lao động nông thôn học nghề")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'news_article'")
        names = {row[0] for row in cursor.fetchall()}
        assert {"news_article_search_text_trgm", "news_article_search_title_trgm"} <= names
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = Article.objects.search("lao dong").explain()
    assert "news_article_search_text_trgm" in plan or "news_article_search_title_trgm" in plan, plan
