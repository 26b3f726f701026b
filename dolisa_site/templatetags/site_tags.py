from django import template
from django.middleware.csrf import get_token
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from dolisa_site import caching, pagecache, pagination, widgets

register = template.Library()


@register.simple_tag(takes_context=True)
def slot(context, name):
    """Render the blocks apps registered for a named slot (see widgets.py); for anonymous
    visitors, the HTML of the blocks registered with ``keep`` comes from the cache."""
    request = context.get("request")
    anonymous = request is not None and pagecache.is_anonymous_request(request)
    parts = []
    for widget in widgets.for_slot(name):
        if widget.keep and anonymous:
            html = caching.rendered(
                f"{name}:{widget.name}", lambda widget=widget: _render(context, widget, request), shows=widget.shows
            )
        else:
            html = _render(context, widget, request)
        parts.append(html)
    return mark_safe("".join(parts))


def _render(context, widget, request):
    extra = {}
    if widget.context is not None:
        extra = widget.context(request)
        if extra is None:
            return ""
    block = context.template.engine.get_template(widget.template)
    with context.push(widget=widget, **extra):
        return block.render(context)


@register.simple_tag(takes_context=True)
def form_token(context):
    """The CSRF field of a public form. On a page the page cache may keep it is left empty and
    filled in by static/site/js/forms.js when the form is sent: a kept page holds no visitor's token."""
    request = context.get("request")
    if request is not None and request.method != "POST" and pagecache.is_anonymous_request(request):
        return mark_safe('<input type="hidden" name="csrfmiddlewaretoken" value="" data-form-token>')
    token = get_token(request) if request is not None else ""
    return format_html('<input type="hidden" name="csrfmiddlewaretoken" value="{}">', token)


@register.simple_tag(takes_context=True)
def page_navigation(context, page_obj):
    """The links of includes/pagination.html, the one pagination of every public list: a news
    keyset page brings its own (news.paging); a counted Django Page gets numbered ``?page=N`` links,
    the request's other parameters kept."""
    return getattr(page_obj, "nav", None) or pagination.numbered_navigation(context["request"], page_obj)
