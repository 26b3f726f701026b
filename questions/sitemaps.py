"""The questions' sections of the sitemap (assembled by dolisa_site/urls.py, see dolisa_site/sitemaps.py)."""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from dolisa_site.sitemaps import PkRangeSitemap

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


class QuestionListSitemap(Sitemap):
    changefreq = "daily"
    priority = 0.6
    shows = ()  # a fixed address

    def items(self):
        return ["questions:list"]

    def location(self, name):
        return reverse(name)


SITEMAPS = {"questions-index": QuestionListSitemap, "questions": QuestionSitemap}
