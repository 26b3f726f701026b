"""Per-visitor counters in the cache, for public forms that must not be hammered.

A counter is keyed by a hash of the visitor's address (request_info.client_ip)
salted with SECRET_KEY, so the cache never holds a raw IP address, and it
expires with its window. Logins have django-axes; this is for everything else.
"""

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

from .request_info import client_ip

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Throttle:
    name: str
    limit: int
    window: int  # seconds

    def _key(self, request):
        digest = hashlib.sha256(f"{settings.SECRET_KEY}|{client_ip(request)}".encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{digest}"

    def is_exceeded(self, request):
        count = cache.get(self._key(request), 0)
        if count >= self.limit:
            logger.warning("Throttled %s: %d attempts within %d s from one address", self.name, count, self.window)
            return True
        return False

    def record(self, request):
        key = self._key(request)
        # add() starts the window; incr() keeps its original expiry.
        if cache.add(key, 1, self.window):
            return
        try:
            cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, self.window)
