from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from dolisa_site import widgets

        from . import blocks, signals  # noqa: F401  (connect receivers)

        widgets.register("home.main", "news.lead", "news/widgets/lead.html", context=blocks.lead_story, order=10)
        widgets.register("home.main", "news.latest", "news/widgets/latest.html", context=blocks.latest_news, order=20)
        widgets.register(
            "home.main", "news.categories", "news/widgets/categories.html", context=blocks.category_sections, order=60
        )
        widgets.register("sidebar.middle", "news.search", "news/widgets/search_box.html", order=10)
        widgets.register(
            "sidebar.middle", "news.most_read", "news/widgets/most_read.html", context=blocks.most_read, order=50
        )
