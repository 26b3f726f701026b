from django.test import RequestFactory

from dolisa_site.models import MenuItem, SiteProfile
from dolisa_site.viewcounts import ViewedObject, mark_viewed, viewed_object


def test_a_page_names_the_object_it_shows_and_where_it_sits(db):
    request = RequestFactory().get("/")
    assert viewed_object(request) is None
    parent = MenuItem.objects.create(title="Tin tức", link="/tin-tuc/")
    mark_viewed(request, SiteProfile.load(), within=parent)
    assert viewed_object(request) == ViewedObject("dolisa_site.siteprofile", 1, "dolisa_site.menuitem", parent.pk)
