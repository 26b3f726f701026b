"""Facts about the visitor behind a request, in one place for every app."""

import hashlib
import hmac

from django.conf import settings


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


def visitor_hash(request, key):
    """A keyed hash of address and browser: tells a visitor apart without keeping
    the address. Whoever chooses the key decides how long it links visits (a
    daily key: unlinkable from one day to the next)."""
    message = f"{client_ip(request)}\n{request.META.get('HTTP_USER_AGENT', '')}".encode()
    return hmac.new(key.encode(), message, hashlib.sha256).hexdigest()[:32]
