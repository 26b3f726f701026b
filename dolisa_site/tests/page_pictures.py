"""What the page tests check about every <img>: real width and height, a srcset, WebP candidates.

A picture is either <picture><source type="image/webp" srcset=…><img srcset=…></picture>
(a JPEG or PNG original; the <img> carries that format for browsers without
WebP) or a lone <img> whose srcset is WebP (a WebP original).
"""

import re
from html.parser import HTMLParser


class _Pictures(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.images, self._picture, self._webp = [], False, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "picture":
            self._picture, self._webp = True, None
        elif tag == "source" and self._picture and attrs.get("type") == "image/webp":
            self._webp = attrs
        elif tag == "img":
            self.images.append({**attrs, "webp": (self._webp or {}).get("srcset") if self._picture else None})

    def handle_endtag(self, tag):
        if tag == "picture":
            self._picture, self._webp = False, None


def images(markup):
    """Each <img> as its attributes, plus "webp": the srcset of its <picture>'s WebP source (or None)."""
    parser = _Pictures()
    parser.feed(markup)
    return parser.images


def candidates(srcset):
    return [part.split()[0] for part in (srcset or "").split(",") if part.strip()]


def webp_candidates(image):
    return candidates(image["webp"] or image.get("srcset"))


def problems(markup, ignore_classes=()):
    """Why each <img> in the page falls short (an empty list when every one is right)."""
    found = []
    for image in images(markup):
        if set((image.get("class") or "").split()) & set(ignore_classes):
            continue
        name = image.get("src")
        if not re.fullmatch(r"\d+", image.get("width") or "") or not re.fullmatch(r"\d+", image.get("height") or ""):
            found.append(f"{name}: no width/height")
        if not image.get("srcset"):
            found.append(f"{name}: no srcset")
        webp = webp_candidates(image)
        if not webp or not all(url.endswith(".webp") for url in webp):
            found.append(f"{name}: no WebP candidates ({webp})")
        if image.get("srcset") and not image.get("sizes"):
            found.append(f"{name}: srcset without sizes")
    return found
