from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from dolisa_site import caching, widgets

        from . import blocks
        from .models import Article, Category, Comment, OldSlug, Tag, TaggedArticle

        # Scheduled articles appear (and expired ones go) at their time, without a save.
        caching.watch(Article, due=Article.objects.due_changes_after, ignore_fields=["view_count"])
        for model in (Category, Tag, TaggedArticle, Comment, OldSlug):
            caching.watch(model)

        widgets.register("home.main", "news.lead", "news/widgets/lead.html", context=blocks.lead_story, order=10)
        widgets.register("home.main", "news.latest", "news/widgets/latest.html", context=blocks.latest_news, order=20)
        widgets.register(
            "home.main", "news.categories", "news/widgets/categories.html", context=blocks.category_sections, order=60
        )
        widgets.register("sidebar.middle", "news.search", "news/widgets/search_box.html", order=10)
        widgets.register(
            "sidebar.middle", "news.most_read", "news/widgets/most_read.html", context=blocks.most_read, order=50
        )
