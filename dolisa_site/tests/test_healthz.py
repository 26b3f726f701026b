from django.db import connections
from django.test import override_settings

from dolisa_site import views


def test_healthy_site_answers_200_with_json(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response.headers["Cache-Control"]


def test_healthz_is_not_redirected_to_https(client, db):
    with override_settings(SECURE_SSL_REDIRECT=True):
        assert client.get("/healthz").status_code == 200
        assert client.get("/").status_code == 301


def test_broken_database_gives_503_naming_it(client, db, monkeypatch, caplog):
    """A real connection to a database that cannot be reached."""
    broken = connections.create_connection("default")
    if broken.vendor == "sqlite":
        broken.settings_dict = {**broken.settings_dict, "NAME": "/nonexistent-dir/db.sqlite3"}
    else:
        broken.settings_dict = {**broken.settings_dict, "PORT": "1"}  # nothing listens there
    monkeypatch.setattr(views, "connection", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "failed": ["database"]}
    assert "Health check: database unreachable" in caplog.text


def test_broken_cache_gives_503_naming_it(client, db, caplog):
    unreachable = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
    }
    with override_settings(CACHES=unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"status": "error", "failed": ["cache"]}
    assert "Health check: cache unusable" in caplog.text
