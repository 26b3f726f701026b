"""The questions' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from dolisa_site.sitemaps import NamedPagesSitemap, PkRangeSitemap

from .models import Question


class QuestionSitemap(PkRangeSitemap):
    """The answered questions published on the site (the only ones with a page), by ranges of pk."""

    changefreq = "monthly"
    priority = 0.5
    shows = (Question,)

    def items(self):
        return Question.objects.published().only("pk", "answered_at")

    def lastmod(self, question):
        return question.answered_at


class QuestionListSitemap(NamedPagesSitemap):
    changefreq = "daily"
    priority = 0.6
    names = ["questions:list"]


SITEMAPS = {"questions-index": QuestionListSitemap, "questions": QuestionSitemap}
