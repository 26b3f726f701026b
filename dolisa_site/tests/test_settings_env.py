"""Settings come from the environment alone; production needs no code edits."""

import json
import os
import subprocess
import sys

from django.conf import settings

PRODUCTION_ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "DOLISA_ENV_FILE": os.devnull,
    "DJANGO_SETTINGS_MODULE": "dolisa_site.settings",
    "SECRET_KEY": "k" * 20 + "production-like-secret-key-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "sldtbxh.example.gov.vn",
}

PROBE = """
import json
from django.conf import settings
import django
django.setup()
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "ssl_redirect": settings.SECURE_SSL_REDIRECT,
    "secure_cookies": settings.SESSION_COOKIE_SECURE,
    "hosts": settings.ALLOWED_HOSTS,
    "language": settings.LANGUAGE_CODE,
    "time_zone": settings.TIME_ZONE,
    "use_tz": settings.USE_TZ,
}))
"""


def run_python(code, **env):
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION_ENV, **env},
        capture_output=True,
        text=True,
    )


def probe(**env):
    result = run_python(PROBE, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_defaults_are_safe_for_production():
    seen = probe()
    assert seen["debug"] is False
    assert seen["ssl_redirect"] is True and seen["secure_cookies"] is True
    assert seen["engine"] == "django.db.backends.sqlite3"
    assert seen["cache"] == "dolisa_site.machine_cache.MachineCache"  # shared by the machine's processes
    assert seen["hosts"] == ["sldtbxh.example.gov.vn"]
    assert (seen["language"], seen["time_zone"], seen["use_tz"]) == ("vi", "Asia/Ho_Chi_Minh", True)


def test_database_and_redis_urls_switch_the_backends():
    seen = probe(DATABASE_URL="postgres://dolisa:pw@db.internal:5432/dolisa", REDIS_URL="redis://cache.internal:6379/2")
    assert seen["engine"] == "django.db.backends.postgresql"
    assert seen["db_name"] == "dolisa"
    assert seen["cache"] == "dolisa_site.cache.PortalRedisCache"
    assert seen["cache_location"] == "redis://cache.internal:6379/2"


def test_missing_secret_key_stops_the_server():
    env = dict(PRODUCTION_ENV)
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_env_file_is_read_but_real_environment_wins(tmp_path):
    env_file = tmp_path / "env"
    env_file.write_text("DEBUG=on\nALLOWED_HOSTS=from-file.example\nSECURE_SSL_REDIRECT=off\n")
    seen = probe(DOLISA_ENV_FILE=str(env_file))
    assert seen["debug"] is True and seen["ssl_redirect"] is False
    assert seen["hosts"] == ["sldtbxh.example.gov.vn"]


def deploy_check(tmp_path, **env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=settings.BASE_DIR,
        env={**PRODUCTION_ENV, "VAR_DIR": str(tmp_path), **env},
        capture_output=True,
        text=True,
    )


def test_deployment_checks_pass_with_production_settings(tmp_path):
    result = deploy_check(tmp_path, REDIS_URL="redis://127.0.0.1:6379/9")
    assert result.returncode == 0, result.stdout + result.stderr


def test_deployment_checks_ask_for_a_shared_cache(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    assert "dolisa.W001" in result.stderr and "REDIS_URL" in result.stderr


def test_empty_secret_key_stops_the_server():
    result = run_python(PROBE, SECRET_KEY="  ")
    assert result.returncode != 0
    assert "SECRET_KEY is set but empty" in result.stderr
