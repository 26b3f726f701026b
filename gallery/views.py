from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from dolisa_site import caching

from .models import Album, Photo

PAGE_SIZE = 12
STRIP_PHOTOS = 6


def _with_cover(albums):
    first_photo = Prefetch("photos", queryset=Photo.objects.order_by("order", "pk"), to_attr="photo_list")
    return (
        albums.annotate(photo_count=Count("photos"))
        .filter(photo_count__gt=0)
        .order_by("-taken_on", "-pk")
        .prefetch_related(first_photo)
    )


@caching.public_page(Album, Photo)
def album_list(request):
    albums = _with_cover(Album.objects.published())
    page = Paginator(albums, PAGE_SIZE).get_page(request.GET.get("trang"))
    return render(request, "gallery/album_list.html", {"page_obj": page, "breadcrumbs": [(_("Photo gallery"), None)]})


@caching.public_page(Album, Photo)
def album_detail(request, slug):
    album = get_object_or_404(Album.objects.published(), slug=slug)
    others = _with_cover(Album.objects.published().filter(~Q(pk=album.pk)))[:4]
    return render(
        request,
        "gallery/album_detail.html",
        {
            "album": album,
            "photos": album.photos.all(),
            "others": others,
            "breadcrumbs": [(_("Photo gallery"), reverse("gallery:list")), (album.title, None)],
        },
    )


def strip_block(request):
    """Context for the home page strip: photos of the newest album, cached (the home page is the busiest)."""
    return caching.cached("gallery:strip", _strip, shows=[Album, Photo]) or None


def _strip():
    album = _with_cover(Album.objects.published()).first()
    return {"album": album, "photos": album.photo_list[:STRIP_PHOTOS]} if album else {}
