"""Vietnamese text rules shared by every app: NFC, slugs, the search form and the search rule.

Django's slugify() drops "đ"/"Đ" (they have no ASCII decomposition), which
would turn "Lao động" into "lao-ong"; and searching must treat "lao dong",
"Lao động" and "LAO ĐỘNG" alike on every database, so the comparison form is
computed here in Python and stored, never left to a database collation.

Every visitor search (news, documents, procedures) follows matching(): each
word of the query must begin a word of the stored search form, so "tro cap"
finds "Trợ cấp thất nghiệp", "15/2024" finds "15/2024/TT-BLĐTBXH" and "an"
does not find "bàn".
"""

import re
import unicodedata
from functools import reduce
from operator import and_

from django.db.models import Q
from django.utils.text import slugify

_D_LETTERS = str.maketrans({"đ": "d", "Đ": "D"})
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def nfc(text):
    return unicodedata.normalize("NFC", text) if text else text


def strip_diacritics(text):
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def vietnamese_slugify(text, max_length=200):
    """ "Lao động - Việc làm" → "lao-dong-viec-lam", "Số 15/QĐ" → "so-15-qd"; cut at a word boundary.

    Slashes (document numbers) separate words; dots ("3.500") join digits.
    """
    slug = slugify(strip_diacritics(text).replace("/", " "))
    if len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0] or slug[:max_length]
    return slug


def fold(text):
    """Lowercase ASCII words separated by single spaces: "Số 15/QĐ-UBND" → "so 15 qd ubnd"."""
    return " ".join(_NOT_WORD.sub(" ", strip_diacritics(text or "").lower()).split())


def search_form(text):
    """fold() padded with spaces, so a whole-word search is " word" for every word."""
    folded = fold(text)
    return f" {folded} " if folded else ""


QUERY_MAX_WORDS = 8


def query_words(query):
    """The distinct folded words of a query, at most QUERY_MAX_WORDS of them (bounds the SQL)."""
    return list(dict.fromkeys(fold(query).split()))[:QUERY_MAX_WORDS]


def matching(field, query):
    """The condition that every word of the query begins a word of `field`, a column holding search_form().

    A query without a word matches nothing. On PostgreSQL each word is a LIKE '% word%', which a
    trigram GIN index on the column serves (news and documents have one; the procedure catalogue is small).
    """
    words = query_words(query)
    if not words:
        return Q(pk__in=[])
    return reduce(and_, (Q(**{f"{field}__contains": f" {word}"}) for word in words))
