"""Facts about the visitor behind a request, in one place for every app."""

import hashlib
import hmac

from django.conf import settings

# Bot and device detection cost more than linear time in the agent's length
# (crawlerdetect: quadratic, an 8 KB agent took 5 s of CPU). Browsers send
# 100-300 characters, so what the parsers are handed is cut here, once.
USER_AGENT_MAX_LENGTH = 512
# A database id taken from a query or form value: ASCII digits, short enough
# for a 64-bit integer column.
ID_MAX_DIGITS = 18


def client_ip(request):
    """The visitor's address, trusting exactly TRUSTED_PROXY_COUNT proxies.

    Behind nginx the socket peer is nginx itself; nginx appends the real peer
    to X-Forwarded-For. Entries further left were written by the client and
    can be forged, so we count from the right.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def user_agent(request):
    """The User-Agent as every parser and rule sees it: at most USER_AGENT_MAX_LENGTH characters."""
    return request.META.get("HTTP_USER_AGENT", "")[:USER_AGENT_MAX_LENGTH]


def parse_id(value):
    """An id from a query or form value, or None.

    str.isdigit() also accepts "²" and other digits int() refuses, and
    arbitrarily long numbers that overflow the column: both were 500s.
    """
    value = "" if value is None else str(value)
    if value.isascii() and value.isdigit() and len(value) <= ID_MAX_DIGITS:
        return int(value)
    return None


def visitor_hash(request, key):
    """A keyed hash of address and browser: tells a visitor apart without keeping
    the address. Whoever chooses the key decides how long it links visits (a
    daily key: unlinkable from one day to the next)."""
    message = f"{client_ip(request)}\n{user_agent(request)}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]


def address_hash(request, key):
    """A keyed hash of the address alone, for limits per address whatever browser
    is claimed (a changed User-Agent is a new visitor_hash, not a new address)."""
    return hmac.new(key.encode(), client_ip(request).encode(), hashlib.sha256).hexdigest()[:32]
