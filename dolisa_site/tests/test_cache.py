"""Clearing the cache removes this site's keys only, on a Redis the test starts."""

import pytest
import redis

from dolisa_site.cache import PortalRedisCache


@pytest.fixture
def redis_url(redis_server):
    return redis_server.url


def backend(url, prefix):
    return PortalRedisCache(url, {"KEY_PREFIX": prefix})


def test_clear_leaves_other_prefixes_alone(redis_url):
    ours, theirs = backend(redis_url, "run-1"), backend(redis_url, "run-10")
    ours.set_many({f"k{i}": i for i in range(1200)})
    theirs.set("k1", "kept")
    redis.Redis.from_url(redis_url).set("unprefixed", "kept")

    ours.clear()

    assert ours.get_many([f"k{i}" for i in range(1200)]) == {}
    assert theirs.get("k1") == "kept"
    assert redis.Redis.from_url(redis_url).get("unprefixed") == b"kept"


def test_glob_characters_in_a_prefix_match_only_themselves(redis_url):
    ours, theirs = backend(redis_url, "site[1]*"), backend(redis_url, "site1x")
    ours.set("a", 1)
    theirs.set("a", 2)
    ours.clear()
    assert (ours.get("a"), theirs.get("a")) == (None, 2)


def test_without_a_prefix_clear_empties_the_database_as_django_does(redis_url):
    plain = backend(redis_url, "")
    plain.set("a", 1)
    redis.Redis.from_url(redis_url).set("other", 1)
    plain.clear()
    assert redis.Redis.from_url(redis_url).dbsize() == 0
