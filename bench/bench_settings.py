"""The portal's production settings with one extra page, the minimal view (bench_urls.py), served
through the portal's middleware. Used by bench/run only; never by the portal itself."""

from dolisa_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
