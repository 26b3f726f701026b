"""Counters in the cache, for public forms that must not be hammered.

A per-visitor counter is keyed by a hash of the visitor's address
(request_info.client_ip) salted with SECRET_KEY, so the cache never holds a
raw IP address; a site-wide one (per_visitor=False) counts everyone together,
against many addresses at once. Each expires with its window. Logins have
django-axes; this is for everything else.
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
    per_visitor: bool = True  # False: one counter for the whole site

    @property
    def _whom(self):
        return "from one address" if self.per_visitor else "across the whole site"

    def _key(self, request):
        if not self.per_visitor:
            return f"throttle:{self.name}:site"
        digest = hashlib.sha256(f"{settings.SECRET_KEY}|{client_ip(request)}".encode()).hexdigest()[:32]
        return f"throttle:{self.name}:{digest}"

    def is_exceeded(self, request):
        count = cache.get(self._key(request), 0)
        if count >= self.limit:
            logger.warning("Throttled %s: %d attempts within %d s %s", self.name, count, self.window, self._whom)
            return True
        return False

    def record(self, request):
        return self._count(self._key(request))

    def hit(self, request):
        """Count one attempt and say whether it is over the limit (checking and counting in one step).

        The operator's log gets one line when the limit is reached, not one per refused attempt.
        """
        count = self._count(self._key(request))
        if count == self.limit + 1:
            logger.warning(
                "Throttle %s: limit of %d attempts within %d s reached %s; further attempts are refused",
                self.name,
                self.limit,
                self.window,
                self._whom,
            )
        return count > self.limit

    def _count(self, key):
        # add() starts the window; incr() keeps its original expiry.
        if cache.add(key, 1, self.window):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # expired between add() and incr()
            cache.add(key, 1, self.window)
            return 1
