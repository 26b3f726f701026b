"""The embedded default's cache: one for every process of the machine."""

import multiprocessing
import os
import sqlite3
import stat
import time

import pytest
import time_machine
from django.core.cache import cache, caches
from django.core.signals import request_finished

from dolisa_site.machine_cache import MachineCache


@pytest.fixture
def machine(tmp_path):
    shared = MachineCache(str(tmp_path / "cache"), {"SHARDS": 4, "OPTIONS": {"disk_min_file_size": 2**20}})
    yield shared
    shared._cache.close()


def embedded_default_only():
    if not isinstance(caches["default"], MachineCache):
        pytest.skip("Redis is the cache of this run")


def test_the_embedded_default_is_the_machine_cache_and_progress_shares_it():
    embedded_default_only()
    assert isinstance(caches["progress"], MachineCache)
    assert caches["progress"].directory == caches["default"].directory


def test_get_many_answers_as_get_does(machine):
    big = b"x" * (2**20 + 10)  # past disk_min_file_size: kept in a file of its own
    values = {f"gen:tag-{number}": number for number in range(20)}
    values.update({"page": {"body": "<p>Trang chủ</p>"}, "bytes": b"\x00\x01", "big": big, "text": "Tiếng Việt"})
    machine.set_many(values, None)
    machine.set("old", 1, 10)
    machine.set("other-version", 2, version=2)
    keys = [*values, "missing", "old", "other-version"]
    with time_machine.travel(time.time() + 11):  # "old" has expired
        one_by_one = {key: machine.get(key) for key in keys if machine.get(key) is not None}
        assert machine.get_many(keys) == one_by_one
    assert set(one_by_one) == set(values)
    assert machine.get_many(["other-version", "missing"], version=2) == {"other-version": 2}
    assert machine.get_many([]) == {}


def test_connections_stay_open_after_a_request(db):
    embedded_default_only()
    cache.get_many(["warm", "up", "every", "shard", "of", "it"])
    before = [getattr(shard._local, "con", None) for shard in caches["default"]._cache._shards]
    request_finished.send(sender=None)  # Django closes every cache here
    after = [getattr(shard._local, "con", None) for shard in caches["default"]._cache._shards]
    assert before == after and any(con is not None for con in after)


def test_clear_empties_the_stores_beside_the_cache_too(machine):
    machine.set("page", "<p>Trang</p>")
    path = machine.store_path("example")
    store = sqlite3.connect(path, isolation_level=None)
    store.execute("CREATE TABLE counts (name TEXT PRIMARY KEY, count INTEGER)")
    store.execute("INSERT INTO counts VALUES ('pv', 3)")
    machine.clear()
    assert machine.get("page") is None
    assert store.execute("SELECT COUNT(*) FROM counts").fetchone() == (0,)  # emptied, still there
    store.close()


def test_only_its_owner_can_read_or_write_the_folder(machine):
    assert stat.S_IMODE(os.stat(machine.directory).st_mode) == 0o700


def _count(directory, times, start):
    shared = MachineCache(directory, {"SHARDS": 4})
    start.wait()
    for _time in range(times):
        shared.incr("throttle:site")
        shared.add("login:first", 1)


def test_processes_share_it_and_count_exactly(machine):
    """incr() and add() are atomic across processes, as login throttling needs."""
    machine.set("throttle:site", 0, None)
    context = multiprocessing.get_context("fork")
    start = context.Event()
    workers = [context.Process(target=_count, args=(machine.directory, 200, start)) for _ in range(3)]
    for worker in workers:
        worker.start()
    start.set()
    for worker in workers:
        worker.join(timeout=60)
    assert [worker.exitcode for worker in workers] == [0, 0, 0]
    assert machine.get("throttle:site") == 600
    assert machine.get("login:first") == 1
