"""Responsive renditions of every picture the site shows, and the markup that uses them.

A picture is shown through one of a few kinds (KINDS): WebP copies at several
widths for srcset, plus one copy in the original format for the rare browser
without WebP, each with its real width and height so the page does not shift
while it loads. `{% picture %}` (dolisa_site/templatetags/pictures.py) writes
the markup; `rewrite_body_images` does the same for pictures inside article
bodies.

Where the copies come from: sorl-thumbnail makes them and remembers each one
in its key-value store (the thumbnail_kvstore table behind the cache). They
are made ahead of any page view: when a picture is saved (the post_save
receiver below, Article.save for covers and body pictures), by
`manage.py prepare_pictures` for pictures that arrived without a save
(fixtures, bulk loads) and by setup_demo. A page that finds a copy missing
makes it once, and from then on it is in the store like the others.

A page asks the store only the first time a process shows a picture: the
answer is kept in process memory, keyed by the stored file name, and written
to a small list file beside the copies (one read for a new worker instead of a
store lookup per copy). That is safe because uploads are stored under
generated names (dolisa_site.uploads) and a replaced picture gets a new name,
so what a name shows never changes. Whoever deletes the copies by hand
(`manage.py thumbnail clear_delete_all`) deletes MEDIA_ROOT/cache/ whole, lists
included, runs `manage.py prepare_pictures` and restarts the app server.
"""

import hashlib
import html
import json
import logging
import os
import re
import threading
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote

from django.conf import settings
from django.core.files.storage import default_storage
from django.db.models.fields.files import FieldFile
from django.utils.html import format_html, format_html_join
from PIL import Image

from . import caching

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Kind:
    """The copies made of a picture for one way of showing it.

    `widths` are candidates for srcset (those above the picture's own width
    are left out); `ratio` (width, height) crops to that shape around the
    centre; `fixed` pictures are shown at the first width (a logo, a
    portrait), so width/height name that size and the others serve sharper
    screens; otherwise they are fluid and width/height only give the shape.
    `fallback` False: WebP only (a link target, not an <img>).
    """

    widths: tuple
    ratio: tuple | None = None
    fixed: bool = False
    fallback: bool = True


KINDS = {
    # Covers, body pictures: from a phone's screen to a wide column on a sharp screen.
    "wide": Kind((240, 480, 720, 960, 1280)),
    # Teasers in lists: at most a phone's width (the same files as "wide" up to 720).
    "thumb": Kind((240, 480, 720)),
    # Gallery thumbnails, 3:2 like the album grid.
    "photo": Kind((240, 360, 480, 720), ratio=(3, 2)),
    # The gallery's enlarged photo (a link the lightbox opens): one large WebP copy.
    "full": Kind((1600,), fallback=False),
    # The header banner, a CSS background: one large copy in each format (image-set()).
    "banner": Kind((1600,)),
    "logo": Kind((80, 160), fixed=True),
    "portrait": Kind((160, 320), fixed=True),
    "link-logo": Kind((150, 300), fixed=True),
}
# Which kinds to make for each stored picture when it is saved, and by `manage.py
# prepare_pictures`: (model label, field) -> kinds. Pictures inside rich text
# (an article body) are made as "wide" from PREPARED_HTML_FIELDS.
PREPARED_FIELDS = {
    ("news.article", "cover_image"): ("wide", "thumb"),
    ("gallery.photo", "image"): ("photo", "full"),
    ("dolisa_site.siteprofile", "logo"): ("logo",),
    ("dolisa_site.siteprofile", "banner"): ("banner",),
    ("dolisa_site.leader", "photo"): ("portrait",),
    ("dolisa_site.weblink", "logo"): ("link-logo",),
}
PREPARED_HTML_FIELDS = {("news.article", "body")}
WEBP_QUALITY = 78
FALLBACK_QUALITY = 80
# The copy in the original format: the largest candidate up to this width (one
# file for "wide" and "thumb" alike; only browsers without WebP fetch it).
FALLBACK_WIDTH = 720
# A candidate within this share of the picture's own width is replaced by the full width.
NEAR_FULL = 0.9
FALLBACK_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png"}
# Raised whenever what a kind makes changes, so lists of copies and rewritten article bodies are made again.
VERSION = 1
# The lists of copies, in sorl's folder beside the copies themselves (`thumbnail clear` removes both).
LIST_FOLDER = "cache/lists"
# EXIF orientations that turn the picture a quarter: its width and height swap when shown.
EXIF_ORIENTATION = 0x0112
ROTATED = {5, 6, 7, 8}


@dataclass(frozen=True)
class Copy:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Renditions:
    webp: tuple  # of Copy, narrowest first
    fallback: Copy | None  # in the original format; None when the original is WebP
    fallback_type: str = ""

    @property
    def webp_srcset(self):
        return ", ".join(f"{copy.url} {copy.width}w" for copy in self.webp)

    @property
    def fallback_srcset(self):
        return f"{self.fallback.url} {self.fallback.width}w" if self.fallback else ""

    @property
    def largest(self):
        return self.webp[-1]


_memo = {}
_memo_lock = threading.Lock()
MEMO_SIZE = 5000


def forget():
    """Drop what this process remembers (tests; after `thumbnail clear`)."""
    with _memo_lock:
        _memo.clear()


def storage_name(source):
    """The stored file name of a FieldFile, a name, or a URL under MEDIA_URL; None for anything else."""
    if isinstance(source, FieldFile):
        return source.name or None
    if not isinstance(source, str) or not source:
        return None
    if source.startswith(settings.MEDIA_URL):
        source = unquote(source[len(settings.MEDIA_URL) :])
    elif "://" in source or source.startswith("/"):
        return None
    path = PurePosixPath(source)
    if path.is_absolute() or ".." in path.parts:
        return None
    return source


def renditions(source, kind="wide"):
    """The Renditions of a picture for one kind, or None (no such file, not a picture, an animated GIF).

    Remembered per process; made and stored now if they do not exist yet.
    """
    name = storage_name(source)
    if name is None:
        return None
    key = (str(settings.MEDIA_ROOT), name, kind)  # a name means one file within one media folder
    found = _memo.get(key)
    if found is not None:
        return found
    found = _read_list(name, kind)
    if found is None:
        found = _make(name, KINDS[kind])
        if found is not None:
            _write_list(name, kind, found)
    if found is not None:
        with _memo_lock:
            if len(_memo) >= MEMO_SIZE:
                _memo.clear()
            _memo[key] = found
    return found


def _list_path(name, kind):
    """Where the list of a picture's copies of one kind is kept, beside the copies (None: storage without paths).

    One small file read answers what would otherwise be one key-value store
    lookup per copy: a new worker's first pages stay cheap on any cache.
    """
    try:
        folder = default_storage.path(LIST_FOLDER)
    except NotImplementedError:
        return None
    # VERSION in the name: lists written for what a kind made before are simply not found.
    return Path(folder) / f"{name}.{kind}.v{VERSION}.json"


def _read_list(name, kind):
    path = _list_path(name, kind)
    if path is None:
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        found = Renditions(
            webp=tuple(Copy(**copy) for copy in data["webp"]),
            fallback=Copy(**data["fallback"]) if data["fallback"] else None,
            fallback_type=data["fallback_type"],
        )
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        logger.warning("Unreadable list of copies %s (made again): %s: %s", path, type(exc).__name__, exc)
        return None
    return found if found.webp else None


def _write_list(name, kind, found):
    path = _list_path(name, kind)
    if path is None:
        return
    # Written beside it and renamed into place: another worker reads the whole list or none.
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(asdict(found)), encoding="utf-8")
        os.replace(temporary, path)
    except OSError as exc:
        # Only a cost: the next process asks the key-value store again.
        logger.warning("Could not write the list of copies %s: %s", path, exc)
        temporary.unlink(missing_ok=True)


def _stored_picture(name):
    """(format, width, height, animated) of a stored picture, its size as shown (EXIF orientation
    applied, as sorl-thumbnail and browsers do); None for a missing file or not a picture."""
    try:
        with default_storage.open(name, "rb") as handle, Image.open(handle) as image:
            width, height = image.size
            if image.getexif().get(EXIF_ORIENTATION) in ROTATED:
                width, height = height, width
            return image.format, width, height, bool(getattr(image, "is_animated", False))
    except FileNotFoundError:
        return None
    except (OSError, SyntaxError, ValueError, Image.DecompressionBombError) as exc:
        logger.warning("Stored file %s is not a readable picture: %s: %s", name, type(exc).__name__, exc)
        return None


def _widths(kind, own):
    """The copies' widths: the kind's widths that fit the picture. A picture narrower than the
    kind's largest width is also copied at its own width, which replaces a width just below it."""
    fitting = [width for width in kind.widths if width <= own]
    if len(fitting) == len(kind.widths):
        return fitting
    return [width for width in fitting if width < own * NEAR_FULL] + [own]


def _make(name, kind):
    """Make (or look up in sorl's store) the copies of a stored picture for one Kind.

    None for a missing file, not a picture, an animated picture (a WebP copy
    would keep one frame) or a format without a fallback (GIF): those are
    shown as they are.
    """
    from sorl import thumbnail

    found = _stored_picture(name)
    if found is None:
        return None
    image_format, width, height, animated = found
    if animated or (image_format not in FALLBACK_TYPES and image_format != "WEBP"):
        return None
    if kind.ratio:
        across, down = kind.ratio
        width, height = min(width, round(height * across / down)), min(height, round(width * down / across))
    widths = _widths(kind, width)
    options = {"crop": "center"} if kind.ratio else {}

    def copy(copy_width, copy_format, quality):
        geometry = f"{copy_width}x{round(copy_width * down / across)}" if kind.ratio else str(copy_width)
        made = thumbnail.get_thumbnail(name, geometry, format=copy_format, quality=quality, **options)
        return Copy(made.url, made.width, made.height)

    try:
        # The original is read once for all its copies.
        with thumbnail.source_cache():
            webp = tuple(copy(copy_width, "WEBP", WEBP_QUALITY) for copy_width in widths)
            fallback = None
            if kind.fallback and image_format != "WEBP":
                fitting = [copy_width for copy_width in widths if copy_width <= FALLBACK_WIDTH]
                fallback = copy(max(fitting) if fitting else widths[0], image_format, FALLBACK_QUALITY)
    except Exception:
        # A picture that cannot be copied is shown without copies, never a broken page.
        logger.exception("Could not make the copies of %s", name)
        return None
    return Renditions(webp=webp, fallback=fallback, fallback_type=FALLBACK_TYPES[image_format] if fallback else "")


def prepare(source, kinds=("wide",)):
    """Make the renditions of each kind (looked up when they exist); the first kind's, or None (no renditions)."""
    first = None
    for kind in kinds:
        found = renditions(source, kind)
        if found is None:
            return None  # the same file for every kind: none has renditions
        first = first or found
    return first


def original_copy(source):
    """The stored file itself as a Copy (a picture shown as it is), or None (no such file, not a picture)."""
    name = storage_name(source)
    if name is None:
        return None
    key = (str(settings.MEDIA_ROOT), name, None)
    found = _memo.get(key)
    if found is not None:
        return found
    stored = _stored_picture(name)
    if stored is None:
        return None
    found = Copy(default_storage.url(name), stored[1], stored[2])
    with _memo_lock:
        if len(_memo) >= MEMO_SIZE:
            _memo.clear()
        _memo[key] = found
    return found


def _img(attributes):
    return format_html("<img{}>", format_html_join("", ' {}="{}"', attributes.items()))


def picture_html(source, kind="wide", sizes=None, alt="", attrs=None):
    """The markup of one picture: <picture> with the WebP copies and an <img> in the original format.

    `attrs` become attributes of the <img> (class, loading, fetchpriority…;
    empty ones are left out); it is lazy unless they say otherwise. A WebP
    original is one <img>; a picture without renditions (a GIF) the stored
    file with its size; a missing file nothing.
    """
    extra = {name.replace("_", "-"): value for name, value in (attrs or {}).items() if value not in (None, "", False)}
    extra.setdefault("loading", "lazy")
    found = renditions(source, kind)
    if found is None:
        original = original_copy(source)
        if original is None:
            return ""
        size = {"width": original.width, "height": original.height}
        return _img({"src": original.url, **size, "alt": alt or "", **extra})
    fixed = KINDS[kind].fixed
    # Fixed: shown at the first width (the others are for sharper screens); fluid: the size only gives the shape.
    shown = found.webp[0] if fixed else found.largest
    sizes = sizes or (f"{shown.width}px" if fixed else "100vw")
    size = {"sizes": sizes, "width": shown.width, "height": shown.height, "alt": alt or "", **extra}
    if found.fallback is None:
        return _img({"src": shown.url, "srcset": found.webp_srcset, **size})
    img = _img({"src": found.fallback.url, "srcset": found.fallback_srcset, **size})
    return format_html(
        '<picture><source type="image/webp" srcset="{}" sizes="{}">{}</picture>', found.webp_srcset, sizes, img
    )


# --- Pictures inside article bodies --------------------------------------------------

# An <img> as news.sanitize writes it (attributes double-quoted, lower-case names).
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')
# The <picture>/<source> of an earlier rewrite (or a paste of one): written anew around each <img>.
_WRAPPERS = re.compile(r"</?(?:picture|source)\b[^>]*>")
BODY_CACHE_SECONDS = 24 * 3600


def rewrite_body_images(markup, sizes="100vw"):
    """Sanitised article HTML with each local <img> as renditions (a <picture> like `{% picture %}`'s).

    Kept in the cache by content: the same body with the same `sizes` is
    rewritten once (a changed body is another entry, VERSION starts all anew).
    A picture without renditions (gone, a GIF) stays as the sanitiser wrote it.
    """
    if not markup or "<img" not in markup:
        return markup
    digest = hashlib.sha256(f"{VERSION}\0{sizes}\0{markup}".encode()).hexdigest()
    return caching.cached(
        "pictures:body",
        lambda: _IMG.sub(lambda match: _body_picture(match.group(0), match.group(1), sizes), _WRAPPERS.sub("", markup)),
        shows=(),
        timeout=BODY_CACHE_SECONDS,
        vary=digest,
    )


def _body_picture(original, attributes, sizes):
    values = dict(_ATTRIBUTE.findall(" " + attributes))
    src = html.unescape(values.get("src", ""))
    found = renditions(src, "wide") if _is_local_media(src) else None
    if found is None:
        return original
    shown = found.largest
    style = f' style="{values["style"]}"' if values.get("style") else ""
    alt = values.get("alt", "")  # still escaped as the sanitiser wrote it
    img = (
        f'<img src="{html.escape(found.fallback.url if found.fallback else shown.url)}" '
        f'srcset="{html.escape(found.fallback_srcset if found.fallback else found.webp_srcset)}" '
        f'sizes="{html.escape(sizes)}" width="{shown.width}" height="{shown.height}" alt="{alt}"{style} loading="lazy">'
    )
    if found.fallback is None:
        return img
    source = f'<source type="image/webp" srcset="{html.escape(found.webp_srcset)}" sizes="{html.escape(sizes)}">'
    return f"<picture>{source}{img}</picture>"


def _is_local_media(url):
    return url.startswith(settings.MEDIA_URL) and not url.startswith("//") and ".." not in unquote(url)


def body_image_sources(markup):
    """The local picture addresses in sanitised HTML (to make their renditions when it is saved)."""
    sources = []
    for match in _IMG.finditer(markup or ""):
        src = html.unescape(dict(_ATTRIBUTE.findall(" " + match.group(1))).get("src", ""))
        if _is_local_media(src):
            sources.append(src)
    return sources


def prepare_body(markup):
    for src in body_image_sources(markup):
        prepare(src, ("wide",))


# --- Made when a picture is saved ----------------------------------------------------


def prepare_saved_pictures(sender, instance, raw=False, **kwargs):
    """post_save: the renditions of the registered picture fields (not while loading fixtures:
    their files may not be copied yet; `manage.py prepare_pictures` makes those)."""
    if raw:
        return
    for field_name, kinds in fields_of(sender):
        field_file = getattr(instance, field_name)
        if field_file:
            prepare(field_file, kinds)
    for field_name in html_fields_of(sender):
        prepare_body(getattr(instance, field_name))


def fields_of(model):
    label = model._meta.label_lower
    return [(field, kinds) for (model_label, field), kinds in PREPARED_FIELDS.items() if model_label == label]


def html_fields_of(model):
    label = model._meta.label_lower
    return [field for model_label, field in PREPARED_HTML_FIELDS if model_label == label]


def prepared_models():
    from django.apps import apps

    labels = {label for label, _field in PREPARED_FIELDS} | {label for label, _field in PREPARED_HTML_FIELDS}
    return [apps.get_model(label) for label in sorted(labels)]


def connect():
    from django.db.models.signals import post_save

    for model in prepared_models():
        post_save.connect(
            prepare_saved_pictures, sender=model, dispatch_uid=f"dolisa_site.pictures:{model._meta.label_lower}"
        )
