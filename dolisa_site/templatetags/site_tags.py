from django import template
from django.utils.safestring import mark_safe

from dolisa_site import widgets

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
