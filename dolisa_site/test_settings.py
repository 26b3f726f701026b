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

# One scratch folder and one cache key space per test run. Processes the run
# starts (management commands, servers) inherit DOLISA_TEST_RUN and so share
# them; the process that chose the name owns the folder, and conftest.py
# creates it at the start of the session and removes it at the end.
TEST_RUN_OWNER = "DOLISA_TEST_RUN" not in os.environ
TEST_RUN = os.environ.setdefault("DOLISA_TEST_RUN", f"dolisa-tests-{os.getpid()}")
TEST_RUN_DIR = os.path.join(tempfile.gettempdir(), TEST_RUN)
MEDIA_ROOT = os.path.join(TEST_RUN_DIR, "media")
STATIC_ROOT = os.path.join(TEST_RUN_DIR, "static")
# Tests and the live server read static files from the app folders; the
# hashed production storage has its own test (test_static_files.py).
STORAGES = {
    **STORAGES,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# Each test run uses its own key space in a shared Redis; clearing the cache
# removes only that (dolisa_site.cache).
if "KEY_PREFIX" in CACHES["default"]:  # noqa: F405
    CACHES["default"]["KEY_PREFIX"] = TEST_RUN  # noqa: F405
# Without Redis, the machine-wide cache (and the visitor-count buffer kept
# beside it) goes with the run's scratch folder: each run has its own.
if CACHES["default"]["BACKEND"].endswith("MachineCache"):  # noqa: F405
    CACHES["default"]["LOCATION"] = os.path.join(TEST_RUN_DIR, "cache")  # noqa: F405
