from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone

from polls import visitors
from polls.models import Poll, Vote, VoteRefused

from .factories import make_poll

pytestmark = pytest.mark.django_db


def test_a_vote_is_counted_on_the_choice_and_the_poll():
    poll = make_poll()
    choice = poll.choices.first()
    poll.record_vote(choice.pk, "a" * 64)
    choice.refresh_from_db()
    poll.refresh_from_db()
    assert choice.votes == 1 and poll.total_votes == 1


def test_the_same_visitor_cannot_vote_twice():
    poll = make_poll()
    first, second = poll.choices.all()[:2]
    poll.record_vote(first.pk, "k" * 64)
    with pytest.raises(VoteRefused) as refusal:
        poll.record_vote(second.pk, "k" * 64)
    assert refusal.value.reason == VoteRefused.ALREADY_VOTED
    second.refresh_from_db()
    assert second.votes == 0 and Vote.objects.count() == 1
    assert Poll.objects.get().total_votes == 1


@pytest.mark.parametrize(
    "fields",
    [
        {"closes_at": timezone.now() - timedelta(minutes=1)},
        {"is_published": False},
        {"opens_at": timezone.now() + timedelta(days=1)},
    ],
)
def test_no_vote_outside_the_open_period(fields):
    poll = make_poll(**fields)
    with pytest.raises(VoteRefused) as refusal:
        poll.record_vote(poll.choices.first().pk, "k" * 64)
    assert refusal.value.reason == VoteRefused.CLOSED


@pytest.mark.parametrize("value", ["", "abc", "999999", "-1"])
def test_a_choice_of_another_poll_or_nonsense_is_refused(value):
    poll = make_poll()
    with pytest.raises(VoteRefused) as refusal:
        poll.record_vote(value, "k" * 64)
    assert refusal.value.reason == VoteRefused.UNKNOWN_CHOICE


def test_choice_from_another_poll_is_refused():
    poll, other = make_poll(), make_poll(question="Câu hỏi khác")
    with pytest.raises(VoteRefused):
        poll.record_vote(other.choices.first().pk, "k" * 64)


def test_results_give_counts_and_percentages():
    poll = make_poll()
    first, second, third = poll.choices.all()
    for number in range(2):
        poll.record_vote(first.pk, f"first-{number}")
    poll.record_vote(second.pk, "second")
    results, total = poll.results()
    assert total == 3
    assert [(row["votes"], row["percent"]) for row in results] == [(2, 66.7), (1, 33.3), (0, 0.0)]


def test_results_of_a_poll_without_votes():
    results, total = make_poll().results()
    assert total == 0 and all(row["percent"] == 0.0 for row in results)


def test_visitor_key_is_a_keyed_hash_not_the_address(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7", HTTP_USER_AGENT="Mozilla/5.0")
    key = visitors.visitor_key(request, 1)
    assert len(key) == 32 and "203.0.113.7" not in key
    assert key == visitors.visitor_key(request, 1)
    assert key != visitors.visitor_key(request, 2)
    other = RequestFactory().get("/", REMOTE_ADDR="203.0.113.8", HTTP_USER_AGENT="Mozilla/5.0")
    assert key != visitors.visitor_key(other, 1)


def test_visitor_key_changes_with_the_day(monkeypatch):
    from datetime import date

    request = RequestFactory().get("/", REMOTE_ADDR="203.0.113.7")
    monkeypatch.setattr(visitors.timezone, "localdate", lambda: date(2026, 1, 1))
    monday = visitors.visitor_key(request, 1)
    monkeypatch.setattr(visitors.timezone, "localdate", lambda: date(2026, 1, 2))
    assert visitors.visitor_key(request, 1) != monday
