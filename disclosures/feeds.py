from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Rss201rev2Feed

from dolisa_site.models import SiteProfile

from .models import Disclosure
from .views import section_of

FEED_SIZE = 30


class SectionFeed(Feed):
    """RSS 2.0 of a section's newest published items."""

    feed_type = Rss201rev2Feed

    def get_object(self, request, section):
        return section_of(section)

    def title(self, section):
        return f"{section.label} – {SiteProfile.load().display_short_name}"

    def link(self, section):
        return reverse("disclosures:section", args=[section])

    def description(self, section):
        return section.label

    def items(self, section):
        return Disclosure.objects.published().in_section(section).newest()[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_kind_display()]
