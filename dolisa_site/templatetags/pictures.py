"""Every picture a page shows goes through these tags (dolisa_site/pictures.py says how).

    {% picture article.cover_image "wide" sizes="(min-width: 960px) 520px, 100vw" alt=article.cover_alt class="x" %}
    {% rendition photo.image "full" as full %}{{ full.url }} {{ full.width }}
    {{ article.body|body_pictures:"(min-width: 960px) 760px, 100vw" }}

Pictures are lazy; one above the fold says loading="eager", and the page's
largest picture (the lead story) fetchpriority="high" too.
"""

from django import template
from django.utils.safestring import mark_safe

from dolisa_site import pictures

register = template.Library()


@register.simple_tag
def picture(source, kind="wide", sizes=None, alt="", **attrs):
    """`class`, `loading`, `fetchpriority` and any other keyword become attributes of the <img>."""
    if not source:
        return ""
    return pictures.picture_html(source, kind, sizes=sizes, alt=alt, attrs=attrs)


@register.simple_tag
def rendition(source, kind="full", image_format="webp"):
    """The largest copy of one kind (url, width, height), for a link or a CSS background.

    image_format="original" gives the copy in the original format (image-set()'s fallback).
    A picture without renditions gives the stored file; no picture gives None.
    """
    if not source:
        return None
    found = pictures.renditions(source, kind)
    if found is None:
        return pictures.original_copy(source)
    if image_format == "original":
        return found.fallback or found.largest
    return found.largest


@register.filter
def body_pictures(markup, sizes="100vw"):
    """Sanitised article HTML with its pictures as renditions (cached by content)."""
    return mark_safe(pictures.rewrite_body_images(str(markup or ""), sizes))
