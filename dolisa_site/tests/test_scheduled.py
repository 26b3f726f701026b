"""dolisa_site.scheduled: a cached block of scheduled content answers its model's next scheduled
moment with its own rows, so a cold cache runs one query for both, and the moment still rules."""

from datetime import datetime, timedelta

import pytest
import time_machine
from django.utils import timezone

from dolisa_site import caching, scheduled
from dolisa_site.models import MenuItem, WebLink

pytestmark = pytest.mark.django_db

START = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.get_fixed_timezone(7 * 60))
MOMENT = START + timedelta(minutes=5)  # sooner than a block's longest life (caching.BLOCK_SECONDS)


@pytest.fixture
def block(monkeypatch):
    """MenuItem watched with a due function (for this test only) that says MOMENT; a block of it
    whose read() says MOMENT too; every call of either recorded."""
    monkeypatch.setattr(caching, "_watched", dict(caching._watched))
    monkeypatch.setattr(caching, "_tables", dict(caching._tables))
    calls = []

    def plain_due(now):
        calls.append(("due", now))
        return MOMENT if now < MOMENT else None

    def read(now):
        calls.append(("read", now))
        return (MOMENT if now < MOMENT else None), f"as of {timezone.localtime(now):%H:%M:%S}"

    scheduled.watch(MenuItem, due=plain_due)

    def look_up():
        return scheduled.cached("test:scheduled", read, of=MenuItem, shows=[MenuItem])

    with time_machine.travel(START, tick=False) as clock:
        yield look_up, calls, clock


def test_from_a_cold_cache_the_block_answers_the_moment_and_is_built_from_the_same_read(block):
    look_up, calls, clock = block
    assert look_up() == "as of 09:00:00"
    assert calls == [("read", START)]  # the plain due function never ran
    assert look_up() == "as of 09:00:00" and len(calls) == 1  # kept


def test_the_block_is_not_kept_past_the_moment_its_read_answered(block):
    look_up, calls, clock = block
    look_up()
    clock.shift(timedelta(minutes=4, seconds=59))
    assert look_up() == "as of 09:00:00"
    clock.shift(timedelta(seconds=2))
    assert look_up() == "as of 09:05:01"
    assert [kind for kind, _now in calls] == ["read", "read"]


def test_anything_else_showing_the_model_asks_the_plain_due_function(block):
    look_up, calls, clock = block
    assert caching.cached("test:other", lambda: "other", shows=[MenuItem]) == "other"
    assert calls == [("due", START)]
    # The moment is known now: the block is built by read() alone, and still follows the moment.
    assert look_up() == "as of 09:00:00"
    assert calls == [("due", START), ("read", START)]
    clock.shift(timedelta(minutes=6))
    assert look_up() == "as of 09:06:00"


def test_once_looked_up_the_block_leaves_the_due_function_plain(block):
    look_up, calls, clock = block
    look_up()
    caching.changed(MenuItem)  # a new generation: the moment is asked again
    caching.cached("test:other", lambda: "other", shows=[MenuItem])
    assert calls[-1] == ("due", START)


def test_a_block_reads_the_schedule_only_of_a_model_it_shows(block):
    look_up, calls, clock = block
    with pytest.raises(ValueError, match="does not show it"):
        scheduled.cached("test:wrong", lambda now: (None, 1), of=MenuItem, shows=[WebLink])
