"""The caching mechanism's rules: which writes change what, one rebuild at a time, a cache
failure is a miss."""

import threading
import time

import pytest
from django.db import transaction
from django.test import override_settings

from dolisa_site import caching
from dolisa_site.models import MenuItem
from news.models import Article
from polls.models import Choice

pytestmark = pytest.mark.django_db


def test_django_writes_name_the_tables_they_change():
    article = caching.tag_of(Article)
    assert caching._tags_written('UPDATE "news_article" SET "title" = %s WHERE "news_article"."id" = %s') == (article,)
    assert caching._tags_written('INSERT INTO "news_article" ("title") VALUES (%s) RETURNING "id"') == (article,)
    assert caching._tags_written('DELETE FROM "news_article" WHERE "news_article"."id" IN (%s)') == (article,)
    assert caching._tags_written("  update `news_article` set `title` = %s") == (article,)
    # The many-to-many table of a watched model belongs to it.
    assert caching._tags_written('TRUNCATE "news_article", "auth_user";') == (article,)
    assert caching._tags_written('SELECT "news_article"."id" FROM "news_article"') == ()
    assert caching._tags_written('UPDATE "auth_user" SET "last_login" = %s') == ()


def test_live_figures_change_nothing_cached():
    # A flush adding views, a vote adding to its choice: shown at most a minute late, by design.
    assert (
        caching._tags_written(
            'UPDATE "news_article" SET "view_count" = ("news_article"."view_count" + %s) WHERE "news_article"."id" = %s'
        )
        == ()
    )
    assert caching._tags_written('UPDATE "polls_choice" SET "votes" = ("polls_choice"."votes" + 1)') == ()
    # ... but the same statement changing a shown field too does change it.
    assert caching._tags_written('UPDATE "news_article" SET "view_count" = %s, "title" = %s') == (
        caching.tag_of(Article),
    )
    # bulk_update writes CASE WHEN ("news_article"."id" = ...): the id there is not an assignment.
    sql = 'UPDATE "polls_choice" SET "votes" = CASE WHEN ("polls_choice"."id" = %s) THEN %s ELSE NULL END'
    assert caching._tags_written(sql) == ()
    assert caching.tag_of(Choice) in caching.watched()


def test_every_write_through_the_orm_bumps_its_model():
    tag = caching.tag_of(MenuItem)
    before = caching.generations([tag])[tag]
    item = MenuItem.objects.create(title="Mục mới", link="/moi/")
    after_create = caching.generations([tag])[tag]
    MenuItem.objects.filter(pk=item.pk).update(title="Mục đã sửa")
    after_update = caching.generations([tag])[tag]
    MenuItem.objects.filter(pk=item.pk).delete()
    after_delete = caching.generations([tag])[tag]
    assert len({before, after_create, after_update, after_delete}) == 4


def test_a_block_is_rebuilt_after_a_change_and_not_before():
    calls = []

    def build():
        calls.append(1)
        return list(MenuItem.objects.values_list("title", flat=True))

    assert caching.cached("test:menu", build, shows=[MenuItem]) == []
    assert caching.cached("test:menu", build, shows=[MenuItem]) == []
    assert len(calls) == 1
    MenuItem.objects.create(title="Trang chủ", link="/")
    assert caching.cached("test:menu", build, shows=[MenuItem]) == ["Trang chủ"]
    assert len(calls) == 2


def test_the_generation_is_bumped_again_when_the_transaction_commits(django_capture_on_commit_callbacks):
    tag = caching.tag_of(MenuItem)
    with django_capture_on_commit_callbacks(execute=True):
        with transaction.atomic():
            MenuItem.objects.create(title="Mục", link="/muc/")
            during = caching.generations([tag])[tag]
    assert caching.generations([tag])[tag] != during


def test_one_rebuild_at_a_time_the_others_wait_for_it():
    builds = []
    started = threading.Barrier(6)

    def build():
        builds.append(threading.get_ident())
        time.sleep(0.3)
        return "built"

    results = []

    def visit():
        started.wait()
        results.append(caching.cached("test:slow", build, shows=["test:slow"]))

    threads = [threading.Thread(target=visit) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == ["built"] * 6
    assert len(builds) == 1


def test_a_cache_that_fails_is_a_miss_not_an_error(client):
    broken = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with override_settings(CACHES={**broken, "progress": broken["default"]}):
        response = client.get("/")
        assert response.status_code == 200
        assert caching.cached("test:broken", lambda: 42, shows=[MenuItem]) == 42


def test_changes_are_seen_under_a_frozen_clock():
    """Generations owe nothing to the clock: tests freeze it, and servers' clocks are set back."""
    import time_machine

    with time_machine.travel("2026-03-02 09:00 +07:00", tick=False):
        calls = []
        caching.cached("test:frozen", lambda: calls.append(1), shows=[MenuItem])
        MenuItem.objects.create(title="Mục", link="/muc/")
        caching.cached("test:frozen", lambda: calls.append(1), shows=[MenuItem])
    assert len(calls) == 2
