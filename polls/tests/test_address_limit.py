"""One address cannot stuff a poll by changing its User-Agent (issue 10, finding 6a).

The cookie stops one browser and the visitor key one browser description; on
top of both, at most POLL_VOTES_PER_ADDRESS votes per poll per day are counted
from one address, whatever the browsers behind it say.
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse

from polls.models import Poll, Vote

from .factories import make_poll

pytestmark = pytest.mark.django_db

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")
MORNING = datetime(2025, 3, 12, 9, 0, tzinfo=HANOI)
REFUSED = "không thể tính thêm phiếu từ địa chỉ mạng này"


def stuff(client, poll, count, address="203.0.113.50", start=0):
    """`count` votes from one address, each with a fresh browser description and no cookies."""
    pages = []
    choice = poll.choices.first()
    for number in range(start, start + count):
        client.cookies.clear()
        response = client.post(
            reverse("polls:vote", args=[poll.pk]),
            {"phuong-an": choice.pk},
            follow=True,
            REMOTE_ADDR=address,
            HTTP_USER_AGENT=f"Mozilla/5.0 (Windows NT 10.0) Chrome/{100 + number}.0 Safari/537.36",
        )
        pages.append(response.content.decode())
    return pages


@time_machine.travel(MORNING, tick=False)
def test_fifty_votes_from_one_address_with_fifty_user_agents_count_only_the_limit(client, settings):
    settings.POLL_VOTES_PER_ADDRESS = 5
    poll = make_poll()
    pages = stuff(client, poll, 50)
    assert Poll.objects.get().total_votes == 5
    assert Vote.objects.count() == 5
    assert all(REFUSED not in page for page in pages[:5])
    assert all(REFUSED in page for page in pages[5:])


@time_machine.travel(MORNING, tick=False)
def test_the_limit_is_per_address_and_per_poll(client, settings):
    settings.POLL_VOTES_PER_ADDRESS = 3
    poll, other_poll = make_poll(), make_poll(question="Câu hỏi khác?")
    stuff(client, poll, 4)
    stuff(client, poll, 2, address="198.51.100.8")
    stuff(client, other_poll, 2)
    assert Poll.objects.get(pk=poll.pk).total_votes == 3 + 2
    assert Poll.objects.get(pk=other_poll.pk).total_votes == 2


def test_the_limit_starts_again_the_next_day(client, settings):
    settings.POLL_VOTES_PER_ADDRESS = 2
    with time_machine.travel(MORNING, tick=False):
        poll = make_poll()
        stuff(client, poll, 3)
    with time_machine.travel(MORNING + timedelta(days=1), tick=False):
        stuff(client, poll, 3, start=10)
    assert Poll.objects.get().total_votes == 4


@time_machine.travel(MORNING, tick=False)
def test_a_refusal_leaves_no_voted_cookie_and_no_raw_address(client, settings):
    settings.POLL_VOTES_PER_ADDRESS = 1
    poll = make_poll()
    stuff(client, poll, 2)
    assert f"tham-do-{poll.pk}" not in client.cookies
    stored = Vote.objects.values_list("visitor_key", "address_key").get()
    assert all("203.0.113.50" not in value for value in stored)


@time_machine.travel(MORNING, tick=False)
def test_the_default_limit_is_modest(settings):
    assert 5 <= settings.POLL_VOTES_PER_ADDRESS <= 30
