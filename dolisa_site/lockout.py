"""Login lockout counting (django-axes) that survives a cache outage.

Axes' cache handler counts failed logins in the default cache (Redis in
production), so no address is written to a table. With Redis unreachable the
portal's cache answers every read with a miss, which would turn lockout off
silently, and axes' `incr` after a failed `add` would raise in the middle of a
failed login. Instead, while the cache's circuit breaker is open the counts go
to this process's memory: logins keep working, and lockout keeps working per
process (with several gunicorn workers an attacker gets the limit once per
worker, for as long as the outage lasts). One English warning per outage says
so. Counts made in memory are dropped when Redis answers again.
"""

import logging
import weakref

from axes.handlers.cache import AxesCacheHandler
from axes.helpers import get_cache
from django.core.cache.backends.locmem import LocMemCache

logger = logging.getLogger(__name__)

# Per circuit breaker (one per Redis address): the stand-in memory and whether
# the current outage has been logged.
_fallbacks = weakref.WeakKeyDictionary()


class _Fallback:
    def __init__(self, breaker):
        self.memory = LocMemCache(f"dolisa-lockout-{id(breaker)}", {"OPTIONS": {"MAX_ENTRIES": 10_000}})
        self.in_use = False


class OutageProofCache:
    """The cache axes sees: the real one while it answers, this process's memory while not."""

    def __init__(self, cache):
        self.cache = cache
        self.breaker = getattr(cache, "breaker", None)
        if self.breaker is not None and self.breaker not in _fallbacks:
            _fallbacks[self.breaker] = _Fallback(self.breaker)

    def _down(self):
        return self.breaker is not None and self.breaker.is_open

    def _call(self, name, *args, **kwargs):
        if not self._down():
            try:
                result = getattr(self.cache, name)(*args, **kwargs)
            except ValueError:  # incr() of a key the cache lost as it went down
                if not self._down():
                    raise
            else:
                if not self._down():
                    fallback = _fallbacks.get(self.breaker) if self.breaker is not None else None
                    if fallback is not None and fallback.in_use:
                        fallback.in_use = False
                        fallback.memory.clear()
                        logger.warning("Login lockout: the cache answers again; failed logins are counted there again")
                    return result
        fallback = _fallbacks[self.breaker]
        if not fallback.in_use:
            fallback.in_use = True
            logger.warning(
                "Login lockout: the cache is unreachable; failed logins are counted in this process's memory "
                "only (the limit applies per worker) until it answers again"
            )
        return getattr(fallback.memory, name)(*args, **kwargs)

    def get(self, *args, **kwargs):
        return self._call("get", *args, **kwargs)

    def add(self, *args, **kwargs):
        return self._call("add", *args, **kwargs)

    def incr(self, *args, **kwargs):
        return self._call("incr", *args, **kwargs)

    def touch(self, *args, **kwargs):
        return self._call("touch", *args, **kwargs)

    def delete(self, *args, **kwargs):
        return self._call("delete", *args, **kwargs)


class LockoutCacheHandler(AxesCacheHandler):
    """AxesCacheHandler counting through OutageProofCache, with the cache looked up
    on each use (the handler lives as long as the process; caches are per thread)."""

    def __init__(self):
        pass

    @property
    def cache(self):
        return OutageProofCache(get_cache())
