"""The portal's settings without its middleware, serving only the minimal view (minimal_urls.py):
bench/run's reference server. Never used by the portal itself."""

from dolisa_site.settings import *  # noqa: F403

ROOT_URLCONF = "minimal_urls"
MIDDLEWARE = []
