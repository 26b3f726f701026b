from django.test import RequestFactory

from dolisa_site.models import MenuItem, SiteProfile
from dolisa_site.viewcounts import ViewedObject, mark_viewed, viewed_object


def test_a_page_names_the_object_it_shows_and_where_it_sits(db):
    request = RequestFactory().get("/")
    assert viewed_object(request) is None
    parent = MenuItem.objects.create(title="Tin tức", link="/tin-tuc/")
    mark_viewed(request, SiteProfile.load(), within=parent)
    assert viewed_object(request) == ViewedObject("dolisa_site.siteprofile", 1, "dolisa_site.menuitem", parent.pk)


def test_a_shown_count_adds_the_views_waiting_to_be_flushed(db, monkeypatch, caplog):
    from dolisa_site import viewcounts

    profile = SiteProfile.load()
    profile.view_count = 10  # any object with a view count will do
    monkeypatch.setattr(viewcounts, "_pending", None)
    assert viewcounts.shown_views(profile) == 10  # no statistics app: the table's figure
    asked = []
    monkeypatch.setattr(viewcounts, "_pending", lambda label, pk: asked.append((label, pk)) or 3)
    assert viewcounts.shown_views(profile) == 13
    assert asked == [("dolisa_site.siteprofile", 1)]

    def broken(label, pk):
        raise OSError("disk I/O error")

    monkeypatch.setattr(viewcounts, "_pending", broken)
    assert viewcounts.shown_views(profile) == 10
    assert "View count of dolisa_site.siteprofile 1 shown without its unflushed views: OSError" in caplog.text
