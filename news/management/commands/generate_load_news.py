"""Generated articles for the benchmarks; see news/loadgen.py for what they look like.

Idempotent: the generated articles are numbered 0..N-1 (the number ends the
slug), so a run adds the missing numbers and removes those past --articles;
running it again changes nothing, and a smaller --articles shrinks the archive.
Articles made any other way (the demo's, an editor's) are never touched.
"""

import html
import re
from contextlib import nullcontext

from django.conf import settings
from django.core.management import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from dolisa_site import bulkload

from ... import loadgen
from ...models import Article, Category, Tag, TaggedArticle, media_image_size
from ...sanitize import clean_html

BATCH = 2000
DEFER_INDEXES_FROM = 20_000
GENERATED = rf"{loadgen.SLUG_MARKER}[0-9]{{{loadgen.NUMBER_DIGITS}}}$"
ARTICLE_FIELDS = (
    "title",
    "slug",
    "category_id",
    "summary",
    "body",
    "cover_image",
    "cover_width",
    "cover_height",
    "cover_alt",
    "cover_caption",
    "cover_renditions",
    "author",
    "source_note",
    "is_featured",
    "is_pinned",
    "comments_open",
    "status",
    "publish_at",
    "first_published_at",
    "view_count",
    "created_at",
    "search_title",
    "search_text",
)


def generated_articles():
    return Article.objects.filter(slug__regex=GENERATED)


def number_of(slug):
    return int(slug[-loadgen.NUMBER_DIGITS :])


class Command(BaseCommand):
    help = "Make the generated part of the news archive exactly --articles articles (for benchmarks)."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args, **options):
        wanted = options["articles"]
        categories = [
            (category.pk, category.slug, category.top.slug) for category in Category.objects.select_related("parent")
        ]
        if not categories:
            raise CommandError("No news categories: load the demo content first (manage.py setup_demo).")
        existing = {number_of(slug): pk for slug, pk in generated_articles().values_list("slug", "pk")}
        surplus = [pk for number, pk in existing.items() if number >= wanted]
        missing = [number for number in range(wanted) if number not in existing]
        if surplus:
            self.remove(surplus, options)
        if missing:
            self.add(missing, categories, options)
        if options["verbosity"] >= 1:
            self.stdout.write(
                f"News: {wanted} generated articles ({len(missing)} added, {len(surplus)} removed); "
                f"{Article.objects.count()} articles in all."
            )

    def remove(self, pks, options):
        with bulkload.progress(len(pks), "Removing articles", options, unit="bài") as bar:
            for start in range(0, len(pks), BATCH):
                chunk = pks[start : start + BATCH]
                with transaction.atomic():
                    TaggedArticle.objects.filter(content_object_id__in=chunk).delete()
                    Article.objects.filter(pk__in=chunk).delete()
                bar.update(len(chunk))

    def add(self, numbers, categories, options):
        anchor = timezone.now()
        years = range(anchor.year - 12, anchor.year + 1)
        tag_ids = {}
        for name in loadgen.all_tag_names(years):
            tag_ids[name] = Tag.objects.get_or_create(name=name)[0].pk
        maker = loadgen.ArticleMaker(categories, self.fragments(), tag_ids, anchor, options["seed"])
        # A large load builds the search indexes once at the end instead of row by row
        # (only when it is most of the table: rebuilding costs a pass over every row).
        large = len(numbers) >= max(DEFER_INDEXES_FROM, Article.objects.count())
        deferred = bulkload.deferred_indexes(Article) if large else nullcontext()
        with bulkload.progress(len(numbers), "Articles", options, unit="bài") as bar, transaction.atomic(), deferred:
            for start in range(0, len(numbers), BATCH):
                made = [maker.make(number) for number in numbers[start : start + BATCH]]
                with transaction.atomic():
                    bulkload.insert_rows(
                        Article, ARTICLE_FIELDS, ([fields[name] for name in ARTICLE_FIELDS] for fields, _tags in made)
                    )
                    # COPY returns no ids: find the new rows by their slugs.
                    ids = dict(Article.objects.filter(slug__in=[f["slug"] for f, _t in made]).values_list("slug", "pk"))
                    bulkload.insert_rows(
                        TaggedArticle,
                        ("tag_id", "content_object_id"),
                        ((tag, ids[fields["slug"]]) for fields, tags in made for tag in tags),
                    )
                bar.update(len(made))
            if options["verbosity"] >= 1 and not isinstance(deferred, nullcontext):
                self.stdout.write("Building the search indexes …")
        bulkload.analyze(Article, TaggedArticle)

    def fragments(self):
        """Sentences, pictures and tables of the articles that were not generated (the demo's)."""
        sentences, covers, figures, tables = {}, {}, [], []
        own = Article.objects.exclude(slug__regex=GENERATED)
        for article in own.only(
            "category_id",
            "body",
            "summary",
            "cover_image",
            "cover_width",
            "cover_height",
            "cover_alt",
            "cover_caption",
            "cover_renditions",
        ):
            pool = sentences.setdefault(article.category_id, [])
            pool.extend(loadgen.split_sentences(article.body))
            tables.extend(re.findall(r'<figure class="table">.*?</figure>', article.body, flags=re.S))
            if article.cover_image and article.cover_width and article.cover_image.name not in covers:
                covers[article.cover_image.name] = (
                    article.cover_image.name,
                    article.cover_width,
                    article.cover_height,
                    article.cover_alt,
                    article.cover_caption,
                    article.cover_renditions,
                )
        for name, _width, _height, alt, caption, _renditions in list(covers.values())[:12]:
            # The same cleaning Article.save() gives a body picture (size read from the file).
            figure = clean_html(
                f'<figure class="image"><img src="{settings.MEDIA_URL}{name}" alt="{html.escape(alt)}">'
                f"<figcaption>{html.escape(caption)}</figcaption></figure>",
                image_size=media_image_size,
            )
            if "<img" in figure:
                figures.append(figure)
        return loadgen.Fragments(sentences, list(covers.values()), figures, tables[:10])
