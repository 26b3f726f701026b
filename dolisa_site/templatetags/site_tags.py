from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dolisa_site import pagecache, widgets

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name):
    """Render the blocks apps registered for a named slot (see widgets.py)."""
    request = context.get("request")
    parts = []
    for widget in widgets.for_slot(name):
        extra = {}
        if widget.context is not None:
            extra = widget.context(request)
            if extra is None:
                continue
        block = context.template.engine.get_template(widget.template)
        with context.push(widget=widget, **extra):
            parts.append(block.render(context))
    return mark_safe("".join(parts))


@register.simple_tag(takes_context=True)
def form_token(context):
    """The CSRF field of a public form. On a page the page cache may keep it is left empty and
    filled in by static/site/js/forms.js when the form is sent: a kept page holds no visitor's token."""
    request = context.get("request")
    if request is not None and request.method != "POST" and pagecache.is_anonymous_request(request):
        return mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="" data-form-token>')
    token = get_token(request) if request is not None else ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)
