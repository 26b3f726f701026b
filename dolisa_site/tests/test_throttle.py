from django.core.cache import cache
from django.test import RequestFactory

from dolisa_site.throttle import Throttle

SENDING = Throttle("test-sending", limit=2, window=60)


def request_from(address):
    return RequestFactory().post("/", REMOTE_ADDR=address)


def test_a_visitor_is_stopped_after_the_limit_and_others_are_not(caplog):
    visitor = request_from("203.0.113.9")
    for _ in range(SENDING.limit):
        assert not SENDING.is_exceeded(visitor)
        SENDING.record(visitor)
    assert SENDING.is_exceeded(visitor)
    assert "Throttled test-sending: 2 attempts within 60 s" in caplog.text
    assert not SENDING.is_exceeded(request_from("198.51.100.4"))


def test_the_counter_key_holds_no_raw_address():
    key = SENDING._key(request_from("203.0.113.9"))
    SENDING.record(request_from("203.0.113.9"))
    assert cache.get(key) == 1
    assert "203.0.113.9" not in key
