"""Who is voting, without knowing who: a cookie, and a keyed hash of the visitor.

The cookie stops a browser from voting twice. The hash (address and browser
description, keyed with SECRET_KEY and the date) stops the same browser with
its cookies cleared on the same day; it cannot be turned back into an address,
and because the date is part of the key, yesterday's keys cannot be linked to
today's. People behind one office router with the same browser share a key
for the day: a known limit of counting votes without accounts.

A browser that changes its description is a new visitor to that hash, so a
third key, of the address alone (same daily keying), caps how many votes one
address may cast in a poll per day (POLL_VOTES_PER_ADDRESS): generous for an
office behind one router, small next to what a script could send.
"""

from django.conf import settings
from django.utils import timezone

from dolisa_site.request_info import address_hash, visitor_hash

COOKIE_PREFIX = "tham-do-"
COOKIE_SALT = "polls.voted"
COOKIE_MAX_AGE = 365 * 24 * 60 * 60


def visitor_key(request, poll_id):
    day = timezone.localdate().isoformat()
    return visitor_hash(request, f"{settings.SECRET_KEY}|polls|{poll_id}|{day}")


def address_key(request, poll_id):
    """The address alone, keyed per poll and per day like visitor_key: counts the
    votes one address sends under any number of browser descriptions."""
    day = timezone.localdate().isoformat()
    return address_hash(request, f"{settings.SECRET_KEY}|polls-address|{poll_id}|{day}")


def cookie_name(poll_id):
    return f"{COOKIE_PREFIX}{poll_id}"


def has_voted_cookie(request, poll_id):
    return request.get_signed_cookie(cookie_name(poll_id), default=None, salt=COOKIE_SALT) is not None


def remember_vote(response, poll_id):
    response.set_signed_cookie(
        cookie_name(poll_id),
        "1",
        salt=COOKIE_SALT,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
