"""An edit made by another process (a shell, an import, another worker or app server)
reaches every server process's cached pages on its next request — on the embedded
default (SQLite and the machine-wide cache) as on PostgreSQL and Redis.

The server is gunicorn with two workers, on a copy of the test database, sharing
the test run's cache; the edit comes from `manage.py shell` in a process of its own.
"""

import os
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from dolisa_site.tests.factories import make_menu, make_profile
from dolisa_site.tests.redis_servers import free_port
from news.tests.factories import make_article, make_category

ROOT = Path(settings.BASE_DIR)


@contextmanager
def database_copy(tmp_path):
    """A database URL holding what the test database holds now."""
    if connection.vendor == "sqlite":
        target = tmp_path / "copy.sqlite3"
        with connection.cursor() as cursor:
            cursor.execute("VACUUM INTO %s", [str(target)])
        yield f"sqlite:///{target}"
        return
    if connection.vendor != "postgresql":
        pytest.skip(f"no copy recipe for {connection.vendor}")
    import psycopg

    source = connection.settings_dict
    name = f"{source['NAME']}_copy_{os.getpid()}"
    connection.close()  # a template database must have no other session
    admin = dict(host=source["HOST"] or "127.0.0.1", port=source["PORT"] or 5432, user=source["USER"])
    with psycopg.connect(dbname="postgres", autocommit=True, **admin, password=source["PASSWORD"] or None) as pg:
        pg.execute(f'DROP DATABASE IF EXISTS "{name}"')
        pg.execute(f'CREATE DATABASE "{name}" TEMPLATE "{source["NAME"]}"')
    try:
        password = f":{source['PASSWORD']}" if source["PASSWORD"] else ""
        yield f"postgres://{source['USER']}{password}@{admin['host']}:{admin['port']}/{name}"
    finally:
        with psycopg.connect(dbname="postgres", autocommit=True, **admin, password=source["PASSWORD"] or None) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def process_env(database_url):
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_SETTINGS_MODULE": "dolisa_site.test_settings"}
    env.pop("LD_PRELOAD", None)  # a faked clock for the suite must not reach the server's timeouts
    return env


@contextmanager
def gunicorn(env, workers=2):
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "dolisa_site.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/healthz", timeout=2)
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise AssertionError("gunicorn did not start: " + server.stderr.read().decode()[-2000:])
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def get(base, path="/"):
    with urllib.request.urlopen(base + path, timeout=10) as response:
        return response.headers.get("X-Page-Cache"), response.read().decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_edit_from_another_process_is_on_every_workers_next_page(tmp_path):
    make_profile()
    make_menu()
    article = make_article(make_category("Lao động - Việc làm", slug="lao-dong"), title="Tiêu đề trước khi sửa")
    with database_copy(tmp_path) as url:
        env = process_env(url)
        with gunicorn(env) as base:
            seen = [get(base) for _ in range(8)]
            assert all("Tiêu đề trước khi sửa" in html for _, html in seen)
            assert "hit" in {state for state, _ in seen}  # the workers serve it from the shared cache
            edit = (
                "from news.models import Article; "
                f"Article.objects.filter(pk={article.pk}).update(title='Tiêu đề sửa từ tiến trình khác')"
            )
            subprocess.run([sys.executable, "manage.py", "shell", "-c", edit], cwd=ROOT, env=env, check=True)
            after = [get(base) for _ in range(8)]
            assert all("Tiêu đề sửa từ tiến trình khác" in html for _, html in after), [s for s, _ in after]
