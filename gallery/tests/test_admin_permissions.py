"""Crafted POSTs to the gallery admin: only Người duyệt tin publish, change or delete albums.

Each refusal is checked against the same POST from a reviewer, which does change the album.
"""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.urls import reverse

from gallery.models import Album, Photo

from .factories import make_album

pytestmark = pytest.mark.django_db


def stored(album):
    return (Album.objects.filter(pk=album.pk).values().get(), list(album.photos.order_by("pk").values()))


def change_form(album, **extra):
    photos = list(album.photos.order_by("order", "pk"))
    data = {
        "title": album.title,
        "description": album.description,
        "taken_on": "10/11/2025",
        "published_at_0": "10/11/2025",
        "published_at_1": "08:00:00",
        "slug": album.slug,
        "photos-TOTAL_FORMS": str(len(photos)),
        "photos-INITIAL_FORMS": str(len(photos)),
        "photos-MIN_NUM_FORMS": "0",
        "photos-MAX_NUM_FORMS": "1000",
    }
    if album.is_published:
        data["is_published"] = "on"
    for number, photo in enumerate(photos):
        data.update(
            {
                f"photos-{number}-id": photo.pk,
                f"photos-{number}-album": album.pk,
                f"photos-{number}-alt_text": photo.alt_text,
                f"photos-{number}-caption": photo.caption,
                f"photos-{number}-order": photo.order,
            }
        )
    data.update(extra)
    return data


def change_url(album):
    return reverse("admin:gallery_album_change", args=[album.pk])


@pytest.fixture
def hidden_album():
    return make_album(photos=1, is_published=False)


def test_the_reviewer_may_publish_an_album(client, reviewer, hidden_album):
    client.force_login(reviewer)
    response = client.post(change_url(hidden_album), change_form(hidden_album, is_published="on"))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Album.objects.get(pk=hidden_album.pk).is_published


def test_an_editors_crafted_publish_is_refused(client, editor, hidden_album):
    before = stored(hidden_album)
    client.force_login(editor)
    response = client.post(change_url(hidden_album), change_form(hidden_album, is_published="on", title="Sửa lén"))
    assert response.status_code == 403
    assert stored(hidden_album) == before


def test_an_editors_crafted_photo_removal_and_delete_are_refused(client, editor, hidden_album):
    client.force_login(editor)
    response = client.post(change_url(hidden_album), change_form(hidden_album, **{"photos-0-DELETE": "on"}))
    assert response.status_code == 403
    response = client.post(reverse("admin:gallery_album_delete", args=[hidden_album.pk]), {"post": "yes"})
    assert response.status_code == 403
    response = client.post(
        reverse("admin:gallery_album_changelist"),
        {"action": "delete_selected", ACTION_CHECKBOX_NAME: [hidden_album.pk], "index": 0, "post": "yes"},
    )
    assert response.status_code == 403
    assert Album.objects.filter(pk=hidden_album.pk).exists() and Photo.objects.count() == 1


def test_an_editors_crafted_new_album_is_refused(client, editor, hidden_album):
    client.force_login(editor)
    data = change_form(hidden_album, title="Album mới", slug="")
    response = client.post(reverse("admin:gallery_album_add"), {**data, "photos-TOTAL_FORMS": "0"})
    assert response.status_code == 403
    assert Album.objects.count() == 1
