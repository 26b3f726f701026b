"""The portal's settings without visitor counting: the "off" side of
bench/stats_bench.sh, run side by side with the real settings."""

from dolisa_site.settings import *  # noqa: F403
from dolisa_site.settings import MIDDLEWARE

MIDDLEWARE = [name for name in MIDDLEWARE if name != "stats.middleware.VisitorStatsMiddleware"]
