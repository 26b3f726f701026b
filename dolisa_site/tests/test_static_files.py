"""Production static files: collected with hashed names, served by WhiteNoise."""

import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

PRODUCTION_STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}


@pytest.fixture(scope="module")
def collected(tmp_path_factory):
    root = tmp_path_factory.mktemp("static")
    with override_settings(STATIC_ROOT=str(root), STORAGES=PRODUCTION_STORAGES):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def test_pages_link_hashed_files_served_for_a_year(collected, db):
    with override_settings(STATIC_ROOT=str(collected), STORAGES=PRODUCTION_STORAGES):
        client = Client()
        html = client.get("/").content.decode()
        stylesheet = re.search(r'href="(/static/site/css/site\.[0-9a-f]{12}\.css)"', html)
        assert stylesheet, "site.css is not linked by its hashed name"
        assert re.search(r'src="/static/site/js/site\.[0-9a-f]{12}\.js"', html)
        response = client.get(stylesheet.group(1))
        assert response.status_code == 200
        assert "immutable" in response.headers["Cache-Control"]
        css = b"".join(response.streaming_content).decode()
        assert re.search(r"fonts/be-vietnam-pro-vietnamese-400-normal\.[0-9a-f]{12}\.woff2", css)
