from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from dolisa_site import caching, scheduled, widgets

        from . import blocks
        from .models import Article, Category, Comment, OldSlug, Tag, TaggedArticle

        # Scheduled articles appear (and expired ones go) at their time, without a save
        # (the home page's blocks read the next such moment with their articles: blocks.py).
        scheduled.watch(Article, due=Article.objects.due_changes_after, ignore_fields=["view_count"])
        for model in (Category, Tag, TaggedArticle, Comment, OldSlug):
            caching.watch(model)

        for slot, name, context, order in (
            ("home.main", "lead", blocks.lead_story, 10),
            ("home.main", "latest", blocks.latest_news, 20),
            ("home.main", "categories", blocks.category_sections, 60),
            ("sidebar.middle", "search_box", None, 10),
            ("sidebar.middle", "most_read", blocks.most_read, 50),
        ):
            widgets.register(slot, f"news.{name}", f"news/widgets/{name}.html", context=context, order=order, keep=True)
