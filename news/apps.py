from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    name = "news"
    verbose_name = _("News")

    def ready(self):
        from dolisa_site import caching, scheduled, widgets, worklist
        from dolisa_site.comments import CommentStatus

        from . import blocks
        from .models import Article, ArticleStatus, Category, Comment, OldSlug, Tag, TaggedArticle

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

        articles = "admin:news_article_changelist"
        worklist.register(
            "news.submitted",
            _("Articles awaiting review"),
            "news.publish_article",
            lambda user: Article.objects.filter(status=ArticleStatus.SUBMITTED).count(),
            lambda user: worklist.admin_list(articles, status=ArticleStatus.SUBMITTED),
        )
        worklist.register(
            "news.comments",
            _("Readers' comments awaiting moderation"),
            "news.change_comment",
            lambda user: Comment.objects.filter(status=CommentStatus.PENDING).count(),
            lambda user: worklist.admin_list("admin:news_comment_changelist", status__exact=CommentStatus.PENDING),
        )
        # The editor's own articles: the list then shows why each was sent back.
        worklist.register(
            "news.sent_back",
            _("Your articles sent back"),
            "news.submit_article",
            lambda user: Article.objects.filter(status=ArticleStatus.SENT_BACK, created_by=user.pk).count(),
            lambda user: worklist.admin_list(articles, status=ArticleStatus.SENT_BACK, created_by=user.pk),
        )
