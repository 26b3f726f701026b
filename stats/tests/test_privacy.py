"""No visitor address is stored: not in any table, not in the cache."""

import sqlite3

import pytest
from django.core.cache import caches
from django.db import connection

from stats import buffer
from stats.flush import flush

from .conftest import PHONE, article_path

pytestmark = [pytest.mark.urls("stats.tests.urls"), pytest.mark.django_db]

ADDRESSES = ["203.0.113.77", "2001:db8::4a:77", "198.51.100.203"]


def table_contents():
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            for row in cursor.fetchall():
                yield table, " ".join(str(value) for value in row)


def cache_contents():
    current = buffer.get_buffer()
    if isinstance(current, buffer.RedisBuffer):
        client = current._client
        for key in client.scan_iter():
            kind = client.type(key).decode()
            value = {
                "string": client.get,
                "hash": client.hgetall,
                "set": client.smembers,
                "zset": lambda name: client.zrange(name, 0, -1),
                "list": lambda name: client.lrange(name, 0, -1),
            }[kind](key)
            yield key.decode(), repr(value)
    elif isinstance(current, buffer.MachineBuffer):
        files = sqlite3.connect(current.path)
        tables = [name for (name,) in files.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        for table in tables:
            for row in files.execute(f'SELECT * FROM "{table}"'):
                yield f"buffer {table}", repr(row)
        files.close()
        shared = caches["default"]._cache
        for key in shared:
            yield f"machine cache {key}", repr(shared.get(key))
    else:
        yield "local buffer", repr(vars(current))
        yield "local cache", repr(caches["default"]._cache)


def test_no_address_reaches_a_table_or_the_cache(visit, article, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for address in ADDRESSES:
        visit(article_path(article), ip="127.0.0.1", HTTP_X_FORWARDED_FOR=address)
        visit("/", ip="127.0.0.1", HTTP_X_FORWARDED_FOR=address, user_agent=PHONE)
    before = list(cache_contents())
    assert flush() == 2 * len(ADDRESSES)
    stored = list(table_contents()) + before + list(cache_contents())
    assert any(place == "stats_dailystat" for place, _text in stored)  # the scan does see the counts
    assert any(place.startswith(("buffer seen", "local buffer")) or ":stats:seen:" in place for place, _ in before)
    leaks = [(place, address) for place, text in stored for address in ADDRESSES if address in text]
    assert leaks == []
