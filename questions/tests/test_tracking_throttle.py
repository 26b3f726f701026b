"""Checking a question's status is throttled like the dossier lookup (issue 10, finding 3):
every check counts, found or not, per visitor and for the whole site."""

import pytest
from django.test import Client
from django.urls import reverse

from dolisa_site.throttle import Throttle
from questions import views as question_views

pytestmark = pytest.mark.django_db


def test_question_tracking_counts_every_check_per_visitor():
    client = Client()
    track = reverse("questions:track")
    for number in range(question_views.TRACKING.limit):
        assert client.get(track, {"ma": f"HD-ZZZZZZ{number:02d}"}).status_code == 404
    refused = client.get(track, {"ma": "HD-ZZZZZZZZ"})
    assert refused.status_code == 429
    assert "Có quá nhiều lượt tra cứu từ kết nối của bạn" in refused.content.decode()
    assert Client(REMOTE_ADDR="203.0.113.9").get(track, {"ma": "HD-ZZZZZZZZ"}).status_code == 404


def test_question_tracking_is_limited_for_the_whole_site(monkeypatch, caplog):
    monkeypatch.setattr(
        question_views, "TRACKING_SITE", Throttle("questions:track", limit=2, window=900, per_visitor=False)
    )
    track = reverse("questions:track")
    for number in range(2):
        assert Client(REMOTE_ADDR=f"198.51.100.{number}").get(track, {"ma": "HD-ZZZZZZZZ"}).status_code == 404
    assert Client(REMOTE_ADDR="198.51.100.9").get(track, {"ma": "HD-ZZZZZZZZ"}).status_code == 429
    assert "Throttle questions:track: limit of 2 attempts within 900 s reached across the whole site" in caplog.text
