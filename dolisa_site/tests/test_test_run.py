"""A test run's scratch space: one media folder and one cache (a key space in
Redis, a folder of its own without), shared with the processes the run
starts, removed when the run ends."""

import os
import subprocess
import sys

from django.conf import settings

PRINT_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.MEDIA_ROOT); print(settings.CACHES['default'].get('KEY_PREFIX', '-')); "
    "print(settings.CACHES['default'].get('LOCATION') if 'KEY_PREFIX' not in settings.CACHES['default'] else '-')"
)


def child_settings(env):
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS],
        env={**env, "DJANGO_SETTINGS_MODULE": "dolisa_site.test_settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.split()


def test_a_process_the_run_starts_uses_the_runs_media_folder_and_cache_keys():
    media, prefix, folder = child_settings(dict(os.environ))
    assert media == str(settings.MEDIA_ROOT)
    assert prefix == settings.CACHES["default"].get("KEY_PREFIX", "-")
    assert os.path.isdir(media)
    if folder != "-":  # the machine cache (and the visitor-count buffer beside it)
        assert folder == settings.CACHES["default"]["LOCATION"]
        assert folder.startswith(settings.TEST_RUN_DIR)


def test_a_separate_run_gets_a_folder_of_its_own_and_does_not_own_ours():
    env = {name: value for name, value in os.environ.items() if name != "DOLISA_TEST_RUN"}
    media, _prefix, folder = child_settings(env)
    assert media != str(settings.MEDIA_ROOT)
    assert folder == "-" or folder != settings.CACHES["default"]["LOCATION"]
    assert settings.TEST_RUN_OWNER
    assert str(settings.MEDIA_ROOT).startswith(settings.TEST_RUN_DIR)
