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


# --- Blocks kept rendered (keep=True) ----------------------------------------------------


@pytest.fixture
def kept_menu_block(registry, tmp_path, settings):
    """A kept block showing the menu through the cache, counting its renders."""
    from dolisa_site import caching
    from dolisa_site.models import MenuItem

    (tmp_path / "menu.html").write_text("{% for title in titles %}[{{ title }}]{% endfor %}{{ who }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    renders = []

    def context(request):
        renders.append(1)
        titles = caching.cached("test:menu-titles", lambda: [m.title for m in MenuItem.objects.all()], shows=[MenuItem])
        return {"titles": titles, "who": "staff" if getattr(request, "staff", False) else ""}

    registry.register("sidebar.top", "menu", "menu.html", context=context, keep=True)
    return renders


def staff_request():
    request = RequestFactory().get("/", HTTP_COOKIE="sessionid=abc")
    request.staff = True
    return request


@pytest.mark.django_db
def test_a_kept_block_is_rendered_once_and_follows_what_it_read(kept_menu_block):
    from dolisa_site.models import MenuItem

    MenuItem.objects.create(title="Tin tức", link="/tin-tuc/")
    assert render_slot("sidebar.top") == "[Tin tức]"
    assert render_slot("sidebar.top") == "[Tin tức]"
    assert len(kept_menu_block) == 1
    MenuItem.objects.create(title="Văn bản", link="/van-ban/")
    assert render_slot("sidebar.top") == "[Tin tức][Văn bản]"
    assert len(kept_menu_block) == 2


@pytest.mark.django_db
def test_a_kept_block_is_never_kept_for_a_signed_in_visitor_nor_shown_to_one(kept_menu_block):
    template = Template('{% load site_tags %}{% slot "sidebar.top" %}')
    assert template.render(Context({"request": staff_request()})) == "staff"
    assert render_slot("sidebar.top") == ""  # the anonymous visitor does not get the staff copy
    assert template.render(Context({"request": staff_request()})) == "staff"  # nor staff the kept one
    assert len(kept_menu_block) == 3


@pytest.mark.django_db
def test_a_page_showing_a_kept_block_depends_on_what_the_block_read(kept_menu_block):
    from dolisa_site import caching
    from dolisa_site.models import MenuItem

    with caching.collecting() as first:
        render_slot("sidebar.top")  # rendered, and kept
    with caching.collecting() as second:
        render_slot("sidebar.top")  # from the kept HTML
    assert len(kept_menu_block) == 1
    assert caching.tag_of(MenuItem) in first.state().generations
    assert caching.tag_of(MenuItem) in second.state().generations


@pytest.mark.django_db
def test_a_kept_block_holding_a_live_figure_is_kept_no_longer_than_the_figure(registry, tmp_path, settings):
    import time_machine

    from dolisa_site import caching

    (tmp_path / "live.html").write_text("{{ figure }}")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path]}]
    figures = iter(range(100))

    def context(request):
        return {"figure": caching.cached("test:live", lambda: next(figures), shows=[], timeout=60, record=False)}

    registry.register("sidebar.top", "live", "live.html", context=context, keep=True)
    with time_machine.travel("2026-03-02 08:00 +0700", tick=False) as clock:
        assert render_slot("sidebar.top") == "0"
        clock.shift(59)
        assert render_slot("sidebar.top") == "0"
        clock.shift(2)
        assert render_slot("sidebar.top") == "1"
