"""The sample nginx configuration (docs/deploy/nginx.conf), cut into the parts tests run for real,
with the reader bench/run uses for its micro-cache case (one reader of the sample's blocks)."""

import importlib.util
from pathlib import Path

from django.conf import settings

NGINX_CONF = Path(settings.BASE_DIR) / "docs" / "deploy" / "nginx.conf"

_spec = importlib.util.spec_from_file_location("bench_run", Path(settings.BASE_DIR) / "bench" / "run.py")
_bench_run = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_bench_run)
location_block = _bench_run.location_block
