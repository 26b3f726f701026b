from django import template

register = template.Library()


@register.filter
def as_percent(value):
    """A whole-number percentage, or "—" when there is nothing to divide by."""
    return "—" if value is None else f"{value}%"
