from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.translation import gettext as _

from dolisa_site.models import SiteProfile

from .models import Draft

FEED_SIZE = 30


class DraftFeed(Feed):
    """RSS 2.0 of the newest drafts put out for comment."""

    feed_type = Rss201rev2Feed

    def title(self):
        return _("Drafts for comment – %(site)s") % {"site": SiteProfile.load().display_short_name}

    def link(self):
        return reverse("consultations:list")

    def description(self):
        return _("Draft documents of the department open for comment by citizens and organisations.")

    def items(self):
        return Draft.objects.published().newest()[:FEED_SIZE]

    def item_title(self, draft):
        return draft.title

    def item_description(self, draft):
        return draft.summary

    def item_pubdate(self, draft):
        return draft.open_from

    def item_updateddate(self, draft):
        return draft.updated_at

    def item_author_name(self, draft):
        return draft.drafting_unit
