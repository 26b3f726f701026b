from django.core.paginator import Paginator
from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Value
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from dolisa_site import caching, scheduled
from dolisa_site.list_urls import PAGE, renamed_parameters

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


@require_safe
@renamed_parameters({"trang": PAGE})
@caching.public_page(Album, Photo)
def album_list(request):
    albums = _with_cover(Album.objects.published())
    page = Paginator(albums, PAGE_SIZE).get_page(request.GET.get(PAGE))
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
    return scheduled.cached("gallery:strip", _read_strip, of=Album, shows=[Album, Photo]) or None


def _read_strip(now):
    """The next moment an album appears by schedule and the strip as of `now` (the first photos of
    the newest published album that has any), in one query (dolisa_site.scheduled): the photos with
    their album, and the next scheduled album, as the rows of a UNION ALL of the same columns."""
    album_fields = [field.attname for field in Album._meta.concrete_fields]
    photo_fields = [field.attname for field in Photo._meta.concrete_fields]
    newest = (
        Album.objects.published(now)
        .filter(Exists(Photo.objects.filter(album=OuterRef("pk"))))
        .order_by("-taken_on", "-pk")
        .values("pk")[:1]
    )
    # Each wrapped in "pk IN (…)": SQLite allows no LIMIT in the members of a compound query.
    photos = Photo.objects.filter(album__in=newest).order_by("order", "pk").values("pk")[:STRIP_PHOTOS]
    shown = (
        Photo.objects.filter(pk__in=photos)
        .order_by()
        .values_list(Value("photo"), *(f"album__{name}" for name in album_fields), *photo_fields)
    )
    following = (
        Album.objects.filter(pk__in=Album.objects.next_scheduled(now))
        .order_by()
        .values_list(
            Value("next"),
            *album_fields,
            *(Value(None, output_field=Photo._meta.get_field(name)) for name in photo_fields),
        )
    )
    album, photo_list, moment = None, [], None
    for part, *values in shown.union(following, all=True):
        album_values, photo_values = values[: len(album_fields)], values[len(album_fields) :]
        if part == "next":
            moment = album_values[album_fields.index("published_at")]
            continue
        album = album or Album.from_db(shown.db, album_fields, album_values)
        photo = Photo.from_db(shown.db, photo_fields, photo_values)
        photo.album = album
        photo_list.append(photo)
    photo_list.sort(key=lambda photo: (photo.order, photo.pk))
    return moment, ({"album": album, "photos": photo_list} if album else {})
