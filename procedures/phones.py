"""The applicant's phone number as the second factor of the public dossier lookup.

It is personal data and is never stored readably: a dossier keeps only an
HMAC of the number's last four digits, bound to its code and keyed with a
secret derived from SECRET_KEY, so the stored value can be checked against
what a citizen types but not read back (and equal digits on two dossiers do
not look alike). Keys in SECRET_KEY_FALLBACKS still verify, so rotating the
secret key does not lock citizens out until the dossiers are imported again.
"""

import hmac
import re

from django.conf import settings
from django.utils.crypto import salted_hmac

DIGITS_CHECKED = 4
KEY_SALT = "dolisa.procedures.dossier-phone"
_NOT_DIGITS = re.compile(r"\D")


def digits_of(text):
    return _NOT_DIGITS.sub("", str(text or ""))


def last_digits(text):
    """The digits checked ("5678" for "0912 345 678"), or "" when there are fewer than four."""
    digits = digits_of(text)
    return digits[-DIGITS_CHECKED:] if len(digits) >= DIGITS_CHECKED else ""


def _digest(code, digits, secret):
    return salted_hmac(KEY_SALT, f"{code}|{digits}", secret=secret, algorithm="sha256").hexdigest()


def check_value(code, phone):
    """What a dossier stores for this phone number: "" when it has no usable number."""
    digits = last_digits(phone)
    return _digest(code, digits, settings.SECRET_KEY) if digits else ""


def matches(code, stored, typed):
    """Whether the digits a citizen typed are the last four of the dossier's phone number."""
    typed = digits_of(typed)
    if not stored or len(typed) != DIGITS_CHECKED:
        return False
    found = False
    for secret in [settings.SECRET_KEY, *getattr(settings, "SECRET_KEY_FALLBACKS", [])]:
        # Every key is tried, so the time taken does not tell which one matched.
        found |= hmac.compare_digest(_digest(code, typed, secret), stored)
    return found
