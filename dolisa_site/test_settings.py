"""Settings for the test suite: the real settings, made deterministic.

DATABASE_URL and REDIS_URL still come from the environment, so the same suite
runs on SQLite + local memory and on PostgreSQL + Redis (see .ci/run).
"""

import os
import tempfile

# A developer's .env (from the demo) must not change what the tests see.
os.environ["DOLISA_ENV_FILE"] = os.devnull
os.environ.setdefault("SECRET_KEY", "tests-only-secret-key-not-for-production-0123456789")
os.environ.setdefault("SECURE_SSL_REDIRECT", "off")
os.environ.setdefault("DEBUG", "off")
os.environ.setdefault("SERVE_MEDIA", "on")

from .settings import *  # noqa: F403

_TMP = tempfile.mkdtemp(prefix="dolisa-tests-")
MEDIA_ROOT = os.path.join(_TMP, "media")
STATIC_ROOT = os.path.join(_TMP, "static")
os.makedirs(STATIC_ROOT, exist_ok=True)
# Tests and the live server read static files from the app folders; the
# hashed production storage has its own test (test_static_files.py).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Each test run uses its own key space in a shared Redis.
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = f"dolisa-test-{os.getpid()}"  # noqa: F405
