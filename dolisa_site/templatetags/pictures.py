"""Every picture a page shows goes through these tags (dolisa_site/pictures.py says how).

    {% picture article.cover_image "wide" sizes="(min-width: 960px) 520px, 100vw" alt=article.cover_alt class="x" %}
    {% rendition photo.image "full" as full %}{{ full.url }} {{ full.width }}
    {{ article.body|body_pictures:"(min-width: 960px) 760px, 100vw" }}

Pictures are lazy; one above the fold says loading="eager", and the page's
largest picture (the lead story) fetchpriority="high" too. The header banner,
a CSS background, is preloaded from <head>:

    {% preload_rendition site_profile.banner "banner" %}
"""

from django import template
from django.utils.html import format_html
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


@register.simple_tag
def preload_rendition(source, kind):
    """<link rel="preload"> for the copy {% rendition %} gives a CSS background (the header banner).

    A background is found only once the stylesheet has arrived and the page is
    laid out; preloaded, it is fetched with the stylesheet, first among the
    pictures (fetchpriority="high"): on a page without a lead picture it is the
    largest thing painted. The WebP copy is what image-set() picks (a browser
    without WebP skips the preload by its type).
    """
    found = rendition(source, kind)
    if found is None:
        return ""
    webp = found.url.lower().endswith(".webp")
    return format_html(
        '<link rel="preload" as="image" href="{}"{} fetchpriority="high">',
        found.url,
        mark_safe(' type="image/webp"') if webp else "",
    )


@register.filter
def body_pictures(markup, sizes="100vw"):
    """Sanitised article HTML with its pictures as renditions (cached by content)."""
    return mark_safe(pictures.rewrite_body_images(str(markup or ""), sizes))
