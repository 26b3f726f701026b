"""{% inline_script %} and {% inline_stylesheet %}: see dolisa_site/inline_assets.py."""

from django import template
from django.utils.safestring import mark_safe

from dolisa_site import inline_assets

register = template.Library()


@register.simple_tag
def inline_script(name):
    """A script of INLINE_SCRIPTS written into the page; its hash is in the CSP's script-src."""
    return mark_safe(f"<script>{inline_assets.script_source(name)}</script>")


@register.simple_tag
def inline_stylesheet(name):
    """A small static stylesheet written into the page: no request to wait for before the first paint."""
    return mark_safe(f"<style>{inline_assets.stylesheet_source(name)}</style>")
