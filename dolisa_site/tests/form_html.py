"""What a form field's aria-describedby points at, read from the page's HTML (for the public form tests).

A screen reader reads a field's help text and errors only through the ids its
aria-describedby names: each must be an element of the page. ``descriptions``
returns the text of each, in order, and fails when a named id is missing.
"""

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.by_id = {}  # id -> attributes of the element
        self.text = {}  # id -> the element's text
        self._open = []  # (tag, id or None) of the open elements

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.by_id[attrs["id"]] = attrs
            self.text[attrs["id"]] = ""
        if tag not in VOID:
            self._open.append((tag, attrs.get("id")))

    def handle_endtag(self, tag):
        while self._open:
            open_tag, _ = self._open.pop()
            if open_tag == tag:
                break

    def handle_data(self, data):
        for _, element_id in self._open:
            if element_id:
                self.text[element_id] += data


def descriptions(html, field_id):
    """The texts the field's aria-describedby names, in order (an AssertionError if one is missing)."""
    page = _Page()
    page.feed(html)
    assert field_id in page.by_id, f"no element with id {field_id!r}"
    names = (page.by_id[field_id].get("aria-describedby") or "").split()
    missing = [name for name in names if name not in page.by_id]
    assert not missing, f"{field_id} is described by {missing}, which the page does not have"
    return [" ".join(page.text[name].split()) for name in names]
