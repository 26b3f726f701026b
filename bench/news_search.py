"""How fast news search and the public lists stay with many articles.

Fills the database named by DATABASE_URL (use a throw-away one) with
synthetic published articles, then times the diacritics-free search and the
list queries. Usage:

    createdb -h 127.0.0.1 -U postgres dolisa_news_bench
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/dolisa_news_bench \
        .venv/bin/python bench/news_search.py --articles 100000

Results are recorded in docs/benchmarks.md.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "dolisa_site.test_settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.utils import timezone  # noqa: E402

from news.models import Article, ArticleStatus, Category  # noqa: E402

WORDS = (
    "lao động việc làm đào tạo nghề người có công thương binh liệt sĩ bảo trợ xã hội trẻ em bình đẳng giới "
    "an toàn vệ sinh hội chợ tuyển dụng doanh nghiệp huyện xã tỉnh chính sách trợ cấp hộ nghèo cận nghèo "
    "giảm nghèo bảo hiểm thất nghiệp khu công nghiệp thanh niên học sinh giáo viên trung tâm dịch vụ hỗ trợ "
    "người cao tuổi khuyết tật điều dưỡng nhà tình nghĩa quỹ đền ơn đáp nghĩa hội nghị triển khai kế hoạch"
).split()
QUERIES = [
    "tam dao",
    "lao dong",
    "LAO ĐỘNG",
    "nguoi co cong",
    "bao hiem that nghiep",
    "hoi cho viec lam",
    "xyzzy khong co",
]


def sentence(rng, length):
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def fill(count):
    rng = random.Random(1)
    categories = [
        Category.objects.get_or_create(slug=f"bench-{n}", defaults={"name": f"Chuyên mục {n}"})[0] for n in range(8)
    ]
    now = timezone.now()
    batch = []
    for number in range(count):
        title = sentence(rng, 10)
        summary = sentence(rng, 30)
        if number % 333 == 0:
            summary += " Khu nghỉ dưỡng Tam Đảo."  # a rare phrase: about 300 of 100,000 articles
        body = "".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(3))
        article = Article(
            title=title,
            slug=f"bench-{number}",
            category=rng.choice(categories),
            summary=summary,
            body=body,
            status=ArticleStatus.PUBLISHED,
            publish_at=now - timedelta(minutes=number),
            first_published_at=now,
        )
        article.fill_search_fields()
        batch.append(article)
        if len(batch) == 5000:
            Article.objects.bulk_create(batch)
            batch = []
            print(f"  {number + 1} articles", flush=True)
    Article.objects.bulk_create(batch)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE news_article")


def timed(label, run, repeat=5):
    durations = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        durations.append((time.perf_counter() - started) * 1000)
    print(f"{label:<45} median {statistics.median(durations):8.1f} ms   max {max(durations):8.1f} ms")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=100_000)
    options = parser.parse_args()
    call_command("migrate", verbosity=0)
    existing = Article.objects.count()
    if existing < options.articles:
        print(f"Adding {options.articles - existing} articles to {connection.vendor}…")
        fill(options.articles - existing)
    print(f"{Article.objects.count()} articles on {connection.vendor}")
    for query in QUERIES:

        def search(query=query):
            results = Article.objects.published().search(query).for_listing()
            results.count()
            list(results[:15])

        timed(f"search {query!r} (count + first page)", search)
    timed("newest 15 of all news", lambda: list(Article.objects.published().for_listing().newest_first()[:15]))
    category = Category.objects.filter(slug="bench-3").first()
    timed(
        "newest 15 of one category",
        lambda: list(Article.objects.published().in_category(category).for_listing().newest_first()[:15]),
    )


if __name__ == "__main__":
    main()
