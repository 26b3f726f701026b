"""Votes arriving at the same moment are all counted, and a repeated vote is stopped, on PostgreSQL."""

import threading

import pytest
from django.db import connection, connections

from polls.models import Choice, Poll, Vote, VoteRefused

from .factories import make_poll

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="row locking is what is tested: PostgreSQL only"),
]

VOTERS = 24


def vote_in_parallel(poll, keys, choice_id):
    barrier = threading.Barrier(len(keys))
    outcomes = []

    def cast(key):
        try:
            barrier.wait()
            poll.record_vote(choice_id, key)
            outcomes.append("counted")
        except VoteRefused as refusal:
            outcomes.append(refusal.reason)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=cast, args=(key,)) for key in keys]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_simultaneous_votes_are_all_counted():
    poll = make_poll()
    choice = poll.choices.first()
    outcomes = vote_in_parallel(poll, [f"visitor-{number}" for number in range(VOTERS)], choice.pk)
    assert outcomes == ["counted"] * VOTERS
    assert Choice.objects.get(pk=choice.pk).votes == VOTERS
    assert Poll.objects.get(pk=poll.pk).total_votes == VOTERS


def test_the_same_visitor_voting_twice_at_once_is_counted_once():
    poll = make_poll()
    choice = poll.choices.first()
    outcomes = vote_in_parallel(poll, ["same-visitor"] * 8, choice.pk)
    assert outcomes.count("counted") == 1 and outcomes.count(VoteRefused.ALREADY_VOTED) == 7
    assert Vote.objects.count() == 1
    assert Choice.objects.get(pk=choice.pk).votes == 1
