"""The portal's URLs plus the minimal view (minimal_urls.py), for bench/run's portal servers."""

import sys
from pathlib import Path

from django.urls import path

from dolisa_site.urls import handler500  # noqa: F401
from dolisa_site.urls import urlpatterns as site_urlpatterns

# minimal_urls.py sits beside this file, however this module was found (PYTHONPATH or a file path).
sys.path.insert(0, str(Path(__file__).resolve().parent))
from minimal_urls import PATH, minimal

urlpatterns = [path(PATH, minimal), *site_urlpatterns]
