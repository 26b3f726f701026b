from django.utils.functional import SimpleLazyObject

from .models import MenuItem, SiteProfile


def _mark_active(items, path):
    """Copies of cached menu entries with "active" set for the current page."""
    marked = []
    for item in items:
        children = _mark_active(item["children"], path)
        link = item["link"]
        here = not item["external"] and (path == link or (link != "/" and path.startswith(link)))
        marked.append({**item, "children": children, "active": here or any(child["active"] for child in children)})
    return marked


def site(request):
    """The department profile and the main menu, for the shared layout: read when a template first
    uses them, so a response that shows neither (the sitemap's XML) costs no query for them."""
    return {
        "site_profile": SimpleLazyObject(SiteProfile.load),
        "main_menu": SimpleLazyObject(lambda: _mark_active(MenuItem.tree(), request.path)),
    }
