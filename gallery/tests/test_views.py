import re
from datetime import date, datetime, timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from dolisa_site import inline_assets
from dolisa_site.tests.page_pictures import images, problems
from gallery.models import Album, Photo

from .factories import image_upload, make_album

pytestmark = pytest.mark.django_db


def test_album_page_shows_photos_with_alt_sizes_and_lazy_loading(client):
    album = make_album()
    page = client.get(album.get_absolute_url()).content.decode()
    photos = [image for image in images(page) if image["alt"].startswith("Đại biểu phát biểu tại hội nghị")]
    assert len(photos) == 3
    for image in photos:
        assert image["loading"] == "lazy" and (image["width"], image["height"]) == ("720", "480")
        # 3:2 WebP copies at several widths (the 800 px originals are not enlarged).
        assert [part.split()[1] for part in image["webp"].split(", ")] == ["240w", "360w", "480w", "720w"]
    assert problems(page, ignore_classes=["lightbox__image"]) == []
    # The enlarged photo the lightbox opens is a WebP copy too, with its size.
    assert re.search(r'class="album-grid__link" href="/media/cache/\S+\.webp" data-full-width="800"', page)
    assert "Chú thích ảnh 1" in page
    assert 'class="lightbox"' in page and "gallery/lightbox.js" in page
    # No inline script but the layout's own, allowed by its hash (dolisa_site.inline_assets).
    assert "<script>" not in page.replace(f"<script>{inline_assets.script_source('site/js/prefs.js')}</script>", "")


def test_every_img_on_the_album_page_has_size_and_lazy_loading(client):
    page = client.get(make_album().get_absolute_url()).content.decode()
    for tag in re.findall(r"<img [^>]*>", page):
        assert "width=" in tag and "height=" in tag and 'loading="lazy"' in tag, tag


def test_album_list_and_home_strip_pictures_have_renditions(client):
    make_album()
    for url in (reverse("gallery:list"), "/"):
        page = client.get(url).content.decode()
        assert images(page) and problems(page) == [], url


def test_album_list_and_home_strip(client):
    older = make_album(title="Album cũ", taken_on="2024-01-10")
    newest = make_album(title="Album mới nhất")
    listing = client.get(reverse("gallery:list")).content.decode()
    assert listing.index("Album mới nhất") < listing.index("Album cũ")
    home = client.get("/").content.decode()
    assert "photo-strip" in home and newest.get_absolute_url() + "#anh-1" in home
    assert older.get_absolute_url() not in home


def test_empty_and_unpublished_albums_stay_hidden(client):
    make_album(title="Album trống", photos=0)
    hidden = make_album(title="Album chưa đăng", is_published=False)
    make_album(title="Album hẹn giờ", published_at=timezone.now() + timezone.timedelta(days=1))
    listing = client.get(reverse("gallery:list")).content.decode()
    assert "Album trống" not in listing and "chưa đăng" not in listing and "hẹn giờ" not in listing
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert "photo-strip" not in client.get("/").content.decode()


def test_the_strip_shows_the_first_photos_of_the_newest_album_that_has_any():
    from gallery.views import STRIP_PHOTOS, _with_cover, strip_block

    album = make_album(title="Album có ảnh", photos=STRIP_PHOTOS + 2, taken_on=date(2026, 1, 5))
    make_album(title="Album trống mới hơn", photos=0, taken_on=date(2026, 2, 1))
    make_album(title="Album cũ hơn", photos=1, taken_on=date(2025, 12, 1))
    first = album.photos.order_by("order", "pk").first()
    Photo.objects.filter(pk=first.pk).update(order=99)  # now the last one
    strip = strip_block(None)
    expected = _with_cover(Album.objects.published()).first()
    assert strip["album"] == expected == album
    assert (strip["album"].title, strip["album"].slug, strip["album"].taken_on) == (
        album.title,
        album.slug,
        album.taken_on,
    )
    assert strip["photos"] == expected.photo_list[:STRIP_PHOTOS] and first not in strip["photos"]
    assert all(photo.album == album and photo.width == 800 for photo in strip["photos"])


def test_the_strip_answers_the_next_scheduled_moment_as_the_due_function_does():
    """The cache takes albums' next scheduled moment from the strip's own query (dolisa_site.scheduled)
    and keeps it for the gallery's pages too: it must be the very one, photos or not."""
    from gallery.views import _read_strip

    now, hour = timezone.now(), timedelta(hours=1)

    def moment():
        found = _read_strip(now)[0]
        assert found == Album.objects.due_changes_after(now)
        return found

    assert moment() is None
    make_album(title="Album đã đăng", published_at=now - hour)
    assert moment() is None
    make_album(title="Album hẹn giờ", published_at=now + 5 * hour)
    assert moment() == now + 5 * hour
    make_album(title="Album hẹn giờ chưa có ảnh", photos=0, published_at=now + 3 * hour)
    make_album(title="Album ẩn", published_at=now + hour, is_published=False)
    assert moment() == now + 3 * hour
    assert _read_strip(now)[1]["album"].title == "Album đã đăng"


def test_a_scheduled_album_takes_the_strip_at_its_time(client):
    """No save happens at the scheduled moment: the cached strip and page must follow the clock."""
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_current_timezone()), tick=False) as clock:
        make_album(title="Album hôm qua", taken_on=date(2026, 3, 1))
        make_album(title="Album hẹn giờ", photos=1, published_at=timezone.now() + timedelta(seconds=30))
        for _ in range(2):  # built, then served from the cache
            assert "Album hẹn giờ" not in client.get("/").content.decode()
        clock.shift(29)
        assert "Album hẹn giờ" not in client.get("/").content.decode()
        clock.shift(2)
        assert "Album hẹn giờ" in client.get("/").content.decode()


def test_home_strip_is_cached_and_refreshed_on_change(client, django_assert_num_queries):
    from gallery.views import strip_block

    album = make_album()
    strip_block(None)
    with django_assert_num_queries(0):
        assert strip_block(None)["album"] == album
    album.title = "Tên mới"
    album.save()
    assert strip_block(None)["album"].title == "Tên mới"


def test_slug_keeps_the_letter_d():
    assert make_album(title="Đào tạo nghề", photos=0).slug == "dao-tao-nghe"


# --- The admin -------------------------------------------------------------------------


def album_form(**photo):
    data = {
        "title": "Hội thi tay nghề",
        "description": "",
        "taken_on": "10/11/2025",
        "is_published": "on",
        "published_at_0": "10/11/2025",
        "published_at_1": "08:00:00",
        "slug": "",
        "photos-TOTAL_FORMS": "1",
        "photos-INITIAL_FORMS": "0",
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
        "photos-0-order": "0",
    }
    data.update({f"photos-0-{key}": value for key, value in photo.items()})
    return data


def test_reviewer_uploads_a_photo(client, reviewer):
    client.force_login(reviewer)
    response = client.post(
        reverse("admin:gallery_album_add"), album_form(image=image_upload(), alt_text="Thí sinh thi hàn điện")
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    photo = Photo.objects.get()
    assert (photo.width, photo.height) == (800, 600)


def test_admin_refuses_a_photo_without_alt_text(client, reviewer):
    client.force_login(reviewer)
    response = client.post(reverse("admin:gallery_album_add"), album_form(image=image_upload(), alt_text=""))
    assert response.status_code == 200 and not Album.objects.exists()


def test_admin_refuses_a_file_that_is_not_a_photo(client, reviewer):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(reviewer)
    fake = SimpleUploadedFile("anh.jpg", b"<html>not a photo</html>", content_type="image/jpeg")
    response = client.post(reverse("admin:gallery_album_add"), album_form(image=fake, alt_text="Ảnh giả"))
    assert response.status_code == 200
    assert not Photo.objects.exists()


def test_editor_cannot_manage_the_gallery(client, editor):
    client.force_login(editor)
    assert client.get(reverse("admin:gallery_album_add")).status_code == 403
