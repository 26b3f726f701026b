"""Small static files written into the page instead of linked from <head>.

A browser paints nothing until every stylesheet and every script without
`defer` in <head> has arrived: on a phone each is a round trip before the
first paint (Lighthouse's "render-blocking resources"). The layout keeps one
such request, site/css/site.css, shared by every page and cached for a year.
What else a page needs before its first paint is written into it:

- the script that applies the reader's remembered text size before the first
  paint (site/js/prefs.js; deferred, the page would reflow under their eyes).
  The Content-Security-Policy allows no inline script, so the SHA-256 of each
  script in INLINE_SCRIPTS is listed in script-src (settings.py reads
  `script_hashes()`); a script not listed cannot be inlined.
- a page's own small stylesheet (procedures.css on the procedure pages,
  news.css on the news pages); the policy allows inline styles. A stylesheet
  with url() or @import cannot be inlined: its relative addresses would be read
  against the page's address.

Nothing here imports Django at module level: settings.py imports it.
"""

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

STATIC_DIR = Path(__file__).resolve().parent / "static"
# The scripts a template may write inline (static path -> file). Each one's hash is in the CSP.
INLINE_SCRIPTS = {"site/js/prefs.js": STATIC_DIR / "site" / "js" / "prefs.js"}
# Beyond this a stylesheet is better linked: cached once instead of sent with every page.
STYLESHEET_MAX_BYTES = 16 * 1024


class InlineAssetError(ValueError):
    pass


def script_source(name):
    """The text written between <script> and </script> for a script of INLINE_SCRIPTS."""
    try:
        path = INLINE_SCRIPTS[name]
    except KeyError:
        raise InlineAssetError(
            f"{name} is not in dolisa_site.inline_assets.INLINE_SCRIPTS: the CSP would refuse it inline"
        ) from None
    return _script_source(path)


@lru_cache
def _script_source(path):
    text = path.read_text(encoding="utf-8").strip()
    if "</script" in text.lower():
        raise InlineAssetError(f"{path} contains </script and cannot be written inline")
    return text


def csp_hash(text):
    """The CSP source allowing an inline script or style whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "'sha256-{}'".format(base64.b64encode(digest).decode("ascii"))


def script_hashes():
    """The script-src sources of every script of INLINE_SCRIPTS, for settings.CONTENT_SECURITY_POLICY."""
    return [csp_hash(script_source(name)) for name in INLINE_SCRIPTS]


def stylesheet_source(name):
    """The text of the static stylesheet `name` (as for {% static %}), checked fit to inline."""
    from django.conf import settings

    if settings.DEBUG:  # edits show up without a restart
        _stylesheet_source.cache_clear()
    return _stylesheet_source(name)


@lru_cache(maxsize=32)
def _stylesheet_source(name):
    from django.contrib.staticfiles import finders

    path = finders.find(name)
    if not path:
        raise InlineAssetError(f"no static file {name}")
    text = Path(path).read_text(encoding="utf-8").strip()
    lowered = text.lower()
    if "url(" in lowered or "@import" in lowered:
        raise InlineAssetError(f"{name} refers to other files (url() or @import): link it instead")
    if "</style" in lowered:
        raise InlineAssetError(f"{name} contains </style and cannot be written inline")
    if len(text.encode("utf-8")) > STYLESHEET_MAX_BYTES:
        raise InlineAssetError(f"{name} is over {STYLESHEET_MAX_BYTES} bytes: link it instead")
    return text
