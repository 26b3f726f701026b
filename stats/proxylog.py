"""Counting the pages nginx's micro-cache answered without asking Django (docs/deploy/nginx.conf).

Every page a visitor gets is counted exactly once, by one of two counters:

* a request nginx passes to Django (a cache MISS, EXPIRED or BYPASS) is
  counted by the middleware, as without nginx;
* a request nginx answers from its cache (HIT, STALE, UPDATING, REVALIDATED)
  never reaches Django; nginx writes it, and only it, to a log of its own
  (`access_log … if=$dolisa_served_from_cache`), and `manage.py
  count_cached_views` reads that log and counts each line here with the same
  rules and the same code as the middleware.

The log is written in nginx's last phase, when the cache status and the
response status are final, so the two sets never overlap and nothing falls
between them. (nginx's `mirror` cannot do this: it fires before the cache is
looked up, so it cannot tell a hit from a miss, and it would cost a Python
request per cached page.) With proxy_cache_lock a request that waited for
another's fetch is a HIT; without background updates a stale page served
while one request refreshes it is UPDATING, and the refreshing request itself
is the MISS Django counts.

How far the log has been read is kept in the database (LogPosition, one row
per log file, locked while a chunk is counted, so two readers never count a
line twice). A chunk's counts go to the buffer before its new position is
committed: if the process is killed between the two, that chunk (at most
CHUNK_LINES lines) is counted again on the next run. Log rotation (rename,
as Debian's logrotate does for nginx) is followed through the rotated file
"<log>.1"; a file truncated in place is read again from its start.
"""

import json
import logging
import os
from dataclasses import dataclass
from datetime import datetime, timezone
from urllib.parse import unquote_to_bytes

from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from dolisa_site.viewcounts import ViewedObject

from . import rules

logger = logging.getLogger(__name__)

VIEWED_HEADER = "X-Viewed-Object"
SERVED_FROM_CACHE = {"HIT", "STALE", "UPDATING", "REVALIDATED"}
# A 304 answered from the cache is a page view as the middleware sees it: it
# counts the 200 the view made before ConditionalGetMiddleware turns it into a 304.
COUNTED_STATUSES = {200, 304}
CHUNK_LINES = 2000
READ_BYTES = 4 * 1024 * 1024
# The request headers the rules read, as nginx's log_format names them.
HEADERS = {
    "agent": "HTTP_USER_AGENT",
    "forwarded": "HTTP_X_FORWARDED_FOR",
    "purpose": "HTTP_PURPOSE",
    "sec_purpose": "HTTP_SEC_PURPOSE",
    "x_purpose": "HTTP_X_PURPOSE",
    "x_moz": "HTTP_X_MOZ",
}


def format_viewed(viewed):
    parts = [f"{viewed.label}:{viewed.pk}"]
    if viewed.within_label is not None and viewed.within_pk is not None:
        parts.append(f"{viewed.within_label}:{viewed.within_pk}")
    return " ".join(parts)


def parse_viewed(value):
    """The ViewedObject format_viewed() wrote, or None."""
    try:
        pairs = [part.rsplit(":", 1) for part in value.split()]
        (label, pk), *within = [(label, int(pk)) for label, pk in pairs]
    except ValueError:
        return None
    if within:
        return ViewedObject(label=label, pk=pk, within_label=within[0][0], within_pk=within[0][1])
    return ViewedObject(label=label, pk=pk)


def request_from(entry):
    """The request Django would have seen, rebuilt from a log line."""
    request = HttpRequest()
    request.method = entry.get("method", "")
    raw_path = entry.get("uri", "").split("?", 1)[0]
    # As Django's WSGI handler makes request.path: percent-decoded UTF-8.
    request.path = request.path_info = unquote_to_bytes(raw_path).decode("utf-8", "replace")
    # The socket peer Django sees behind nginx is nginx itself, on this machine.
    request.META = {"REQUEST_METHOD": request.method, "REMOTE_ADDR": "127.0.0.1", "HTTP_HOST": entry.get("host", "")}
    for name, header in HEADERS.items():
        if entry.get(name):
            request.META[header] = entry[name]
    # nginx never answers a request carrying a session from its cache (proxy_cache_bypass).
    request.user = AnonymousUser()
    return request


def count_entry(entry):
    """Count one log line if it is a page view; returns (counted, born)."""
    from . import middleware

    try:
        status = int(entry.get("status", 0))
        moment = datetime.fromtimestamp(float(entry["time"]), tz=timezone.utc)
    except (KeyError, TypeError, ValueError):
        return False, None
    if entry.get("cache") not in SERVED_FROM_CACHE or status not in COUNTED_STATUSES:
        return False, None
    request = request_from(entry)
    response = HttpResponse(status=200, content_type=entry.get("type") or "application/octet-stream")
    if not rules.is_page_view(request, response):
        return False, None
    return True, middleware.record_page_view(request, parse_viewed(entry.get("viewed", "")), moment)


def parse_line(raw):
    # Headers reach Django as ISO-8859-1 (PEP 3333); read the log's bytes the
    # same way, so the visitor's agent hashes to the same visitor.
    try:
        entry = json.loads(raw.decode("iso-8859-1"))
    except ValueError:
        logger.warning("Visitor statistics: unreadable line in the nginx cache log skipped: %r", raw[:200])
        return None
    return entry if isinstance(entry, dict) else None


@dataclass
class Source:
    path: str
    inode: int
    start: int
    rotated: bool = False  # the file the log was renamed to; the live file follows it


def next_source(path, position):
    """Which file holds the next unread lines, and from where; None when there is no log yet."""
    try:
        live = os.stat(path)
    except FileNotFoundError:
        return None
    if position.inode == live.st_ino:
        if live.st_size < position.offset:
            logger.warning("Visitor statistics: %s was truncated; reading it again from its start", path)
            return Source(path, live.st_ino, 0)
        return Source(path, live.st_ino, position.offset)
    if position.inode:
        rotated = f"{path}.1"
        try:
            if os.stat(rotated).st_ino == position.inode:
                return Source(rotated, position.inode, position.offset, rotated=True)
        except FileNotFoundError:
            pass
        logger.error(
            "Visitor statistics: %s was rotated more than once since it was last read; "
            "the cached page views in the files in between are not counted",
            path,
        )
    return Source(path, live.st_ino, 0)


def read_lines(source, limit=CHUNK_LINES):
    """Up to `limit` complete lines from source.start, and the offset after them."""
    with open(source.path, "rb") as handle:
        handle.seek(source.start)
        data = handle.read(READ_BYTES)
    lines = data.split(b"\n")[:-1][:limit]  # the piece after the last newline is still being written
    return lines, source.start + sum(len(line) + 1 for line in lines)


def count_chunk(path):
    """Count the next chunk of the log; returns (lines read, page views counted, born of the buffer)."""
    from .models import LogPosition

    with transaction.atomic():
        position, _created = LogPosition.objects.select_for_update().get_or_create(path=str(path))
        source = next_source(path, position)
        if source is None:
            return 0, 0, None
        lines, end = read_lines(source)
        if not lines and source.rotated:
            # The renamed file is finished: go on with the live one from its start.
            position.inode, position.offset = os.stat(path).st_ino, 0
            position.save()
            return count_chunk(path)
        counted, born = 0, None
        for raw in lines:
            entry = parse_line(raw)
            if entry is None:
                continue
            was_counted, entry_born = count_entry(entry)
            if was_counted:
                counted += 1
                born = entry_born
        position.inode, position.offset = source.inode, end
        position.save()
    return len(lines), counted, born


def count_log(path):
    """Count everything new in the log; returns (lines read, page views counted, born)."""
    path = os.path.abspath(path)  # one position per file, however the path was written
    total_lines = total_counted = 0
    born = None
    while True:
        lines, counted, chunk_born = count_chunk(path)
        total_lines, total_counted = total_lines + lines, total_counted + counted
        born = chunk_born if chunk_born is not None else born
        if not lines:
            return total_lines, total_counted, born
