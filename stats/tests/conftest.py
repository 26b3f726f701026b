import pytest
from django.apps import apps
from django.db.models import Sum

from stats import buffer
from stats.flush import flush
from stats.models import DailyStat

BROWSER = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36"
PHONE = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
)
GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"


@pytest.fixture(autouse=True)
def _fresh_buffers():
    """Each test starts with an empty buffer (the local one lives in the process)."""
    buffer._buffers.clear()
    yield
    buffer._buffers.clear()


@pytest.fixture
def visit(client):
    def get(path="/", user_agent=BROWSER, ip="198.51.100.7", **extra):
        return client.get(path, HTTP_USER_AGENT=user_agent, REMOTE_ADDR=ip, **extra)

    return get


@pytest.fixture
def counted(db):
    """Flush, then the day totals in the tables."""

    def totals():
        flush()
        return DailyStat.objects.aggregate(
            page_views=Sum("page_views", default=0),
            visitors=Sum("visitors", default=0),
            mobile_visitors=Sum("mobile_visitors", default=0),
        )

    return totals


@pytest.fixture
def make_article(db):
    """Articles come from the news app, reached through the app registry:
    statistics never import news."""
    Category = apps.get_model("news", "Category")
    Article = apps.get_model("news", "Article")

    def make(title="Hội nghị tổng kết công tác giảm nghèo", category="Lao động - Việc làm"):
        section = Category.objects.filter(name=category).first() or Category.objects.create(name=category)
        return Article.objects.create(title=title, category=section, summary="Tóm tắt.", body="<p>Nội dung.</p>")

    return make


@pytest.fixture
def article(make_article):
    return make_article()


def article_path(article):
    """A stand-in article page (tests/urls.py) marking the article as shown."""
    return f"/xem/news.article/{article.pk}/trong/news.category/{article.category_id}/"
