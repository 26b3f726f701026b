import pytest
from django.template import Context, Template
from django.test import RequestFactory

from dolisa_site import widgets


@pytest.fixture
def registry(monkeypatch):
    monkeypatch.setattr(widgets, "_registry", {slot: {} for slot in widgets.SLOTS})
    return widgets


def render_slot(name, **context):
    request = RequestFactory().get("/")
    return Template('{% load site_tags %}{% slot "' + name + '" %}').render(Context({"request": request, **context}))


def test_blocks_render_in_order(registry, tmp_path, settings):
    (tmp_path / "a.html").write_text("[A {{ value }}]")
    (tmp_path / "b.html").write_text("[B]")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    registry.register("sidebar.top", "b", "b.html", order=20)
    registry.register("sidebar.top", "a", "a.html", context=lambda request: {"value": request.path}, order=10)
    assert render_slot("sidebar.top") == "[A /][B]"


def test_a_block_whose_context_is_none_is_left_out(registry, tmp_path, settings):
    (tmp_path / "a.html").write_text("[A]")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    registry.register("home.main", "a", "a.html", context=lambda request: None)
    assert render_slot("home.main") == ""


def test_block_context_does_not_leak_into_the_page(registry, tmp_path, settings):
    (tmp_path / "a.html").write_text("{{ title }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    registry.register("sidebar.top", "a", "a.html", context=lambda request: {"title": "khối"})
    template = Template('{% load site_tags %}{% slot "sidebar.top" %}|{{ title }}')
    assert template.render(Context({"request": RequestFactory().get("/"), "title": "trang"})) == "khối|trang"


def test_unknown_slot_is_refused(registry):
    with pytest.raises(ValueError, match="Unknown widget slot"):
        registry.register("footer", "x", "x.html")


def test_contact_block_sits_in_the_sidebar(client, db):
    assert "widget--contact" in client.get("/").content.decode()
