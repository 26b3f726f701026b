"""Albums with photos are saved through the admin, unchanged and changed, by Người duyệt tin (issue 10, finding 5)."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dolisa_site.tests.admin_forms import resubmit
from gallery.models import Photo

from .factories import image_upload, make_album


def test_a_reviewer_saves_an_album_with_photos_unchanged(client, reviewer):
    album = make_album(photos=2)
    stored = list(Photo.objects.values_list("image", flat=True))
    client.force_login(reviewer)
    response = resubmit(client, reverse("admin:gallery_album_change", args=[album.pk]), form_id="album_form")
    assert response.status_code == 302, response.content.decode()[:3000]
    assert list(Photo.objects.values_list("image", flat=True)) == stored


def test_a_reviewer_edits_captions_and_alt_texts_and_replaces_a_photo(client, reviewer):
    album = make_album(photos=2)
    first, second = album.photos.all()
    client.force_login(reviewer)
    response = resubmit(
        client,
        reverse("admin:gallery_album_change", args=[album.pk]),
        {
            "photos-0-caption": "Chú thích mới",
            "photos-0-alt_text": "Giám đốc Sở phát biểu khai mạc",
            "photos-1-image": image_upload("IMG_2041 Nguyễn Văn A.jpg", size=(640, 480)),
        },
        form_id="album_form",
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    first.refresh_from_db()
    assert (first.caption, first.alt_text) == ("Chú thích mới", "Giám đốc Sở phát biểu khai mạc")
    replaced = Photo.objects.get(pk=second.pk)
    assert replaced.image.name != second.image.name and "Nguy" not in replaced.image.name
    assert replaced.image.name.endswith(".jpg") and (replaced.width, replaced.height) == (640, 480)


def test_a_file_that_is_not_a_photo_is_refused_on_an_existing_album(client, reviewer):
    album = make_album(photos=1)
    client.force_login(reviewer)
    response = resubmit(
        client,
        reverse("admin:gallery_album_change", args=[album.pk]),
        {"photos-0-image": SimpleUploadedFile("esc.html", b"<script>fetch('/x')</script>", content_type="text/html")},
        form_id="album_form",
    )
    assert response.status_code == 200
    assert "errorlist" in response.content.decode()
    assert album.photos.get().image.name.startswith("gallery/")
