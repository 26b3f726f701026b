"""The allow-list for article bodies, applied on every save whatever the browser sent: the site-wide
text structure (dolisa_site.richtext) plus pictures, figures and inline formatting.

CKEditor 5 only produces a known set of elements; anything else in a body
came from a paste or a crafted request and is dropped. Images may only come
from this site's media so an article cannot track readers through a
third-party pixel.
"""

import html
import re
from urllib.parse import unquote

import nh3
from django.conf import settings

from dolisa_site import richtext

ALLOWED_TAGS = richtext.ALLOWED_TAGS | {
    "s",
    "sub",
    "sup",
    "mark",
    "figure",
    "figcaption",
    "img",
    "picture",
    "source",
    "tfoot",
    "colgroup",
    "col",
    "hr",
    "span",
}
ALLOWED_ATTRIBUTES = {
    **richtext.ALLOWED_ATTRIBUTES,
    "img": {"src", "alt", "width", "height", "loading", "srcset", "sizes"},
    # The WebP choice of a <picture>, as the page writes it (dolisa_site.pictures).
    "source": {"srcset", "sizes", "type"},
    "figure": {"class"},
    "col": {"span"},
    "ol": {"start", "type", "reversed"},
    "*": {"style"},
}
# Alignment and table sizing from the editor; nothing that can position,
# hide or load anything.
ALLOWED_STYLES = {"text-align", "width", "height", "vertical-align", "font-weight", "font-style", "text-decoration"}
URL_SCHEMES = richtext.URL_SCHEMES
PICTURE_TYPES = {"image/webp", "image/jpeg", "image/png"}
FIGURE_CLASSES = {
    "image",
    "table",
    "image-style-side",
    "image-style-align-left",
    "image-style-align-right",
    "image-style-align-center",
    "image_resized",
}

_SAFE_STYLE_VALUE = re.compile(r"^[a-z0-9 .,%#-]{1,40}$", re.IGNORECASE)
_IMG = re.compile(r"<img\b([^>]*)>")
_ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def _is_local_media(url):
    # Browsers read "%2e%2e" as "..", so the check is on the decoded address.
    return url.startswith(settings.MEDIA_URL) and not url.startswith("//") and ".." not in unquote(url)


def _attribute_filter(tag, attribute, value):
    if tag == "img" and attribute == "src":
        return value if _is_local_media(value) else None
    if tag in {"img", "source"} and attribute == "srcset":
        candidates = [part.strip().split(" ")[0] for part in value.split(",")]
        return value if all(_is_local_media(url) for url in candidates) else None
    if tag == "source" and attribute == "type":
        return value if value in PICTURE_TYPES else None
    if tag == "figure" and attribute == "class":
        kept = [name for name in value.split() if name in FIGURE_CLASSES]
        return " ".join(kept) or None
    if attribute == "style":
        return _clean_style(value)
    if attribute in {"width", "height", "colspan", "rowspan", "span", "start"}:
        return value if value.isdigit() and len(value) <= 5 else None
    return value


def _clean_style(value):
    """Allowed properties with plain values only: no url(), expression() or escapes."""
    kept = []
    for declaration in value.split(";"):
        name, _sep, setting = declaration.partition(":")
        name, setting = name.strip().lower(), setting.strip()
        if name in ALLOWED_STYLES and _SAFE_STYLE_VALUE.match(setting):
            kept.append(f"{name}:{setting}")
    return ";".join(kept) or None


def clean_html(markup, image_size=None):
    """Sanitised HTML; every remaining <img> gets width, height and loading="lazy".

    image_size(src) returns (width, height) of a local image, or None when the
    file is unknown; such an image is removed rather than shown broken.
    """
    cleaned = nh3.clean(
        markup or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        attribute_filter=_attribute_filter,
        filter_style_properties=ALLOWED_STYLES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    return _IMG.sub(lambda match: _complete_img(match.group(1), image_size), cleaned)


def _complete_img(attributes, image_size):
    values = dict(_ATTRIBUTE.findall(" " + attributes))
    src = values.get("src")
    size = image_size(src) if (src and image_size) else None
    if not src or (image_size and size is None):
        return ""
    if size:
        values["width"], values["height"] = str(size[0]), str(size[1])
    values["loading"] = "lazy"
    values.setdefault("alt", "")
    return "<img " + " ".join(f'{name}="{value}"' for name, value in values.items()) + ">"


def html_to_text(markup):
    """The visible text of sanitised HTML, for search and descriptions."""
    return html.unescape(nh3.clean(markup or "", tags=set())).strip()
