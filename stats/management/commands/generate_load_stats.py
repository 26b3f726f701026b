"""A year of generated visitor statistics, for the benchmarks.

Each past day gets its page views, visitors and mobile visitors (weekdays
busier than weekends, a few bursts a year: Tết allowances, exam and
recruitment results), and the articles read that day — mostly the newest, a
long tail of older ones — with their categories' "views of its contents".
An article's own view count is raised to at least the views recorded for it,
as the flush would have left it.

Idempotent: each day's figures come from its date and the seed alone and are
written over what the day held (the generated days only: today, which the
live counting fills, is never touched).
"""

import bisect
import math
import random
from collections import defaultdict
from datetime import timedelta

from django.apps import apps
from django.core.management import BaseCommand
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from dolisa_site import bulkload

from ...models import DailyStat, ObjectDailyView

ARTICLE, CATEGORY = "news.article", "news.category"
BASE_PAGE_VIEWS = 5200
WEEKDAY_FACTOR = (1.0, 1.05, 1.0, 0.97, 0.9, 0.45, 0.35)
ARTICLE_SHARE = 0.45  # of a day's page views, spent on articles
RECENT_DAYS = 21
RECENT_READ = 60  # articles of the last RECENT_DAYS read on a day
TAIL_READ = 30  # older articles read on a day


class Command(BaseCommand):
    help = "Write generated visitor statistics for the past --days days (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=365)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        today = timezone.localdate()
        days = [today - timedelta(days=back) for back in range(options["days"], 0, -1)]
        if not days:
            return
        bursts = self.bursts(days, options["seed"])
        articles = self.articles(days[0])
        daily, objects = [], []
        with bulkload.progress(len(days), "Visitor statistics", options, unit="ngày") as bar:
            for day in days:
                rng = random.Random(f"stats:{options['seed']}:{day.isoformat()}")
                page_views = int(BASE_PAGE_VIEWS * WEEKDAY_FACTOR[day.weekday()] * bursts.get(day, 1.0))
                page_views = int(page_views * rng.uniform(0.85, 1.15))
                visitors = int(page_views / rng.uniform(2.2, 3.0))
                daily.append(
                    DailyStat(
                        date=day,
                        page_views=page_views,
                        visitors=visitors,
                        mobile_visitors=int(visitors * rng.uniform(0.55, 0.7)),
                    )
                )
                objects.extend(self.object_views(rng, day, int(page_views * ARTICLE_SHARE), articles))
                bar.update(1)
        with transaction.atomic():
            DailyStat.objects.bulk_create(
                daily,
                batch_size=500,
                update_conflicts=True,
                unique_fields=["date"],
                update_fields=["page_views", "visitors", "mobile_visitors"],
            )
            ObjectDailyView.objects.filter(
                date__range=(days[0], days[-1]), model_label__in=[ARTICLE, CATEGORY]
            ).delete()
            ObjectDailyView.objects.bulk_create(objects, batch_size=2000)
            self.raise_view_counts()
        bulkload.analyze(DailyStat, ObjectDailyView)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"Statistics: {len(daily)} days ({days[0]} – {days[-1]}), {len(objects)} object rows, "
                f"{sum(row.page_views for row in daily)} page views."
            )

    @staticmethod
    def bursts(days, seed):
        """A handful of busy stretches: the days after Tết-allowance, results and recruitment announcements."""
        rng = random.Random(f"stats-bursts:{seed}:{days[0].year}")
        factors = {}
        for _ in range(max(1, len(days) // 60)):
            start = rng.choice(days)
            for offset in range(rng.randint(2, 4)):
                factors[start + timedelta(days=offset)] = rng.uniform(2.5, 6.0) / (1 + offset)
        return factors

    @staticmethod
    def articles(first_day):
        """(local publish day as an ordinal, id, category id) of the published articles, oldest first."""
        try:
            Article = apps.get_model(ARTICLE)
        except LookupError:
            return []
        rows = Article._base_manager.filter(status="published", publish_at__isnull=False).order_by("publish_at")
        return [
            (timezone.localtime(moment).date().toordinal(), pk, category_id)
            for pk, moment, category_id in rows.values_list("pk", "publish_at", "category_id").iterator(chunk_size=5000)
        ]

    @staticmethod
    def object_views(rng, day, article_views, articles):
        ordinal = day.toordinal()
        start = bisect.bisect_left(articles, (ordinal - RECENT_DAYS,))
        end = bisect.bisect_left(articles, (ordinal + 1,))
        read = [(row, math.exp(-(ordinal - row[0]) / 3)) for row in articles[max(start, end - RECENT_READ) : end]]
        read += [(articles[index], 0.02 * rng.random()) for index in rng.sample(range(start), min(TAIL_READ, start))]
        total = sum(weight for _row, weight in read)
        rows, within = [], defaultdict(int)
        for (_published, pk, category_id), weight in read:
            views = int(article_views * weight / total) if total else 0
            if views:
                rows.append(ObjectDailyView(date=day, model_label=ARTICLE, object_id=pk, views=views))
                within[category_id] += views
        for category_id, views in within.items():
            rows.append(ObjectDailyView(date=day, model_label=CATEGORY, object_id=category_id, views_within=views))
        return rows

    @staticmethod
    def raise_view_counts():
        """view_count at least the views recorded per day, which is what the flush keeps true."""
        try:
            Article = apps.get_model(ARTICLE)
        except LookupError:
            return
        recorded = dict(
            ObjectDailyView.objects.filter(model_label=ARTICLE)
            .values("object_id")
            .annotate(total=Sum("views"))
            .values_list("object_id", "total")
        )
        raised = [
            Article(pk=pk, view_count=recorded[pk])
            for pk, count in Article._base_manager.values_list("pk", "view_count").iterator(chunk_size=5000)
            if count < recorded.get(pk, 0)
        ]
        Article._base_manager.bulk_update(raised, ["view_count"], batch_size=1000)
